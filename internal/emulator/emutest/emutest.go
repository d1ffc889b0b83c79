// Package emutest holds the helpers the emulator packages' tests share; it
// is an ordinary package as _test.go files cannot reach another package's.
package emutest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Clock is a settable clock, safe for the server's goroutines.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock stopped at 2026-03-01T12:00:00Z, which tests expect.
func NewClock() *Clock { return &Clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

// Now is the API's now function.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock by d; a negative d moves it back.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// Serve serves the route sets on a test server and returns its URL.
func Serve(t testing.TB, routes ...map[string]http.Handler) string {
	t.Helper()
	mux := http.NewServeMux()
	for _, set := range routes {
		for pattern, h := range set {
			mux.Handle(pattern, h)
		}
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// AdminRoutes mounts an API's admin routes where the server does.
func AdminRoutes(t testing.TB, api string, routes map[string]http.Handler) map[string]http.Handler {
	t.Helper()
	out := make(map[string]http.Handler, len(routes))
	for rel, h := range routes {
		pattern, ok := emuhttp.AdminPattern(api, rel)
		if !ok {
			t.Fatalf("admin pattern %q needs a method and a path", rel)
		}
		out[pattern] = h
	}
	return out
}

// Response is an answer as the tests read it.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Header builds a header from name, value pairs; later pairs win.
func Header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// Send fails the test on any transport error.
func Send(t testing.TB, method, url, body string, header http.Header) Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for name, values := range header {
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// WriteFile writes body to a file name in dir and returns its path.
func WriteFile(t testing.TB, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
