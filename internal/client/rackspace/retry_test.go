package rackspace

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// flakyServer fails the first `failures` requests with fail, then serves an
// access body, recording when each request arrived.
type flakyServer struct {
	mu       sync.Mutex
	times    []time.Time
	failures int
	fail     func(w http.ResponseWriter, r *http.Request)
}

func (s *flakyServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.times = append(s.times, time.Now())
	n := len(s.times)
	s.mu.Unlock()
	if n <= s.failures {
		s.fail(w, r)
		return
	}
	fmt.Fprint(w, `{"access":{"token":{"id":"tok","expires":"2030-01-01T00:00:00Z"},"user":{"id":"1","name":"u"}}}`)
}

func (s *flakyServer) gaps() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d []time.Duration
	for i := 1; i < len(s.times); i++ {
		d = append(d, s.times[i].Sub(s.times[i-1]))
	}
	return d
}

func (s *flakyServer) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.times)
}

func startFlaky(t *testing.T, s *flakyServer, cfg Config) *Client {
	t.Helper()
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	cfg.Endpoint = srv.URL
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var apiKeyCreds = Credentials{Username: "u", APIKey: "key-secret"}

func TestRetryTransientStatuses(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := &flakyServer{failures: 2, fail: func(w http.ResponseWriter, r *http.Request) {
				writeFault(w, status, "identityFault", "try later")
			}}
			c := startFlaky(t, s, Config{RetryWaitMin: 20 * time.Millisecond, RetryWaitMax: time.Second})
			if _, err := c.Authenticate(context.Background(), apiKeyCreds); err != nil {
				t.Fatal(err)
			}
			gaps := s.gaps()
			if len(gaps) != 2 {
				t.Fatalf("%d requests, want 3", s.requests())
			}
			// Backoff with jitter lies in [d/2, d] for d = 20ms, then 40ms.
			if gaps[0] < 10*time.Millisecond || gaps[1] < 20*time.Millisecond {
				t.Errorf("gaps %v shorter than the backoff", gaps)
			}
		})
	}
}

func TestRetryAfterCapped(t *testing.T) {
	cases := map[string]func(w http.ResponseWriter){
		// No header: the overLimit body's retryAfter is used.
		"overLimit body": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(413)
			fmt.Fprintf(w, `{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":%q}}`,
				time.Now().Add(time.Hour).Format("2006-01-02T15:04:05.000-07:00"))
		},
	}
	for name, fail := range cases {
		t.Run(name, func(t *testing.T) {
			s := &flakyServer{failures: 1, fail: func(w http.ResponseWriter, r *http.Request) { fail(w) }}
			// RetryWaitMin is tiny, so a gap near the cap proves the server's
			// wait was used, and not the exponential backoff.
			c := startFlaky(t, s, Config{RetryWaitMin: time.Millisecond, RetryWaitMax: 150 * time.Millisecond})
			if _, err := c.Authenticate(context.Background(), apiKeyCreds); err != nil {
				t.Fatal(err)
			}
			if g := s.gaps(); len(g) != 1 || g[0] < 140*time.Millisecond || g[0] > 2*time.Second {
				t.Errorf("gaps %v, want about 150ms", g)
			}
		})
	}
}

func TestRetryAfterParsing(t *testing.T) {
	date := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	now := date.Add(time.Hour) // a skewed local clock; the Date header wins
	tests := []struct {
		name   string
		header map[string]string
		body   string
		want   time.Duration
		ok     bool
	}{
		{"delta seconds", map[string]string{"Retry-After": "7"}, "", 7 * time.Second, true},
		{"zero", map[string]string{"Retry-After": "0"}, "", 0, true},
		{"http date against Date", map[string]string{"Date": date.Format(http.TimeFormat), "Retry-After": date.Add(3 * time.Second).Format(http.TimeFormat)}, "", 3 * time.Second, true},
		{"http date in the past", map[string]string{"Date": date.Format(http.TimeFormat), "Retry-After": date.Add(-time.Minute).Format(http.TimeFormat)}, "", 0, true},
		{"http date against now", map[string]string{"Retry-After": now.Add(2 * time.Second).Format(http.TimeFormat)}, "", 2 * time.Second, true},
		{"body retryAfter with offset", map[string]string{"Date": date.Format(http.TimeFormat)}, `{"overLimit":{"code":413,"retryAfter":"2024-01-01T21:04:09.500-06:00"}}`, 4500 * time.Millisecond, true},
		{"body retryAt", map[string]string{"Date": date.Format(http.TimeFormat)}, `{"overLimit":{"code":413,"retryAt":"2024-01-02T03:04:15Z"}}`, 10 * time.Second, true},
		{"header beats body", map[string]string{"Retry-After": "1"}, `{"overLimit":{"retryAfter":"2030-01-01T00:00:00Z"}}`, time.Second, true},
		{"garbage header, no body", map[string]string{"Retry-After": "soon"}, "", 0, false},
		{"negative seconds", map[string]string{"Retry-After": "-5"}, "", 0, false},
		{"body without retryAfter", nil, `{"overLimit":{"code":413,"message":"x"}}`, 0, false},
		{"nothing", nil, "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{Header: http.Header{}, Body: http.NoBody}
			for k, v := range tt.header {
				resp.Header.Set(k, v)
			}
			if tt.body != "" {
				resp.Body = &bufferedBody{Reader: bytes.NewReader([]byte(tt.body)), data: []byte(tt.body)}
			}
			got, ok := retryAfter(resp, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNoRetryOnAnswers(t *testing.T) {
	for _, tc := range []struct {
		status int
		key    string
	}{{400, "badRequest"}, {401, "unauthorized"}, {403, "forbidden"}, {404, "itemNotFound"}, {409, "badRequest"}, {413, ""}} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			s := &flakyServer{failures: 10, fail: func(w http.ResponseWriter, r *http.Request) {
				if tc.key == "" {
					w.WriteHeader(tc.status)
					return
				}
				writeFault(w, tc.status, tc.key, "no")
			}}
			c := startFlaky(t, s, Config{RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
			_, err := c.Authenticate(context.Background(), apiKeyCreds)
			if err == nil || s.requests() != 1 {
				t.Errorf("%d requests (err %v), want exactly 1", s.requests(), err)
			}
		})
	}
}

func TestRetriesExhausted(t *testing.T) {
	s := &flakyServer{failures: 100, fail: func(w http.ResponseWriter, r *http.Request) {
		writeFault(w, 503, "identityFault", "Identity is down for maintenance")
	}}
	c := startFlaky(t, s, Config{RetryMax: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
	_, err := c.Authenticate(context.Background(), apiKeyCreds)
	e := asError(t, err, KindServer)
	// The last response's own message shows it was read, not replaced.
	if e.Status != 503 || e.Message != "Identity is down for maintenance" || s.requests() != 4 {
		t.Errorf("error %v after %d requests, want 503 after 4", e, s.requests())
	}

	s = &flakyServer{failures: 100, fail: s.fail}
	c = startFlaky(t, s, Config{RetryMax: -1})
	_, _ = c.Authenticate(context.Background(), apiKeyCreds)
	if s.requests() != 1 {
		t.Errorf("RetryMax -1: %d requests, want 1", s.requests())
	}

	s = &flakyServer{failures: 100, fail: s.fail}
	c = startFlaky(t, s, Config{RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	_, _ = c.Authenticate(context.Background(), apiKeyCreds)
	if s.requests() != 11 {
		t.Errorf("default RetryMax: %d requests, want 11", s.requests())
	}
}

// TestOperationTimeoutStopsRetrying: the client's own deadline ends the
// retries of a request, though the caller's context has no deadline.
func TestOperationTimeoutStopsRetrying(t *testing.T) {
	s := &flakyServer{failures: 100, fail: func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "10")
		writeFault(w, 503, "identityFault", "Service Unavailable")
	}}
	c := startFlaky(t, s, Config{RetryWaitMax: time.Minute, OperationTimeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := c.Authenticate(context.Background(), apiKeyCreds)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v after a 200ms deadline", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v should wrap context.DeadlineExceeded", err)
	}
	wantKind(t, err, KindUnknown)
	if s.requests() != 1 {
		t.Errorf("%d requests, want 1", s.requests())
	}

	// Already over before the first request: nothing is sent.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.Authenticate(ctx, apiKeyCreds)
	if !errors.Is(err, context.Canceled) || s.requests() != 1 {
		t.Errorf("cancelled context: %v, %d requests", err, s.requests())
	}
}

func TestConnectionRefused(t *testing.T) {
	addr := httpxtest.RefusedAddr(t)
	log := &httpxtest.RecordingLogger{}
	c, err := New(Config{Endpoint: "http://" + addr, Logger: log, RetryMax: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetDomain(context.Background(), "tok-secret", "123456")
	e := asError(t, err, KindUnknown)
	if e.Status != 0 || !strings.Contains(e.Error(), "request failed") || strings.Contains(e.Error(), "http://") {
		t.Errorf("Error() = %q", e)
	}
	if !isTransient(err) {
		t.Error("a refused connection should be transient")
	}
	if n := strings.Count(log.All(), "rackspace identity request failed"); n != 3 {
		t.Errorf("%d failed attempts logged, want 3:\n%s", n, log.All())
	}
}
