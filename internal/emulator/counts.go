package emulator

import (
	"cmp"
	"slices"
	"sync"
)

// Count is how many requests an API answered on a route (its pattern, ""
// for none) with a status; 0 means reset or given up before an answer.
type Count struct {
	API    string `json:"api"`
	Route  string `json:"route"`
	Status int    `json:"status"`
	N      int    `json:"count"`
}

type countKey struct {
	api, route string
	status     int
}

type counter struct {
	mu    sync.Mutex
	n     map[countKey]int
	total int
}

func newCounter() *counter { return &counter{n: map[countKey]int{}} }

func (c *counter) add(api, route string, status int) {
	c.mu.Lock()
	c.n[countKey{api, route, status}]++
	c.total++
	c.mu.Unlock()
}

func (c *counter) ResetCounts() {
	c.mu.Lock()
	c.n = map[countKey]int{}
	c.total = 0
	c.mu.Unlock()
}

// Counts returns request counts by API, route and status, sorted.
func (c *counter) Counts() []Count {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Count, 0, len(c.n))
	for k, n := range c.n {
		out = append(out, Count{API: k.api, Route: k.route, Status: k.status, N: n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.API, b.API), cmp.Compare(a.Route, b.Route), cmp.Compare(a.Status, b.Status))
	})
	return out
}

// CountsFor sums over statuses the requests an API answered on a route (its
// ServeMux pattern, e.g. "POST /v2.0/tokens").
func (c *counter) CountsFor(api, route string) int {
	total := 0
	for _, n := range c.StatusCounts(api, route) {
		total += n
	}
	return total
}

// StatusCounts counts by status; 0 counts requests that got no answer.
func (c *counter) StatusCounts(api, route string) map[int]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[int]int{}
	for k, n := range c.n {
		if k.api == api && k.route == route {
			out[k.status] += n
		}
	}
	return out
}

func (c *counter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total
}
