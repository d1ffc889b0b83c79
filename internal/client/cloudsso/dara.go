package cloudsso

import (
	"net/http"
	"sync"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// daraPool lends each call a DARA client of its own: GetRpcHeaders writes
// Client.Headers, a data race when two calls share one. All share one
// config and HTTP client.
type daraPool struct {
	cfg  openapi.Config // copied for each client, which Init writes to
	idle sync.Pool
}

func newDaraPool(cfg openapi.Config) (*daraPool, error) {
	p := &daraPool{cfg: cfg}
	c, err := p.get()
	if err != nil {
		return nil, err
	}
	p.put(c)
	return p, nil
}

func (p *daraPool) get() (*openapi.Client, error) {
	if c, ok := p.idle.Get().(*openapi.Client); ok {
		return c, nil
	}
	cfg := p.cfg
	return openapi.NewClient(&cfg)
}

func (p *daraPool) put(c *openapi.Client) { p.idle.Put(c) }

// attempt records one HTTP exchange below DARA, whose errors keep neither
// the headers (Retry-After) nor, for a non-JSON body, the status, and
// whose connection failures are bare errors.
type attempt struct {
	op        string
	n         int
	status    int // 0 when no response arrived
	header    http.Header
	transport error
}

type attemptKey struct{}

// httpDoer is DARA's Config.HttpClient; it ignores the transport DARA
// passes, so that connections and TLS settings belong to the Client.
type httpDoer struct {
	client *http.Client
	logger httpx.Logger
}

func (d *httpDoer) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	ctx := req.Context()
	a, ok := ctx.Value(attemptKey{}).(*attempt)
	if !ok {
		a = &attempt{} // DARA sends only within call; this is for safety.
	}
	// Not the headers: they hold the signature and the STS security token.
	d.logger.Debug(ctx, "cloudsso request", map[string]any{"op": a.op, "attempt": a.n, "method": req.Method, "host": req.Host})
	resp, err := d.client.Do(req)
	if err != nil {
		a.transport = err
		return resp, err
	}
	a.status, a.header = resp.StatusCode, resp.Header
	d.logger.Debug(ctx, "cloudsso response", map[string]any{"op": a.op, "attempt": a.n, "status": resp.StatusCode})
	return resp, nil
}
