package cloudsso

import (
	"sync"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
)

// daraPool lends each call a DARA client of its own. A DARA client is not
// safe for concurrent use: every RPC-style call takes and clears its
// one-shot debug headers (GetRpcHeaders writes Client.Headers), a data race
// when two calls share it. Every client of the pool is built from one
// config, with the same credentials and the same HTTP client, so requests
// look alike and connections are pooled once for the Client.
type daraPool struct {
	cfg  openapi.Config // the template; copied for each client, which Init writes to
	idle sync.Pool
}

func newDaraPool(cfg openapi.Config) (*daraPool, error) {
	p := &daraPool{cfg: cfg}
	// One client up front, so that a config DARA refuses fails New.
	c, err := p.get()
	if err != nil {
		return nil, err
	}
	p.put(c)
	return p, nil
}

// get returns an idle client or a new one.
func (p *daraPool) get() (*openapi.Client, error) {
	if c, ok := p.idle.Get().(*openapi.Client); ok {
		return c, nil
	}
	cfg := p.cfg
	return openapi.NewClient(&cfg)
}

// put returns a client once its call is over.
func (p *daraPool) put(c *openapi.Client) { p.idle.Put(c) }
