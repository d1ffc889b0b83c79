package identity

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

const (
	msgWrongPasscodeT = "Can not authenticate with credentials provided"
	msgLockedT        = "Can not authenticate with credentials provided. The account has been locked due to excessive invalid attempts. Please contact an administrator"
)

func TestMFAChallengeHeaders(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for _, c := range []struct{ user, password, factor string }{
		{DemoAdminUser, DemoAdminPassword, "OTPPASSCODE"},
		{DemoManagerUser, DemoManagerPassword, "OTPPASSCODE"},
		{DemoSMSUser, DemoSMSPassword, "PASSCODE"},
	} {
		r := e.auth(passwordBody(c.user, c.password))
		sid := r.challenge(t, c.factor)
		if want := fmt.Sprintf("OS-MF sessionId='%s', factor='%s'", sid, c.factor); r.header.Get("WWW-Authenticate") != want {
			t.Errorf("%s: header %q, want %q", c.user, r.header.Get("WWW-Authenticate"), want)
		}
	}
	// Every challenge is a fresh session.
	a := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	b := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	if a == b {
		t.Error("two challenges share a session id")
	}
	// A wrong password is refused before any challenge.
	r := e.auth(passwordBody(DemoAdminUser, "nope"))
	if r.header.Get("WWW-Authenticate") != "" {
		t.Error("wrong password was challenged")
	}
}

func TestMFASecondStepOTP(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	e.clock.Advance(20 * time.Second)
	a := e.passcode(sid, e.totp(DemoAdminSecret)).access(t).Access
	if !slices.Equal(a.Token.AuthenticatedBy, []string{"OTPPASSCODE", "PASSWORD"}) {
		t.Errorf("authenticatedBy = %v", a.Token.AuthenticatedBy)
	}
	if a.User.Name != DemoAdminUser || a.Token.Tenant == nil || a.Token.Tenant.ID != DemoTenantID {
		t.Errorf("access = %+v", a)
	}
	// A code from the previous 30-second step is still accepted.
	sid = e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	prev, _ := TOTP(DemoAdminSecret, e.clock.Now().Add(-30*time.Second))
	e.passcode(sid, prev).access(t)
}

func TestMFASecondStepSMS(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoSMSUser, DemoSMSPassword)).challenge(t, "PASSCODE")
	code, err := e.api.LastSMSPasscode(DemoSMSUser)
	if err != nil || len(code) != 6 {
		t.Fatalf("SMS passcode %q, %v", code, err)
	}
	a := e.passcode(sid, code).access(t).Access
	if !slices.Equal(a.Token.AuthenticatedBy, []string{"PASSCODE", "PASSWORD"}) {
		t.Errorf("authenticatedBy = %v", a.Token.AuthenticatedBy)
	}
	// The passcode belongs to its session: a new challenge sends a new one.
	sid2 := e.auth(passwordBody(DemoSMSUser, DemoSMSPassword)).challenge(t, "PASSCODE")
	code2, _ := e.api.LastSMSPasscode(DemoSMSUser)
	if code2 != code {
		e.passcode(sid2, code).wantFault(t, 401, keyUnauthorized, msgWrongPasscodeT)
	}
	e.passcode(sid2, code2).access(t)
}

func TestMFATenantScopeCarriesOver(t *testing.T) {
	fx := DemoFixture()
	fx.Tenants = append(fx.Tenants, TenantFixture{ID: "MossoCloudFS_abc", DomainID: DemoDomainID, Type: "files"})
	e := newEnv(t, fx)
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword, `,"tenantId":"MossoCloudFS_abc"`)).challenge(t, "OTPPASSCODE")
	a := e.passcode(sid, e.totp(DemoAdminSecret)).access(t)
	if a.Access.Token.Tenant.ID != "MossoCloudFS_abc" {
		t.Errorf("tenant = %+v, want the one asked for in the first step", a.Access.Token.Tenant)
	}
	sid = e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	a = e.passcode(sid, e.totp(DemoAdminSecret), `,"tenantName":"MossoCloudFS_abc"`).access(t)
	if a.Access.Token.Tenant.ID != "MossoCloudFS_abc" {
		t.Errorf("tenant = %+v, want the one asked for in the second step", a.Access.Token.Tenant)
	}
}

func TestMFAWrongPasscodeAndLockout(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	good := e.totp(DemoAdminSecret)
	bad := e.wrongCode(DemoAdminSecret)

	e.passcode(sid, bad).wantFault(t, 401, keyUnauthorized, msgWrongPasscodeT)
	// The session survives a wrong passcode.
	e.passcode(sid, bad).wantFault(t, 401, keyUnauthorized, msgWrongPasscodeT)
	if u, _ := e.api.User(DemoAdminUser); u.FailedPasscodes != 2 || u.Locked {
		t.Fatalf("after two failures: %+v", u)
	}
	e.passcode(sid, bad).wantFault(t, 403, keyForbidden, msgLockedT)
	if u, _ := e.api.User(DemoAdminUser); !u.Locked || u.FailedPasscodes != 3 {
		t.Fatalf("after three failures: %+v", u)
	}
	// Locked: even the right code is refused, and a new first step says so.
	e.passcode(sid, good).wantFault(t, 403, keyForbidden, msgLockedT)
	e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).wantFault(t, 401, keyUnauthorized, msgLockedT)
	// API keys still work.
	e.auth(apiKeyBody(DemoAdminUser, DemoAdminAPIKey)).access(t)

	// The lock lapses 30 minutes after the last failure.
	e.clock.Advance(29 * time.Minute)
	e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).wantFault(t, 401, keyUnauthorized, msgLockedT)
	e.clock.Advance(time.Minute)
	sid = e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	e.passcode(sid, e.totp(DemoAdminSecret)).access(t)
	if u, _ := e.api.User(DemoAdminUser); u.Locked || u.FailedPasscodes != 0 {
		t.Fatalf("after the lock lapsed: %+v", u)
	}
}

func TestMFAUnlockByAdmin(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoManagerUser, DemoManagerPassword)).challenge(t, "OTPPASSCODE")
	for range 3 {
		e.passcode(sid, e.wrongCode(DemoManagerSecret))
	}
	if u, _ := e.api.User(DemoManagerUser); !u.Locked {
		t.Fatalf("not locked: %+v", u)
	}
	unlock := false
	if u, err := e.api.UpdateUser(DemoManagerUser, UserPatch{Locked: &unlock}); err != nil || u.Locked || u.FailedPasscodes != 0 {
		t.Fatalf("unlock: %+v, %v", u, err)
	}
	e.passcode(sid, e.totp(DemoManagerSecret)).access(t)

	lock := true
	e.updateUser(DemoManagerUser, UserPatch{Locked: &lock})
	e.auth(passwordBody(DemoManagerUser, DemoManagerPassword)).wantFault(t, 401, keyUnauthorized, msgLockedT)
	// An administrator's lock does not lapse with time.
	e.clock.Advance(2 * time.Hour)
	e.auth(passwordBody(DemoManagerUser, DemoManagerPassword)).wantFault(t, 401, keyUnauthorized, msgLockedT)
}

func TestMFASessionExpiry(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	e.clock.Advance(5*time.Minute - time.Second)
	e.passcode(sid, e.totp(DemoAdminSecret)).access(t)

	sid = e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	e.clock.Advance(5 * time.Minute)
	e.passcode(sid, e.totp(DemoAdminSecret)).wantFault(t, 401, keyUnauthorized,
		"Can not authenticate with credentials provided. Session has expired.")
	// An expired session costs no lockout attempt.
	if u, _ := e.api.User(DemoAdminUser); u.FailedPasscodes != 0 {
		t.Errorf("failures = %d", u.FailedPasscodes)
	}
}

func TestMFASessionHeaderProblems(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	code := e.totp(DemoAdminSecret)

	e.do(http.MethodPost, "/v2.0/tokens", "", passcodeBody(code), nil).
		wantFault(t, 400, keyBadRequest, "Invalid X-SessionId")
	e.do(http.MethodPost, "/v2.0/tokens", "", passcodeBody(code), http.Header{"X-Sessionid": {" "}}).
		wantFault(t, 400, keyBadRequest, "Invalid X-SessionId")
	e.do(http.MethodPost, "/v2.0/tokens", "", passcodeBody(code), http.Header{"X-Sessionid": {sid, sid}}).
		wantFault(t, 400, keyBadRequest, "Invalid X-SessionId")
	e.passcode("not-a-session", code).wantFault(t, 401, keyUnauthorized, msgWrongPasscodeT)
	e.passcode(sid, code, `,"RAX-AUTH:scope":"SETUP-MFA"`).wantFault(t, 403, keyForbidden, "SETUP-MFA SCOPE not supported")

	// A regular token where a session id belongs is refused with 403.
	tok := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	e.passcode(tok, code).wantFault(t, 403, keyForbidden, msgWrongPasscodeT)

	if u, _ := e.api.User(DemoAdminUser); u.FailedPasscodes != 0 {
		t.Errorf("header problems counted as failures: %d", u.FailedPasscodes)
	}
	e.passcode(sid, code).access(t)
}

func TestMFAStateChangesBetweenSteps(t *testing.T) {
	e := newEnv(t, DemoFixture())
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	off := false
	e.updateUser(DemoAdminUser, UserPatch{Enabled: &off})
	e.passcode(sid, e.totp(DemoAdminSecret)).wantFault(t, 403, keyUserDisabled, "User 'demo-admin' is disabled.")

	on := true
	sid = e.auth(passwordBody(DemoSMSUser, DemoSMSPassword)).challenge(t, "PASSCODE")
	e.updateUser(DemoAdminUser, UserPatch{Enabled: &on})
	e.updateUser(DemoSMSUser, UserPatch{MFAEnabled: &off})
	code, _ := e.api.LastSMSPasscode(DemoSMSUser)
	e.passcode(sid, code).wantFault(t, 400, keyBadRequest, "Unknown credential type")
}

// TestEnforcementMatrix covers §2.3 for a password login of a user without
// MFA: the user's level wins unless it is DEFAULT (or unset).
func TestEnforcementMatrix(t *testing.T) {
	forced := map[[2]string]bool{}
	for _, dl := range []string{"", LevelOptional, LevelRequired, LevelRackspaceMandated} {
		for _, ul := range []string{"", LevelDefault, LevelOptional, LevelRequired} {
			want := ul == LevelRequired || ((ul == "" || ul == LevelDefault) && (dl == LevelRequired || dl == LevelRackspaceMandated))
			forced[[2]string{dl, ul}] = want
		}
	}
	for key, want := range forced {
		dl, ul := key[0], key[1]
		t.Run(fmt.Sprintf("domain=%q user=%q", dl, ul), func(t *testing.T) {
			fx := DemoFixture()
			fx.Domains[0].MFAEnforcementLevel = dl
			fx.Users[1].MFAEnforcementLevel = ul
			e := newEnv(t, fx)
			r := e.auth(passwordBody(DemoUser, DemoUserPassword))
			if want {
				r.wantFault(t, 403, keyForbidden, "User must setup multi-factor")
			} else {
				r.access(t)
			}
			// API keys ignore enforcement; MFA users are challenged either way.
			e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).access(t)
			e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
		})
	}
}

// wrongCode returns a 6-digit code that no step in the accepted window
// produces, so a test's "wrong passcode" can never be right by chance.
func (e *env) wrongCode(secret string) string {
	e.t.Helper()
	for n := 0; ; n++ {
		c := fmt.Sprintf("%06d", n)
		if !verifyTOTP(secret, c, e.clock.Now()) {
			return c
		}
	}
}
