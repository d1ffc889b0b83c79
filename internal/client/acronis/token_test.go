package acronis

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

func TestTokenSharedAcrossGoroutines(t *testing.T) {
	s := newStub(t)
	s.tokenDelay = 50 * time.Millisecond
	c := s.start(Config{})
	var wg sync.WaitGroup
	errs := make([]error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.GetTenantMFAStatus(context.Background(), customerID)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	if c.TokenRequests() != 1 || s.tokenRequests() != 1 {
		t.Errorf("TokenRequests() = %d, server saw %d; want 1", c.TokenRequests(), s.tokenRequests())
	}
	tok := s.issuedTokens()[0]
	for _, r := range s.apiRequests() {
		if bearerOf(r) != tok {
			t.Fatalf("API request with token %q, want the shared %q", bearerOf(r), tok)
		}
	}
	if n := len(s.apiRequests()); n != 50 {
		t.Errorf("%d API requests, want 50", n)
	}
	// Later calls reuse it too.
	if _, err := c.GetTenant(context.Background(), customerID); err != nil || c.TokenRequests() != 1 {
		t.Errorf("later call: %v, %d token requests", err, c.TokenRequests())
	}
}

func TestTokenRequestShape(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{UserAgent: "authpolicy-test/1"})
	if _, err := c.GetTenant(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
	r := s.recorded()[0]
	if r.Method != http.MethodPost || r.Path != "/api/2/idp/token" {
		t.Fatalf("first request %s %s", r.Method, r.Path)
	}
	if got := r.Header.Get("Authorization"); got != "Basic "+wantBasic(testClientID, testSecret) {
		t.Errorf("Authorization %q", got)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	if ua := r.Header.Get("User-Agent"); ua != "authpolicy-test/1" {
		t.Errorf("User-Agent %q", ua)
	}
	form, err := url.ParseQuery(r.Body)
	if err != nil || len(form) != 1 || form.Get("grant_type") != "client_credentials" {
		t.Errorf("form %q: only grant_type=client_credentials expected (the secret goes in the header)", r.Body)
	}
}

func TestTokenRefreshBeforeExpiry(t *testing.T) {
	s := newStub(t)
	clock := newFakeClock()
	c := s.start(Config{Now: clock.Now})
	ctx := context.Background()
	if _, err := c.GetTenantMFAStatus(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	// 7200 s lifetime, 5 min default margin: the token is replaced from
	// 6900 s on.
	clock.Advance(6899 * time.Second)
	if _, err := c.GetTenantMFAStatus(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	if n := c.TokenRequests(); n != 1 {
		t.Fatalf("%d token requests at 6899 s, want 1", n)
	}
	clock.Advance(2 * time.Second)
	if _, err := c.GetTenantMFAStatus(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	if n := c.TokenRequests(); n != 2 {
		t.Fatalf("%d token requests at 6901 s, want 2", n)
	}
	issued := s.issuedTokens()
	reqs := s.apiRequests()
	if bearerOf(reqs[1]) != issued[0] || bearerOf(reqs[2]) != issued[1] {
		t.Errorf("tokens used %q, %q; issued %q", bearerOf(reqs[1]), bearerOf(reqs[2]), issued)
	}
	// No API request was refused on the way.
	if len(reqs) != 3 {
		t.Errorf("%d API requests, want 3", len(reqs))
	}
}

func TestExpiryMarginSettings(t *testing.T) {
	tests := []struct {
		name     string
		lifetime int
		margin   time.Duration
		// reused is the last moment the first token is still used,
		// replaced the first at which a new one is fetched.
		reused, replaced time.Duration
	}{
		{"custom margin", 7200, 15 * time.Minute, 6299 * time.Second, 6301 * time.Second},
		// The default 5 min exceeds half of 60 s, so the margin is 30 s.
		{"short lifetime", 60, 0, 29 * time.Second, 31 * time.Second},
		{"no margin", 7200, -1, 7199 * time.Second, 7200 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			s.lifetime = tt.lifetime
			clock := newFakeClock()
			start := clock.Now()
			c := s.start(Config{Now: clock.Now, ExpiryMargin: tt.margin})
			ctx := context.Background()
			if _, err := c.GetTenant(ctx, customerID); err != nil {
				t.Fatal(err)
			}
			clock.Advance(tt.reused)
			if _, err := c.GetTenant(ctx, customerID); err != nil || c.TokenRequests() != 1 {
				t.Fatalf("at %v: %v, %d token requests, want 1", clock.Now().Sub(start), err, c.TokenRequests())
			}
			clock.Advance(tt.replaced - tt.reused)
			if _, err := c.GetTenant(ctx, customerID); err != nil || c.TokenRequests() != 2 {
				t.Fatalf("at %v: %v, %d token requests, want 2", clock.Now().Sub(start), err, c.TokenRequests())
			}
		})
	}
}

func TestTokenWithoutLifetimeKeptUntilRefused(t *testing.T) {
	s := newStub(t)
	s.lifetime = 0
	clock := newFakeClock()
	c := s.start(Config{Now: clock.Now})
	ctx := context.Background()
	if _, err := c.GetTenant(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	clock.Advance(365 * 24 * time.Hour)
	if _, err := c.GetTenant(ctx, customerID); err != nil || c.TokenRequests() != 1 {
		t.Fatalf("%v, %d token requests, want 1", err, c.TokenRequests())
	}
	s.revokeAll()
	if _, err := c.GetTenant(ctx, customerID); err != nil || c.TokenRequests() != 2 {
		t.Fatalf("%v, %d token requests, want 2", err, c.TokenRequests())
	}
}

func TestTokenReplacedOnceOn401(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	if _, err := c.GetTenantMFAStatus(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	// The server drops the token early (expired on its clock, revoked).
	s.revokeAll()
	got, err := c.SetTenantMFAStatus(ctx, customerID, true)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != MFAEnabled {
		t.Errorf("status %+v", *got)
	}
	if c.TokenRequests() != 2 || s.tokenRequests() != 2 {
		t.Errorf("%d token requests (server %d), want 2", c.TokenRequests(), s.tokenRequests())
	}
	reqs := s.apiRequests()
	issued := s.issuedTokens()
	if len(reqs) != 3 {
		t.Fatalf("%d API requests, want 3 (GET, refused PUT, repeated PUT)", len(reqs))
	}
	if bearerOf(reqs[1]) != issued[0] || bearerOf(reqs[2]) != issued[1] || reqs[2].Body != `{"enabled":true}` {
		t.Errorf("PUTs with %q then %q (body %q); issued %q", bearerOf(reqs[1]), bearerOf(reqs[2]), reqs[2].Body, issued)
	}
	// The new token is kept.
	if _, err := c.GetTenant(ctx, customerID); err != nil || c.TokenRequests() != 2 {
		t.Errorf("%v, %d token requests", err, c.TokenRequests())
	}
}

func TestConcurrent401sReplaceTheTokenOnce(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	if _, err := c.GetTenant(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	s.revokeAll()
	s.update(func() { s.tokenDelay = 30 * time.Millisecond })
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.GetTenantMFAStatus(ctx, customerID); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := c.TokenRequests(); n != 2 {
		t.Errorf("%d token requests, want 2: one new token for all refused callers", n)
	}
}

func TestSecond401IsUnauthorized(t *testing.T) {
	s := newStub(t)
	// Every token is refused, however new.
	s.onAPI = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		writeEnvelope(w, 401, 401, "Access token is invalid or expired", nil)
		return true
	}
	c := s.start(Config{})
	_, err := c.GetTenantMFAStatus(context.Background(), customerID)
	e := asError(t, err, KindUnauthorized)
	if want := "acronis: get tenant MFA status: HTTP 401: Access token is invalid or expired; a newly issued token was refused as well"; e.Error() != want {
		t.Errorf("Error() = %q\nwant %q", e, want)
	}
	if c.TokenRequests() != 2 || len(s.apiRequests()) != 2 {
		t.Errorf("%d token requests, %d API requests; want 2 and 2", c.TokenRequests(), len(s.apiRequests()))
	}
}

func TestTokenFailuresRemembered(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*stubAcronis)
		want  Kind
		text  string
	}{
		{"invalid client", func(s *stubAcronis) { s.secret = "another-secret" }, KindInvalidClient,
			"acronis: request token: HTTP 401, code invalid_client: Client authentication failed; check the client ID and secret, and that the endpoint is the data center where the API client was created"},
		{"disabled client", func(s *stubAcronis) { s.disabled = true }, KindAccessDenied,
			"acronis: request token: HTTP 401, code access_denied: The client is disabled; the API client may be disabled"},
		{"bad request", func(s *stubAcronis) {
			s.onToken = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				writeTokenError(w, 400, "invalid_request", "grant_type is required")
				return true
			}
		}, KindTokenRequest, "acronis: request token: HTTP 400, code invalid_request: grant_type is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			tt.setup(s)
			c := s.start(Config{})
			ctx := context.Background()
			_, err := c.GetTenantMFAStatus(ctx, customerID)
			e := asError(t, err, tt.want)
			if e.Error() != tt.text || e.Op != opRequestToken {
				t.Errorf("Error() = %q\nwant %q", e, tt.text)
			}
			_, err2 := c.SetTenantMFAStatus(ctx, customerID, true)
			if err2 != error(e) {
				t.Errorf("second call: %v, want the remembered error", err2)
			}
			if s.tokenRequests() != 1 || c.TokenRequests() != 1 || len(s.apiRequests()) != 0 {
				t.Errorf("%d token requests (client %d), %d API requests; want 1, 1, 0",
					s.tokenRequests(), c.TokenRequests(), len(s.apiRequests()))
			}
		})
	}
}

func TestTransientTokenFailuresNotRemembered(t *testing.T) {
	for _, status := range []int{429, 500, 503} {
		s := newStub(t)
		s.onToken = func(n int, w http.ResponseWriter, _ *http.Request) bool {
			if n == 1 {
				writeTokenError(w, status, "temporarily_unavailable", "try later")
				return true
			}
			return false
		}
		c := s.start(Config{RetryMax: -1})
		_, err := c.GetTenant(context.Background(), customerID)
		if err == nil {
			t.Fatalf("%d: no error", status)
		}
		if _, err := c.GetTenant(context.Background(), customerID); err != nil {
			t.Errorf("%d: second call: %v", status, err)
		}
		if s.tokenRequests() != 2 {
			t.Errorf("%d: %d token requests, want 2", status, s.tokenRequests())
		}
	}
}

func TestEarlyRefreshFailureKeepsValidToken(t *testing.T) {
	s := newStub(t)
	clock := newFakeClock()
	c := s.start(Config{Now: clock.Now, RetryMax: -1})
	ctx := context.Background()
	if _, err := c.GetTenant(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	s.update(func() {
		s.onToken = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
			writeTokenError(w, 503, "temporarily_unavailable", "try later")
			return true
		}
	})
	// Inside the margin: the refresh fails, the old token still works.
	clock.Advance(7000 * time.Second)
	if _, err := c.GetTenant(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	if c.TokenRequests() != 2 {
		t.Errorf("%d token requests, want 2", c.TokenRequests())
	}
	// Past its expiry it is no use any more.
	clock.Advance(200 * time.Second)
	_, err := c.GetTenant(ctx, customerID)
	e := asError(t, err, KindServer)
	if e.Error() != "acronis: request token: HTTP 503, code temporarily_unavailable: try later" {
		t.Errorf("Error() = %q", e)
	}
}

func TestReplacementTokenRefused(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	if _, err := c.GetTenant(ctx, customerID); err != nil {
		t.Fatal(err)
	}
	// The secret was rotated and the old token revoked.
	s.update(func() { s.secret = "rotated-secret-value" })
	s.revokeAll()
	_, err := c.GetTenant(ctx, customerID)
	_ = asError(t, err, KindInvalidClient)
	if c.TokenRequests() != 2 {
		t.Errorf("%d token requests, want 2", c.TokenRequests())
	}
}

func TestWaiterGivesUpWithItsContext(t *testing.T) {
	s := newStub(t)
	s.tokenDelay = 300 * time.Millisecond
	c := s.start(Config{})
	done := make(chan error, 1)
	go func() {
		_, err := c.GetTenant(context.Background(), customerID)
		done <- err
	}()
	// Let the first caller start the fetch.
	for c.TokenRequests() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := c.GetTenant(ctx, customerID)
	e := asError(t, err, KindUnknown)
	if !errors.Is(err, context.DeadlineExceeded) || e.Error() != "acronis: request token: waiting for the access token: context deadline exceeded" {
		t.Errorf("waiter: %v", err)
	}
	if err := <-done; err != nil {
		t.Errorf("first caller: %v", err)
	}
	if c.TokenRequests() != 1 {
		t.Errorf("%d token requests, want 1", c.TokenRequests())
	}
}

func TestWaiterFetchesWhenStarterContextEnds(t *testing.T) {
	s := newStub(t)
	s.tokenDelay = 200 * time.Millisecond
	c := s.start(Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	starter := make(chan error, 1)
	go func() {
		_, err := c.GetTenant(ctx, customerID)
		starter <- err
	}()
	for c.TokenRequests() == 0 {
		time.Sleep(time.Millisecond)
	}
	// This caller's context lives on: it fetches once the starter gives up.
	if _, err := c.GetTenant(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
	err := <-starter
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("starter: %v", err)
	}
	_ = asError(t, err, KindUnknown)
	if c.TokenRequests() != 2 {
		t.Errorf("%d token requests, want 2", c.TokenRequests())
	}
}
