package cloudsso

import (
	"sync"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
)

// maxIdleDara bounds the DARA clients kept for reuse; more concurrent calls
// than this still work, with clients made and dropped as needed.
const maxIdleDara = 32

// daraPool lends each call a DARA client of its own. A DARA client is not
// safe for concurrent use: every RPC-style call takes and clears its
// one-shot debug headers (GetRpcHeaders writes Client.Headers), a data race
// when two calls share it. Every client of the pool is built from one
// config, with the same credentials and the same HTTP client, so requests
// look alike and connections are pooled once for the Client.
type daraPool struct {
	cfg openapi.Config // the template; copied for each client, which Init writes to

	mu   sync.Mutex
	idle []*openapi.Client
}

func newDaraPool(cfg openapi.Config) (*daraPool, error) {
	p := &daraPool{cfg: cfg}
	// One client up front, so that a config DARA refuses fails New.
	c, err := p.build()
	if err != nil {
		return nil, err
	}
	p.idle = append(p.idle, c)
	return p, nil
}

func (p *daraPool) build() (*openapi.Client, error) {
	cfg := p.cfg
	return openapi.NewClient(&cfg)
}

// get returns an idle client or a new one.
func (p *daraPool) get() (*openapi.Client, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return p.build()
}

// put returns a client once its call is over.
func (p *daraPool) put(c *openapi.Client) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) < maxIdleDara {
		p.idle = append(p.idle, c)
	}
}
