package rackspace

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSessionOneLoginForConcurrentCallers(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
	f.loginDelay = 50 * time.Millisecond
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", Password: "pw", TOTPSecret: rfcSecret})

	var wg sync.WaitGroup
	tokens := make([]string, 100)
	errs := make([]error, 100)
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.Do(context.Background(), func(ctx context.Context, token string) error {
				tokens[i] = token
				return nil
			})
		}()
	}
	wg.Wait()
	for i := range 100 {
		if errs[i] != nil || tokens[i] == "" || tokens[i] != tokens[0] {
			t.Fatalf("caller %d: token %q, err %v", i, tokens[i], errs[i])
		}
	}
	// One login is two requests here: the challenge and the passcode.
	if n := f.logins(); n != 2 {
		t.Errorf("%d POST /v2.0/tokens, want 2 (one multi-factor login)", n)
	}
}

func TestSessionExactlyOneLoginRequest(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	f.loginDelay = 50 * time.Millisecond
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Access(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := f.logins(); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
	if _, err := s.Access(context.Background()); err != nil || f.logins() != 1 {
		t.Errorf("later Access: %v, %d logins", err, f.logins())
	}
}

func TestSessionRemembersFailure(t *testing.T) {
	tests := []struct {
		name  string
		user  *fakeUser
		creds Credentials
		want  Kind
		reqs  int
	}{
		{"wrong password", &fakeUser{name: "u", password: "right"}, Credentials{Username: "u", Password: "wrong"}, KindWrongPassword, 1},
		{"wrong passcode", &fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret}, Credentials{Username: "u", Password: "pw", Passcode: "000000"}, KindWrongPasscode, 2},
		{"passcode required", &fakeUser{name: "u", password: "pw", factor: "SMS"}, Credentials{Username: "u", Password: "pw"}, KindPasscodeRequired, 1},
		{"bad totp secret", &fakeUser{name: "u", password: "pw"}, Credentials{Username: "u", Password: "pw", TOTPSecret: "!!"}, KindInvalidTOTPSecret, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIdentity(t)
			f.addUser(tt.user)
			c := f.start(Config{})
			s := NewSession(c, tt.creds)
			var first error
			for i := range 10 {
				_, err := s.Access(context.Background())
				wantKind(t, err, tt.want)
				if i == 0 {
					first = err
				} else if err != first {
					t.Errorf("call %d returned a different error", i)
				}
				err = s.Do(context.Background(), func(context.Context, string) error {
					t.Fatal("fn ran without a login")
					return nil
				})
				wantKind(t, err, tt.want)
			}
			if n := f.logins(); n != tt.reqs {
				t.Errorf("%d requests, want %d", n, tt.reqs)
			}
		})
	}
}

func TestSessionForgetsTransientFailure(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	var calls atomic.Int32
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if calls.Add(1) == 1 {
			writeFault(w, 503, "identityFault", "Service Unavailable")
			return true
		}
		return false
	}
	c := f.start(Config{RetryMax: -1})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})
	_, err := s.Access(context.Background())
	wantKind(t, err, KindServer)
	a, err := s.Access(context.Background())
	if err != nil || a.Token.ID == "" {
		t.Fatalf("second Access: %v", err)
	}
	if n := f.logins(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// getDomainWith is the kind of fn the provider hands to Session.Do.
func getDomainWith(c *Client, seen *[]string, mu *sync.Mutex) func(context.Context, string) error {
	return func(ctx context.Context, token string) error {
		if seen != nil {
			mu.Lock()
			*seen = append(*seen, token)
			mu.Unlock()
		}
		_, err := c.GetDomain(ctx, token, "123456")
		return err
	}
}

func TestSessionLogsInAgainOnceOnRejectedToken(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", Password: "pw", TOTPSecret: rfcSecret})
	ctx := context.Background()
	var mu sync.Mutex
	var seen []string

	if err := s.Do(ctx, getDomainWith(c, &seen, &mu)); err != nil {
		t.Fatal(err)
	}
	f.rejectAll() // the token expires
	if err := s.Do(ctx, getDomainWith(c, &seen, &mu)); err != nil {
		t.Fatalf("Do after expiry: %v", err)
	}
	if len(seen) != 3 || seen[1] != seen[0] || seen[2] == seen[1] {
		t.Errorf("tokens used %v: want old, old, new", seen)
	}
	if n := f.logins(); n != 4 {
		t.Errorf("%d login requests, want 4 (two multi-factor logins)", n)
	}

	// If the new token is rejected too, Do gives up after one new login.
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodGet {
			writeFault(w, 401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
			return true
		}
		return false
	}
	err := s.Do(ctx, getDomainWith(c, nil, nil))
	wantKind(t, err, KindTokenInvalid)
	if n := f.logins(); n != 6 {
		t.Errorf("%d login requests, want 6", n)
	}
}

func TestSessionConcurrentRejectionsShareOneLogin(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	f.loginDelay = 20 * time.Millisecond
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})
	if _, err := s.Access(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.rejectAll()
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Do(context.Background(), getDomainWith(c, nil, nil)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := f.logins(); n != 2 {
		t.Errorf("%d login requests, want 2", n)
	}
}

func TestSessionTokenCredentialCannotRenew(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	f.tokens["tok-given-secret"] = &fakeToken{user: "u", by: []string{"APIKEY"}}
	c := f.start(Config{})
	s := NewSession(c, Credentials{Token: "tok-given-secret", TenantID: "123456"})
	ctx := context.Background()
	if err := s.Do(ctx, getDomainWith(c, nil, nil)); err != nil {
		t.Fatal(err)
	}
	f.rejectAll()
	err := s.Do(ctx, getDomainWith(c, nil, nil))
	e := asError(t, err, KindTokenInvalid)
	if !strings.Contains(e.Error(), "cannot be renewed") || strings.Contains(e.Error(), "tok-given-secret") {
		t.Errorf("Error() = %q", e)
	}
	var cause *Error
	if !errors.As(e.Unwrap(), &cause) || cause.Op != opGetDomain {
		t.Errorf("cause = %v", e.Unwrap())
	}
	if n := f.logins(); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
}

func TestSessionDoPassesOtherErrorsThrough(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k", domainID: "123456"})
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})
	sentinel := errors.New("boom")
	if err := s.Do(context.Background(), func(context.Context, string) error { return sentinel }); err != sentinel {
		t.Errorf("err = %v", err)
	}
	err := s.Do(context.Background(), func(ctx context.Context, token string) error {
		_, err := c.GetDomain(ctx, token, "999")
		return err
	})
	wantKind(t, err, KindNotFound)
	if n := f.logins(); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
}

func TestSessionWaiterContext(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	release := make(chan struct{})
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		<-release
		return false
	}
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})

	firstDone := make(chan error, 1)
	go func() {
		_, err := s.Access(context.Background())
		firstDone <- err
	}()
	for f.logins() == 0 {
		time.Sleep(time.Millisecond)
	}
	// A waiter whose context ends stops waiting; the login goes on.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := s.Access(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiter: %v", err)
	}
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	if n := f.logins(); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
}

func TestSessionStarterCancelledWaiterLogsIn(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	var calls atomic.Int32
	started := make(chan struct{})
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if calls.Add(1) == 1 {
			close(started)
			<-r.Context().Done() // hold the first login until its caller gives up
			return true
		}
		return false
	}
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})

	ctx, cancel := context.WithCancel(context.Background())
	starter := make(chan error, 1)
	go func() {
		_, err := s.Access(ctx)
		starter <- err
	}()
	<-started
	waiter := make(chan error, 1)
	go func() {
		_, err := s.Access(context.Background())
		waiter <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the waiter queue behind the login
	cancel()
	if err := <-starter; !errors.Is(err, context.Canceled) {
		t.Errorf("starter: %v", err)
	}
	if err := <-waiter; err != nil {
		t.Errorf("waiter should have logged in itself: %v", err)
	}
	if n := f.logins(); n != 2 {
		t.Errorf("%d login requests, want 2", n)
	}
}

func TestSessionLogsInAgainOnceClockPassesExpiry(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	c := f.start(Config{})
	s := NewSession(c, Credentials{Username: "u", APIKey: "k"})
	ctx := context.Background()
	setClock := func(d time.Duration) {
		f.mu.Lock()
		f.now = time.Unix(59, 0).UTC().Add(d)
		f.mu.Unlock()
	}

	first, err := s.Access(ctx)
	if err != nil {
		t.Fatal(err)
	}
	setClock(24*time.Hour - time.Millisecond)
	if a, err := s.Access(ctx); err != nil || a.Token.ID != first.Token.ID {
		t.Fatalf("just before expiry: token changed or %v", err)
	}
	if n := f.logins(); n != 1 {
		t.Fatalf("%d login requests before expiry, want 1", n)
	}

	// Expires is exclusive: at that instant the token is no longer handed out.
	setClock(24 * time.Hour)
	second, err := s.Access(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if second.Token.ID == first.Token.ID {
		t.Fatal("Access handed out a token that had expired by the client's clock")
	}
	if again, err := s.Access(ctx); err != nil || again.Token.ID != second.Token.ID {
		t.Fatalf("the renewed token was not kept: %v", err)
	}
	if n := f.logins(); n != 2 {
		t.Errorf("%d login requests, want 2", n)
	}

	// Do renews before calling fn, so fn never sees the expired token.
	setClock(49 * time.Hour)
	var mu sync.Mutex
	var seen []string
	if err := s.Do(ctx, getDomainWith(c, &seen, &mu)); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] == second.Token.ID {
		t.Errorf("fn saw tokens %v, want one new token", seen)
	}
	if n := f.logins(); n != 3 {
		t.Errorf("%d login requests, want 3", n)
	}
}

func TestSessionTokenCredentialExpiredByClock(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k"})
	f.tokens["tok-given-secret"] = &fakeToken{user: "u", by: []string{"APIKEY"}}
	c := f.start(Config{})
	s := NewSession(c, Credentials{Token: "tok-given-secret"})
	ctx := context.Background()
	if _, err := s.Access(ctx); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.now = f.now.Add(25 * time.Hour)
	f.mu.Unlock()
	for range 2 {
		err := s.Do(ctx, func(context.Context, string) error {
			t.Fatal("fn ran with an expired token")
			return nil
		})
		e := asError(t, err, KindTokenInvalid)
		if !strings.Contains(e.Error(), "has expired, and a token cannot be renewed") || strings.Contains(e.Error(), "tok-given-secret") {
			t.Errorf("Error() = %q", e)
		}
	}
	// The expired token is not sent again.
	if n := f.logins(); n != 1 {
		t.Errorf("%d login requests, want 1", n)
	}
}

func TestIsTransient(t *testing.T) {
	cases := []struct {
		err  error
		want bool
	}{
		{context.Canceled, true},
		{&Error{Kind: KindUnknown}, true},
		{&Error{Status: 503, Kind: KindServer}, true},
		{&Error{Status: 413, Kind: KindRateLimited}, true},
		{&Error{Status: 401, Kind: KindSessionExpired}, true},
		{&Error{Status: 401, Kind: KindWrongPasscode}, false},
		{&Error{Status: 401, Kind: KindWrongPassword}, false},
		{&Error{Status: 403, Kind: KindAccountLocked}, false},
		{&Error{Status: 401, Kind: KindPasscodeRequired}, false},
	}
	for _, tc := range cases {
		if got := isTransient(tc.err); got != tc.want {
			t.Errorf("isTransient(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestSessionAccessForAndLogin: the session's own token answers for its own
// tenant; another tenant, or a Login, is a new login that leaves the
// session's token as it was.
func TestSessionAccessForAndLogin(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k", domainID: "100"})
	s := NewSession(f.start(Config{}), Credentials{Username: "u", APIKey: "k"})
	ctx := context.Background()
	own, err := s.Access(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tenant    string
		login     bool
		wantOwn   bool
		wantScope string
	}{
		{"", false, true, "100"},
		{"100", false, true, "100"},
		{"200", false, false, "200"},
		{"", true, false, "100"},
		{"200", true, false, "200"},
	} {
		var a *Access
		if tc.login {
			a, err = s.Login(ctx, tc.tenant)
		} else {
			a, err = s.AccessFor(ctx, tc.tenant)
		}
		if err != nil || (a.Token.ID == own.Token.ID) != tc.wantOwn || a.Token.Tenant.ID != tc.wantScope {
			t.Errorf("tenant %q, login %v: %v, %v; want own token %v, tenant %s", tc.tenant, tc.login, a, err, tc.wantOwn, tc.wantScope)
		}
	}
	if again, _ := s.Access(ctx); again != own || f.logins() != 4 {
		t.Errorf("the session's access changed, or %d logins (want 4)", f.logins())
	}
}
