package cloudsso

import (
	"sync"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
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
