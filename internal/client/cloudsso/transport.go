package cloudsso

import (
	"context"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

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

func withAttempt(ctx context.Context, a *attempt) context.Context {
	return context.WithValue(ctx, attemptKey{}, a)
}

func attemptOf(ctx context.Context) *attempt {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	return a
}

// httpDoer is DARA's Config.HttpClient; it ignores the transport DARA
// passes, so that connections and TLS settings belong to the Client.
type httpDoer struct {
	client *http.Client
	logger httpx.Logger
}

func (d *httpDoer) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	ctx := req.Context()
	a := attemptOf(ctx)
	fields := map[string]any{"method": req.Method, "host": req.Host}
	if a != nil {
		fields["op"], fields["attempt"] = a.op, a.n
	}
	// Not the headers: they hold the signature and the STS security token.
	d.logger.Debug(ctx, "cloudsso request", fields)

	resp, err := d.client.Do(req)
	if a != nil {
		if err != nil {
			a.transport = err
		} else {
			a.status, a.header = resp.StatusCode, resp.Header
		}
	}
	if err == nil {
		fields := map[string]any{"status": resp.StatusCode}
		if a != nil {
			fields["op"], fields["attempt"] = a.op, a.n
		}
		d.logger.Debug(ctx, "cloudsso response", fields)
	}
	return resp, err
}
