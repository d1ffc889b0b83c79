package identity

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestTokenExpiresAfter24Hours(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	get := func() response { return e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/123456", tok, "", nil) }

	e.clock.Advance(24*time.Hour - time.Millisecond)
	if r := get(); r.status != http.StatusOK {
		t.Fatalf("just before expiry: %d %s", r.status, r.body)
	}
	e.clock.Advance(time.Millisecond)
	get().wantFault(t, 401, keyUnauthorized, "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")

	// Logging in again gives a new token that works.
	fresh := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	if fresh == tok {
		t.Fatal("re-authentication returned the expired token")
	}
	if r := e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/123456", fresh, "", nil); r.status != http.StatusOK {
		t.Fatalf("fresh token: %d", r.status)
	}
}

func TestRevokeOwnToken(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.loginToken(passwordBody(DemoUser, DemoUserPassword))
	r := e.do(http.MethodDelete, "/v2.0/tokens", tok, "", nil)
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("revoke: %d %q", r.status, r.body)
	}
	noToken := "No valid token provided. Please use the 'X-Auth-Token' header with a valid token."
	e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/123456", tok, "", nil).wantFault(t, 401, keyUnauthorized, noToken)
	e.do(http.MethodDelete, "/v2.0/tokens", tok, "", nil).wantFault(t, 401, keyUnauthorized, noToken)
	e.do(http.MethodDelete, "/v2.0/tokens", "", "", nil).wantFault(t, 401, keyUnauthorized, noToken)
	e.do(http.MethodDelete, "/v2.0/tokens", "bogus", "", nil).wantFault(t, 401, keyUnauthorized, noToken)
	if ts, ok := e.api.Token(tok); !ok || !ts.Revoked || ts.User != DemoUser {
		t.Errorf("token state = %+v", ts)
	}
}

func TestRevokeOtherToken(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	other := e.loginToken(apiKeyBody(DemoOtherAdminUser, DemoOtherAdminAPIKey))
	del := func(caller, target string) response {
		return e.do(http.MethodDelete, "/v2.0/tokens/"+target, caller, "", nil)
	}

	del(user, admin).wantFault(t, 403, keyForbidden, "Not Authorized")
	del(user, "nope").wantFault(t, 403, keyForbidden, "Not Authorized")
	del(manager, admin).wantFault(t, 403, keyForbidden, "Not Authorized")
	del(other, user).wantFault(t, 403, keyForbidden, "Not Authorized")
	del(admin, "nope").wantFault(t, 404, keyNotFound, "Token not found.")
	del("bogus", user).wantFault(t, 401, keyUnauthorized, msgNoValidToken)

	if r := del(admin, user); r.status != http.StatusNoContent {
		t.Fatalf("user-admin revoking a sub-user's token: %d %s", r.status, r.body)
	}
	if ts, _ := e.api.Token(user); !ts.Revoked {
		t.Error("token not revoked")
	}
	own := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	if r := del(own, own); r.status != http.StatusNoContent {
		t.Fatalf("revoking own token by id: %d", r.status)
	}
}

func TestMFAEnablementRevokesUnprotectedTokens(t *testing.T) {
	e := newEnv(t, DemoFixture())
	pw := e.loginToken(passwordBody(DemoUser, DemoUserPassword))
	key := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	required := LevelRequired
	e.updateDomain(DemoDomainID, DomainPatch{MFAEnforcementLevel: &required})
	if ts, _ := e.api.Token(pw); !ts.Revoked {
		t.Error("password token survived the domain becoming REQUIRED")
	}
	if ts, _ := e.api.Token(key); ts.Revoked {
		t.Error("API key token was revoked")
	}

	// Enabling MFA on a user revokes its password tokens, not MFA ones.
	e2 := newEnv(t, DemoFixture())
	pw = e2.loginToken(passwordBody(DemoUser, DemoUserPassword))
	on, otp, secret := true, FactorOTP, DemoAdminSecret
	e2.updateUser(DemoUser, UserPatch{MFAEnabled: &on, FactorType: &otp, OTPSecret: &secret})
	if ts, _ := e2.api.Token(pw); !ts.Revoked {
		t.Error("password token survived enabling MFA")
	}
	sid := e2.auth(passwordBody(DemoUser, DemoUserPassword)).challenge(t, "OTPPASSCODE")
	mfa := e2.passcode(sid, e2.totp(secret)).access(t).Access.Token.ID
	off := false
	e2.updateUser(DemoUser, UserPatch{MFAEnabled: &off})
	e2.updateUser(DemoUser, UserPatch{MFAEnabled: &on})
	if ts, _ := e2.api.Token(mfa); ts.Revoked {
		t.Error("MFA token was revoked")
	}
}

func TestDisabledUserTokensStopWorking(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	off := false
	e.updateUser(DemoUser, UserPatch{Enabled: &off})
	e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/123456", tok, "", nil).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
}

// TestConcurrentLogins exists for the race detector.
func TestConcurrentLogins(t *testing.T) {
	e := newEnv(t, DemoFixture())
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch i % 3 {
			case 0:
				e.auth(apiKeyBody(DemoUser, DemoUserAPIKey))
			case 1:
				r := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword))
				if m := challengeRE.FindStringSubmatch(r.header.Get("WWW-Authenticate")); m != nil {
					code, _ := TOTP(DemoAdminSecret, e.clock.Now())
					e.passcode(m[1], code)
				}
			default:
				e.api.Tokens()
				e.api.Users()
			}
		}()
	}
	wg.Wait()
	if n := len(e.api.Tokens()); n < 7 {
		t.Errorf("tokens = %d, want at least 7", n)
	}
}
