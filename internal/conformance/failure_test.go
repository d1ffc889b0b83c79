package conformance

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const msgCannotAuth = "Can not authenticate with credentials provided"

const msgLocked = "Can not authenticate with credentials provided. The account has been locked due to excessive invalid attempts. Please contact an administrator"

// TestFirstFactorFailures covers §1.2: each refusal of the first request
// becomes its own Kind, after exactly one request (none is retried).
func TestFirstFactorFailures(t *testing.T) {
	tests := []struct {
		name          string
		creds         rackspace.Credentials
		kind          rackspace.Kind
		status        int
		fault, code   string
		message       string
		secretsToHide []string
	}{
		{
			name:   "wrong password",
			creds:  rackspace.Credentials{Username: identity.DemoUser, Password: "not-the-password"},
			kind:   rackspace.KindWrongPassword,
			status: 401, fault: "unauthorized", code: "AUTH-004",
			message:       "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.",
			secretsToHide: []string{"not-the-password"},
		},
		{
			name:   "unknown user",
			creds:  rackspace.Credentials{Username: "nobody", Password: "whatever-1"},
			kind:   rackspace.KindWrongPassword,
			status: 401, fault: "unauthorized", code: "AUTH-004",
			message: "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.",
		},
		{
			name:   "wrong API key",
			creds:  rackspace.Credentials{Username: identity.DemoUser, APIKey: "ffffffffffffffffffffffffffffffff"},
			kind:   rackspace.KindWrongAPIKey,
			status: 401, fault: "unauthorized", code: "AUTH-008",
			message:       "Error code: 'AUTH-008'; Username or api key is invalid.",
			secretsToHide: []string{"ffffffffffffffffffffffffffffffff"},
		},
		{
			name:   "disabled user, password",
			creds:  rackspace.Credentials{Username: identity.DemoDisabledUser, Password: identity.DemoDisabledPassword},
			kind:   rackspace.KindUserDisabled,
			status: 403, fault: "userDisabled",
			message: "User 'demo-disabled' is disabled.",
		},
		{
			name:   "disabled user, API key",
			creds:  rackspace.Credentials{Username: identity.DemoDisabledUser, APIKey: identity.DemoDisabledAPIKey},
			kind:   rackspace.KindUserDisabled,
			status: 403, fault: "userDisabled",
			message: "User 'demo-disabled' is disabled.",
		},
		{
			name:   "user must set up MFA",
			creds:  rackspace.Credentials{Username: identity.DemoNoMFAUser, Password: identity.DemoNoMFAPassword},
			kind:   rackspace.KindMFASetupRequired,
			status: 403, fault: "forbidden",
			message: "User must setup multi-factor",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			_, err := e.client().Authenticate(context.Background(), tt.creds)
			re := errOfKind(t, err, tt.kind)
			wantFault(t, re, tt.status, tt.fault, tt.message)
			if re.Code != tt.code {
				t.Errorf("code %q, want %q", re.Code, tt.code)
			}
			noSecrets(t, err, tt.secretsToHide...)
			e.wantCounts(tokensRoute, map[int]int{tt.status: 1})
		})
	}
}

// TestDisabledDomain: disabling the domain refuses its users' logins and
// stops their tokens.
func TestDisabledDomain(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := context.Background()
	a, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	off := false
	if _, err := e.srv.Identity().UpdateDomain(identity.DemoDomainID, identity.DomainPatch{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	wantFault(t, errOfKind(t, err, rackspace.KindUserDisabled), 403, "userDisabled", "User 'demo-user' is disabled.")
	_, err = c.GetDomain(ctx, a.Token.ID, identity.DemoDomainID)
	wantKind(t, err, rackspace.KindTokenInvalid)
}

// TestPasswordExpired covers the domain password policy's effect on login
// (§3.1). The emulator's state API (DomainPatch) cannot set a password
// policy, so the policy comes from the fixture, which can.
func TestPasswordExpired(t *testing.T) {
	e := newEnv(t, func(fx *identity.Fixture) {
		fx.Domains[0].PasswordPolicy = &identity.PasswordPolicyFixture{PasswordDuration: "P90D"}
	})
	c := e.client()
	ctx := context.Background()
	password := rackspace.Credentials{Username: identity.DemoUser, Password: identity.DemoUserPassword}

	a, err := c.Authenticate(ctx, password)
	if err != nil {
		t.Fatal(err)
	}
	changed := e.user(identity.DemoUser).PasswordChanged
	want := changed.Add(90 * 24 * time.Hour).Truncate(time.Millisecond)
	if a.PasswordExpiration == nil || !a.PasswordExpiration.Equal(want) {
		t.Errorf("X-Password-Expiration %v, want %v", a.PasswordExpiration, want)
	}

	// On an MFA login the header comes with the final answer.
	mfa, err := c.Authenticate(ctx, rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	wantMFA := e.user(identity.DemoAdminUser).PasswordChanged.Add(90 * 24 * time.Hour).Truncate(time.Millisecond)
	if mfa.PasswordExpiration == nil || !mfa.PasswordExpiration.Equal(wantMFA) {
		t.Errorf("MFA login: X-Password-Expiration %v, want %v", mfa.PasswordExpiration, wantMFA)
	}

	e.srv.Clock().Advance(90*24*time.Hour + time.Hour)
	e.srv.ResetCounts()
	_, err = c.Authenticate(ctx, password)
	re := errOfKind(t, err, rackspace.KindPasswordExpired)
	wantFault(t, re, 401, "unauthorized", "Error code: 'AUTH-001'; The password for this user has expired and must be changed")
	if re.Code != "AUTH-001" {
		t.Errorf("code %q, want AUTH-001", re.Code)
	}
	// The first factor fails before any challenge, so no passcode is spent.
	_, err = c.Authenticate(ctx, rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	wantKind(t, err, rackspace.KindPasswordExpired)
	e.wantCounts(tokensRoute, map[int]int{401: 2})

	// The policy governs passwords only.
	if _, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey}); err != nil {
		t.Errorf("API key after the password expired: %v", err)
	}
}

// TestChallengeWithoutPasscode: the client cannot answer, so it stops after
// the challenge and sends nothing that could count as a failed passcode.
func TestChallengeWithoutPasscode(t *testing.T) {
	e := newEnv(t)
	_, err := e.client().Authenticate(context.Background(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword,
	})
	re := errOfKind(t, err, rackspace.KindPasscodeRequired)
	wantFault(t, re, 401, "unauthorized", "Additional authentication credentials required")
	if re.Factor != "OTPPASSCODE" {
		t.Errorf("factor %q, want OTPPASSCODE", re.Factor)
	}
	if n := e.srv.CountsFor(identity.Name, tokensRoute); n != 1 {
		t.Errorf("emulator saw %d POST /v2.0/tokens, want exactly 1", n)
	}
	if u := e.user(identity.DemoAdminUser); u.FailedPasscodes != 0 {
		t.Errorf("%d failed passcodes, want 0", u.FailedPasscodes)
	}
}

func TestWrongPasscode(t *testing.T) {
	e := newEnv(t)
	code := wrongTOTP(t, identity.DemoAdminSecret, e.srv.Clock().Now())
	_, err := e.client().Authenticate(context.Background(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, Passcode: code,
	})
	re := errOfKind(t, err, rackspace.KindWrongPasscode)
	wantFault(t, re, 401, "unauthorized", msgCannotAuth)
	if re.Factor != "OTPPASSCODE" {
		t.Errorf("factor %q, want OTPPASSCODE", re.Factor)
	}
	noSecrets(t, err, identity.DemoAdminPassword, code)
	e.wantCounts(tokensRoute, map[int]int{401: 2})
	if u := e.user(identity.DemoAdminUser); u.FailedPasscodes != 1 || u.Locked {
		t.Errorf("failed passcodes %d, locked %v; want 1, false", u.FailedPasscodes, u.Locked)
	}
}

// TestSessionExpiredBetweenSteps moves the emulator clock between the
// challenge and the answer, which the client makes within one call.
func TestSessionExpiredBetweenSteps(t *testing.T) {
	for _, tc := range []struct {
		advance time.Duration
		expired bool
	}{
		{5*time.Minute + time.Second, true},
		// The control: just inside the session's five minutes the same
		// login succeeds, so the failure above is the session's age alone.
		{5*time.Minute - 2*time.Second, false},
	} {
		t.Run(tc.advance.String(), func(t *testing.T) {
			e := newEnv(t)
			challenges := 0
			hc := hookedHTTPClient(t, func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
				resp, err := next.RoundTrip(r)
				if err == nil && isChallenge(resp) {
					challenges++
					e.srv.Clock().Advance(tc.advance)
				}
				return resp, err
			})
			c := e.client(func(cfg *rackspace.Config) { cfg.HTTPClient = hc })
			_, err := c.Authenticate(context.Background(), rackspace.Credentials{
				Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
			})
			if challenges != 1 {
				t.Fatalf("%d challenges, want 1", challenges)
			}
			if !tc.expired {
				if err != nil {
					t.Fatalf("login %v after the challenge: %v", tc.advance, err)
				}
				e.wantCounts(tokensRoute, map[int]int{401: 1, 200: 1})
				return
			}
			re := errOfKind(t, err, rackspace.KindSessionExpired)
			wantFault(t, re, 401, "unauthorized", "Can not authenticate with credentials provided. Session has expired.")
			e.wantCounts(tokensRoute, map[int]int{401: 2})
			if u := e.user(identity.DemoAdminUser); u.FailedPasscodes != 0 {
				t.Errorf("an expired session counted as %d failed passcodes", u.FailedPasscodes)
			}
		})
	}
}

// TestAccountLocked: three wrong passcodes lock the account (§1.4), after
// which the right one is refused at the first step, until the 30-minute
// failure window has passed.
func TestAccountLocked(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := context.Background()
	wrong := rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword,
		Passcode: wrongTOTP(t, identity.DemoAdminSecret, e.srv.Clock().Now()),
	}
	right := rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	}

	// The attempt that reaches the limit is itself answered with the lockout.
	for i, want := range []rackspace.Kind{rackspace.KindWrongPasscode, rackspace.KindWrongPasscode, rackspace.KindAccountLocked} {
		_, err := c.Authenticate(ctx, wrong)
		if re := errOfKind(t, err, want); i == 2 {
			wantFault(t, re, 403, "forbidden", msgLocked)
		}
	}
	if u := e.user(identity.DemoAdminUser); !u.Locked || u.FailedPasscodes != 3 {
		t.Errorf("emulator: locked %v after %d failures", u.Locked, u.FailedPasscodes)
	}

	_, err := c.Authenticate(ctx, right)
	re := errOfKind(t, err, rackspace.KindAccountLocked)
	wantFault(t, re, 401, "unauthorized", msgLocked)
	// 3 challenges, 2 wrong passcodes, the lockout (403), and the locked
	// first step: the right passcode was never sent.
	e.wantCounts(tokensRoute, map[int]int{401: 6, 403: 1})

	e.srv.Clock().Advance(31 * time.Minute)
	if _, err := c.Authenticate(ctx, right); err != nil {
		t.Errorf("after the lock window: %v", err)
	}
}

// TestTokenExpiresAfter24Hours uses the client directly, so only the
// emulator's clock decides.
func TestTokenExpiresAfter24Hours(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := context.Background()
	a, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	e.srv.Clock().Advance(24*time.Hour - time.Minute)
	if _, err := c.GetDomain(ctx, a.Token.ID, identity.DemoDomainID); err != nil {
		t.Fatalf("a minute before expiry: %v", err)
	}
	e.srv.Clock().Advance(time.Minute + time.Second)
	_, err = c.GetDomain(ctx, a.Token.ID, identity.DemoDomainID)
	re := errOfKind(t, err, rackspace.KindTokenInvalid)
	wantFault(t, re, 401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
	noSecrets(t, err, a.Token.ID)
	e.wantCounts(domainRoute, map[int]int{200: 1, 401: 1})
}

func TestRevokedToken(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := context.Background()
	a, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeToken(ctx, a.Token.ID); err != nil {
		t.Fatal(err)
	}
	if tok, ok := e.srv.Identity().Token(a.Token.ID); !ok || !tok.Revoked {
		t.Errorf("emulator: token revoked %v", tok.Revoked)
	}
	_, err = c.GetDomain(ctx, a.Token.ID, identity.DemoDomainID)
	wantKind(t, err, rackspace.KindTokenInvalid)
	// Revoking it again is answered like any request with a dead token.
	err = c.RevokeToken(ctx, a.Token.ID)
	wantFault(t, errOfKind(t, err, rackspace.KindTokenInvalid), 401, "unauthorized",
		"No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
	e.wantCounts(revokeRoute, map[int]int{204: 1, 401: 1})
}
