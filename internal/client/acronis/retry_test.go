package acronis

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// failAPI makes the first `failures` API requests fail with fail.
func failAPI(s *stubAcronis, failures int, fail func(w http.ResponseWriter)) {
	s.onAPI = func(n int, w http.ResponseWriter, _ *http.Request) bool {
		if n <= failures {
			fail(w)
			return true
		}
		return false
	}
}

func gaps(reqs []stubRequest) []time.Duration {
	var d []time.Duration
	for i := 1; i < len(reqs); i++ {
		d = append(d, reqs[i].At.Sub(reqs[i-1].At))
	}
	return d
}

func TestRetry503ThenSuccess(t *testing.T) {
	s := newStub(t)
	failAPI(s, 1, func(w http.ResponseWriter) { writeEnvelope(w, 503, 503, "Service Unavailable", nil) })
	c := s.start(Config{})
	got, err := c.SetTenantMFAStatus(context.Background(), customerID, true)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != MFAEnabled {
		t.Errorf("status %+v", *got)
	}
	reqs := s.apiRequests()
	if len(reqs) != 2 || c.TokenRequests() != 1 {
		t.Fatalf("%d API requests, %d token requests; want 2 and 1", len(reqs), c.TokenRequests())
	}
	// The PUT is repeated whole.
	for i, r := range reqs {
		if r.Body != `{"enabled":true}` || r.Header.Get("Content-Type") != "application/json" || bearerOf(r) != s.issuedTokens()[0] {
			t.Errorf("attempt %d: body %q, headers %v", i+1, r.Body, r.Header)
		}
	}
}

func TestRetryTransientStatuses(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			s := newStub(t)
			failAPI(s, 2, func(w http.ResponseWriter) { writeEnvelope(w, status, status, "try later", nil) })
			c := s.start(Config{RetryWaitMin: 20 * time.Millisecond, RetryWaitMax: time.Second})
			if _, err := c.GetTenant(context.Background(), customerID); err != nil {
				t.Fatal(err)
			}
			g := gaps(s.apiRequests())
			if len(g) != 2 {
				t.Fatalf("%d API requests, want 3", len(g)+1)
			}
			// Backoff with jitter lies in [d/2, d] for d = 20ms, then 40ms.
			if g[0] < 10*time.Millisecond || g[1] < 20*time.Millisecond {
				t.Errorf("gaps %v shorter than the backoff", g)
			}
		})
	}
}

func TestTokenRequestRetried(t *testing.T) {
	s := newStub(t)
	s.onToken = func(n int, w http.ResponseWriter, _ *http.Request) bool {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			writeTokenError(w, 503, "temporarily_unavailable", "try later")
			return true
		}
		return false
	}
	c := s.start(Config{})
	if _, err := c.GetTenant(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
	// Two HTTP requests, one fetch.
	if s.tokenRequests() != 2 || c.TokenRequests() != 1 {
		t.Errorf("server saw %d token requests, client counts %d; want 2 and 1", s.tokenRequests(), c.TokenRequests())
	}
	// The retry carried the credentials and the form again.
	for _, r := range s.recorded()[:2] {
		if r.Header.Get("Authorization") != "Basic "+wantBasic(testClientID, testSecret) || r.Body != "grant_type=client_credentials" {
			t.Errorf("token attempt: %v %q", r.Header, r.Body)
		}
	}
}

func TestNoRetryOnAnswers(t *testing.T) {
	for _, status := range []int{400, 403, 404, 405, 409, 415} {
		t.Run(fmt.Sprint("API ", status), func(t *testing.T) {
			s := newStub(t)
			failAPI(s, 100, func(w http.ResponseWriter) { writeEnvelope(w, status, status, "no", nil) })
			c := s.start(Config{})
			_, err := c.GetTenant(context.Background(), customerID)
			if err == nil || len(s.apiRequests()) != 1 {
				t.Errorf("%d requests (err %v), want exactly 1", len(s.apiRequests()), err)
			}
		})
	}
	// A 401 from the API is not retried as such: it is answered with one
	// new token, which the 401 test counts.
	for _, status := range []int{400, 401, 403, 404} {
		t.Run(fmt.Sprint("token ", status), func(t *testing.T) {
			s := newStub(t)
			s.onToken = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				writeTokenError(w, status, "invalid_request", "no")
				return true
			}
			c := s.start(Config{})
			_, err := c.GetTenant(context.Background(), customerID)
			if err == nil || s.tokenRequests() != 1 {
				t.Errorf("%d requests (err %v), want exactly 1", s.tokenRequests(), err)
			}
		})
	}
}

func TestRetriesExhausted(t *testing.T) {
	fail := func(w http.ResponseWriter) {
		writeEnvelope(w, 503, 503, "The account server is down for maintenance", nil)
	}
	s := newStub(t)
	failAPI(s, 100, fail)
	c := s.start(Config{RetryMax: 3})
	_, err := c.GetTenant(context.Background(), customerID)
	e := asError(t, err, KindServer)
	// The last response's own message shows it was read, not replaced.
	if e.Error() != "acronis: get tenant: HTTP 503: The account server is down for maintenance" || len(s.apiRequests()) != 4 {
		t.Errorf("error %q after %d requests, want 503 after 4", e, len(s.apiRequests()))
	}

	s = newStub(t)
	failAPI(s, 100, fail)
	c = s.start(Config{RetryMax: -1})
	_, _ = c.GetTenant(context.Background(), customerID)
	if len(s.apiRequests()) != 1 {
		t.Errorf("RetryMax -1: %d requests, want 1", len(s.apiRequests()))
	}

	s = newStub(t)
	failAPI(s, 100, fail)
	c = s.start(Config{})
	_, _ = c.GetTenant(context.Background(), customerID)
	if len(s.apiRequests()) != 11 {
		t.Errorf("default RetryMax: %d requests, want 11", len(s.apiRequests()))
	}
}

// TestOperationTimeoutStopsRetrying: the client's own deadline ends the
// retries of a request, though the caller's context has no deadline.
func TestOperationTimeoutStopsRetrying(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{RetryWaitMin: time.Millisecond, RetryWaitMax: time.Minute, OperationTimeout: 200 * time.Millisecond})
	// Fetch the token first, so that the deadline below meets the API's
	// Retry-After.
	if _, err := c.GetTenant(context.Background(), partnerID); err != nil {
		t.Fatal(err)
	}
	s.update(func() {
		failAPI(s, 100, func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "10")
			writeEnvelope(w, 503, 503, "Service Unavailable", nil)
		})
	})
	before := len(s.apiRequests())
	start := time.Now()
	_, err := c.GetTenant(context.Background(), customerID)
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %v after a 200ms deadline", took)
	}
	e := asError(t, err, KindUnknown)
	if !errors.Is(err, context.DeadlineExceeded) || e.Op != opGetTenant {
		t.Errorf("error %q should wrap context.DeadlineExceeded", err)
	}
	if n := len(s.apiRequests()) - before; n != 1 {
		t.Errorf("%d requests, want 1", n)
	}

	// Already over before the first request: nothing is sent.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before = len(s.recorded())
	_, err = c.GetTenant(ctx, customerID)
	if !errors.Is(err, context.Canceled) || len(s.recorded()) != before {
		t.Errorf("cancelled context: %v, %d requests", err, len(s.recorded())-before)
	}
}

// TestOperationTimeoutStopsTokenRetries: the deadline covers the token
// request, which the oauth2 library sends.
func TestOperationTimeoutStopsTokenRetries(t *testing.T) {
	s := newStub(t)
	s.onToken = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		w.Header().Set("Retry-After", "10")
		writeTokenError(w, 503, "temporarily_unavailable", "try later")
		return true
	}
	c := s.start(Config{RetryWaitMin: time.Millisecond, RetryWaitMax: time.Minute, OperationTimeout: 200 * time.Millisecond})
	_, err := c.GetTenant(context.Background(), customerID)
	e := asError(t, err, KindUnknown)
	if !errors.Is(err, context.DeadlineExceeded) || e.Op != opRequestToken || s.tokenRequests() != 1 {
		t.Errorf("error %q after %d token requests", err, s.tokenRequests())
	}
	// Not remembered: a later call asks again.
	s.update(func() { s.onToken = nil })
	if _, err := c.GetTenant(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
}
