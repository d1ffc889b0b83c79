package conformance

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const callers = 50

// together runs fn in n goroutines released at once, and returns their
// results in order.
func together[T any](n int, fn func() T) []T {
	out := make([]T, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = fn()
		}()
	}
	close(start)
	wg.Wait()
	return out
}

type accessResult struct {
	a   *rackspace.Access
	err error
}

func TestSessionConcurrentCallersShareOneLogin(t *testing.T) {
	e := newEnv(t)
	s := rackspace.NewSession(e.client(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	results := together(callers, func() accessResult {
		a, err := s.Access(context.Background())
		return accessResult{a, err}
	})
	tok := e.onlyToken()
	for i, r := range results {
		if r.err != nil || r.a.Token.ID != tok.ID {
			t.Fatalf("caller %d: %v, %v; want the one token", i, r.err, r.a)
		}
	}
	// One multi-factor login: one challenge, one success.
	e.wantCounts(tokensRoute, map[int]int{401: 1, 200: 1})
}

// TestSessionWrongPasscodeSentOnce: a wrong passcode is remembered, not
// retried per caller, since every attempt brings the lockout closer.
func TestSessionWrongPasscodeSentOnce(t *testing.T) {
	e := newEnv(t)
	s := rackspace.NewSession(e.client(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword,
		Passcode: wrongTOTP(t, identity.DemoAdminSecret, e.srv.Clock().Now()),
	})
	results := together(callers, func() error {
		return s.Do(context.Background(), func(context.Context, string) error {
			t.Error("fn ran without a login")
			return nil
		})
	})
	for _, err := range results {
		wantKind(t, err, rackspace.KindWrongPasscode)
	}
	if _, err := s.Access(context.Background()); err == nil {
		t.Error("a later Access succeeded")
	}
	e.wantCounts(tokensRoute, map[int]int{401: 2})
	if u := e.user(identity.DemoAdminUser); u.FailedPasscodes != 1 || u.Locked {
		t.Errorf("emulator: %d failed passcodes, locked %v; want 1, false", u.FailedPasscodes, u.Locked)
	}
}

// TestSessionDoLogsInAgainAfterExpiry runs Do across the token's expiry on
// the emulator clock, once with a client that shares that clock (it renews
// before calling) and once with one on real time (it learns from the 401).
func TestSessionDoLogsInAgainAfterExpiry(t *testing.T) {
	for _, tc := range []struct {
		name        string
		clientClock func(*env) func() time.Time
		domainCalls map[int]int
	}{
		{"client shares the emulator clock", func(e *env) func() time.Time { return e.srv.Clock().Now }, map[int]int{200: 2}},
		{"client on real time", func(*env) func() time.Time { return time.Now }, map[int]int{200: 2, 401: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(func(cfg *rackspace.Config) { cfg.Now = tc.clientClock(e) })
			s := rackspace.NewSession(c, rackspace.Credentials{Username: identity.DemoUser, Password: identity.DemoUserPassword})
			ctx := context.Background()
			var used []string
			var got *rackspace.Domain
			readDomain := func(ctx context.Context, token string) error {
				used = append(used, token)
				d, err := c.GetDomain(ctx, token, identity.DemoDomainID)
				got = d
				return err
			}
			if err := s.Do(ctx, readDomain); err != nil {
				t.Fatal(err)
			}
			first := used[0]

			e.srv.Clock().Advance(25 * time.Hour)
			got = nil
			if err := s.Do(ctx, readDomain); err != nil {
				t.Fatalf("Do after 25h: %v", err)
			}
			if got == nil || got.ID != identity.DemoDomainID {
				t.Errorf("domain %+v", got)
			}
			last := used[len(used)-1]
			toks := e.srv.Identity().Tokens()
			if len(toks) != 2 || last == first || last != toks[1].ID {
				t.Errorf("tokens used %d, emulator issued %d; want the second token last", len(used), len(toks))
			}
			e.wantCounts(tokensRoute, map[int]int{200: 2})
			e.wantCounts(domainRoute, tc.domainCalls)
		})
	}
}

// TestSessionConcurrentDoAcrossExpiry: when the token dies under many
// callers at once, several learn it from their own 401, and still only one
// login follows.
func TestSessionConcurrentDoAcrossExpiry(t *testing.T) {
	e := newEnv(t)
	// A client on real time does not see the expiry coming. The user has no
	// MFA because a TOTP code from real time would be 25 hours off.
	c := e.client(func(cfg *rackspace.Config) { cfg.Now = time.Now })
	s := rackspace.NewSession(c, rackspace.Credentials{Username: identity.DemoUser, Password: identity.DemoUserPassword})
	readDomain := func(ctx context.Context, token string) error {
		_, err := c.GetDomain(ctx, token, identity.DemoDomainID)
		return err
	}
	if err := s.Do(context.Background(), readDomain); err != nil {
		t.Fatal(err)
	}
	e.srv.Clock().Advance(25 * time.Hour)
	for i, err := range together(callers, func() error { return s.Do(context.Background(), readDomain) }) {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	t.Logf("%d of %d callers met the dead token", e.counts(domainRoute)[401], callers)
	e.wantCounts(tokensRoute, map[int]int{200: 2})
	if got := e.counts(domainRoute)[200]; got != callers+1 {
		t.Errorf("%d successful domain reads, want %d", got, callers+1)
	}
}

func TestSessionDoLogsInAgainAfterRevocation(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	s := rackspace.NewSession(c, rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	ctx := context.Background()
	a, err := s.Access(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeToken(ctx, a.Token.ID); err != nil {
		t.Fatal(err)
	}
	calls := 0
	err = s.Do(ctx, func(ctx context.Context, token string) error {
		calls++
		_, err := c.GetDomain(ctx, token, identity.DemoDomainID)
		return err
	})
	if err != nil || calls != 2 {
		t.Fatalf("Do: %v after %d calls, want success on the second", err, calls)
	}
	// Two multi-factor logins.
	e.wantCounts(tokensRoute, map[int]int{401: 2, 200: 2})
	e.wantCounts(domainRoute, map[int]int{401: 1, 200: 1})
}

// TestSessionAccessRenewsExpiredToken: Access alone never hands out a
// token that has expired by the client's clock.
func TestSessionAccessRenewsExpiredToken(t *testing.T) {
	e := newEnv(t)
	s := rackspace.NewSession(e.client(), rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	ctx := context.Background()
	first, err := s.Access(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Clock().Advance(24*time.Hour + time.Second)
	results := together(callers, func() accessResult {
		a, err := s.Access(ctx)
		return accessResult{a, err}
	})
	for i, r := range results {
		if r.err != nil || r.a.Token.ID == first.Token.ID || r.a.Token.ID != results[0].a.Token.ID {
			t.Fatalf("caller %d: %v; want one new token for all", i, r.err)
		}
		if !r.a.Token.Expires.After(e.srv.Clock().Now()) {
			t.Fatalf("caller %d got a token expiring %v", i, r.a.Token.Expires)
		}
	}
	e.wantCounts(tokensRoute, map[int]int{200: 2})
}

// TestSessionTokenCredentialCannotRenew: a session opened with a token says
// so once the token is past its 24 hours, whether the client's clock or the
// server tells it.
func TestSessionTokenCredentialCannotRenew(t *testing.T) {
	for _, tc := range []struct {
		name        string
		clientClock func(*env) func() time.Time
		domainCalls map[int]int
	}{
		{"client shares the emulator clock", func(e *env) func() time.Time { return e.srv.Clock().Now }, map[int]int{200: 1}},
		{"client on real time", func(*env) func() time.Time { return time.Now }, map[int]int{200: 1, 401: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			c := e.client(func(cfg *rackspace.Config) { cfg.Now = tc.clientClock(e) })
			ctx := context.Background()
			token := login(t, c, demoUserKey)
			s := rackspace.NewSession(c, rackspace.Credentials{Token: token})
			readDomain := func(ctx context.Context, token string) error {
				_, err := c.GetDomain(ctx, token, identity.DemoDomainID)
				return err
			}
			if err := s.Do(ctx, readDomain); err != nil {
				t.Fatal(err)
			}
			e.srv.Clock().Advance(25 * time.Hour)
			err := s.Do(ctx, readDomain)
			re := errOfKind(t, err, rackspace.KindTokenInvalid)
			if !strings.Contains(re.Message, "a token cannot be renewed") {
				t.Errorf("message %q does not say the token cannot be renewed", re.Message)
			}
			noSecrets(t, err, token)
			// The login with the API key, then the token login of the session.
			e.wantCounts(tokensRoute, map[int]int{200: 2})
			e.wantCounts(domainRoute, tc.domainCalls)
		})
	}
}
