package identity

import (
	"net/http"
	"strings"
	"testing"
)

const (
	msgPreconditionT = "You must have Multi-Factor Authentication set as optional or enabled for your profile to enforce Multi-Factor Authentication for the domain"
	msgMandatedSetT  = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be set by Rackspace. Please open a support ticket."
	msgMandatedChgT  = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be changed by Rackspace. Please open a support ticket."
)

func domainMFABody(level string) string {
	return `{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":` + q(level) + `}}`
}

func (e *env) putDomainMFA(token, domainID, body string) response {
	e.t.Helper()
	return e.do(http.MethodPut, "/v2.0/RAX-AUTH/domains/"+domainID+"/multi-factor", token, body, nil)
}

func (r response) wantNoContent(t *testing.T) {
	t.Helper()
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("status = %d, body %q; want 204 and no body", r.status, r.body)
	}
}

func (e *env) domainLevel(id string) string {
	e.t.Helper()
	d, ok := e.api.Domain(id)
	if !ok {
		e.t.Fatalf("domain %s missing", id)
	}
	return d.MFAEnforcementLevel
}

func (e *env) revoked(tokenID string) bool {
	e.t.Helper()
	ts, ok := e.api.Token(tokenID)
	if !ok {
		e.t.Fatalf("token %s unknown", tokenID)
	}
	return ts.Revoked
}

// mfaLogin logs in with password and TOTP and returns the token id.
func (e *env) mfaLogin(user, password, secret string) string {
	e.t.Helper()
	sid := e.auth(passwordBody(user, password)).challenge(e.t, "OTPPASSCODE")
	return e.passcode(sid, e.totp(secret)).access(e.t).Access.Token.ID
}

func TestDomainMFASetLevel(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))

	// Never set: the attribute appears once OPTIONAL is stored explicitly.
	if _, d := e.getDomain(admin, DemoDomainID); d["domainMultiFactorEnforcementLevel"] != nil {
		t.Fatalf("fresh demo domain has a level: %v", d)
	}
	e.putDomainMFA(admin, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	if _, d := e.getDomain(admin, DemoDomainID); d["domainMultiFactorEnforcementLevel"] != LevelOptional {
		t.Fatalf("level after OPTIONAL = %v", d["domainMultiFactorEnforcementLevel"])
	}

	e.putDomainMFA(admin, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if _, d := e.getDomain(admin, DemoDomainID); d["domainMultiFactorEnforcementLevel"] != LevelRequired {
		t.Fatalf("level after REQUIRED = %v", d["domainMultiFactorEnforcementLevel"])
	}

	// user-manage may change its own domain too.
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	e.putDomainMFA(manager, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	if got := e.domainLevel(DemoDomainID); got != LevelOptional {
		t.Fatalf("level = %q after user-manage set OPTIONAL", got)
	}

	// A token obtained with MFA works as well as an API-key token.
	mfa := e.mfaLogin(DemoAdminUser, DemoAdminPassword, DemoAdminSecret)
	e.putDomainMFA(mfa, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)

	// identity:admin may act on any domain.
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	e.putDomainMFA(staff, DemoOtherDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if got := e.domainLevel(DemoOtherDomainID); got != LevelRequired {
		t.Fatalf("other domain level = %q", got)
	}
}

func TestDomainMFAAuthorization(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	other := e.loginToken(apiKeyBody(DemoOtherAdminUser, DemoOtherAdminAPIKey))
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	body := domainMFABody(LevelRequired)

	for _, c := range []struct {
		name, token, domain string
	}{
		{"identity:default on its own domain", user, DemoDomainID},
		{"user-admin on another customer", admin, DemoOtherDomainID},
		{"user-manage on another customer", manager, DemoOtherDomainID},
		{"other customer's user-admin", other, DemoDomainID},
		// A domain-based caller is refused before the domain is looked up.
		{"user-admin on a missing domain", admin, "nope"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.putDomainMFA(c.token, c.domain, body).wantFault(t, 403, keyForbidden, "Not Authorized")
		})
	}
	if e.domainLevel(DemoDomainID) != "" || e.domainLevel(DemoOtherDomainID) != "" {
		t.Fatal("a refused request changed a level")
	}

	e.putDomainMFA(staff, "nope", body).wantFault(t, 404, keyNotFound, "Domain with ID nope not found.")
	for _, tok := range []string{"", "bogus"} {
		e.putDomainMFA(tok, DemoDomainID, body).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
	}
	e.do(http.MethodDelete, "/v2.0/tokens", admin, "", nil).wantNoContent(t)
	e.putDomainMFA(admin, DemoDomainID, body).wantFault(t, 401, keyUnauthorized, msgNoValidToken)

	// A SETUP-MFA token is for enrolment only, even a user-admin's.
	off, required := false, LevelRequired
	e.updateUser(DemoAdminUser, UserPatch{MFAEnabled: &off, MFAEnforcementLevel: &required})
	setup := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword, `,"RAX-AUTH:scope":"SETUP-MFA"`)).access(t).Access.Token.ID
	e.putDomainMFA(setup, DemoDomainID, body).wantFault(t, 403, keyForbidden, "Not Authorized")
}

func TestDomainMFAPrecondition(t *testing.T) {
	e := newEnv(t, DemoFixture())
	off := false
	e.updateUser(DemoAdminUser, UserPatch{MFAEnabled: &off})
	e.updateUser(DemoManagerUser, UserPatch{MFAEnabled: &off})
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))

	// Without MFA and with any user level but OPTIONAL, in both directions.
	for _, level := range []string{"", LevelDefault, LevelRequired} {
		l := level
		e.updateUser(DemoAdminUser, UserPatch{MFAEnforcementLevel: &l})
		for _, target := range []string{LevelRequired, LevelOptional} {
			e.putDomainMFA(admin, DemoDomainID, domainMFABody(target)).wantFault(t, 403, keyForbidden, msgPreconditionT)
		}
	}
	e.putDomainMFA(manager, DemoDomainID, domainMFABody(LevelRequired)).wantFault(t, 403, keyForbidden, msgPreconditionT)
	if got := e.domainLevel(DemoDomainID); got != "" {
		t.Fatalf("level = %q after refusals", got)
	}
	// The caller's domain is checked first.
	e.putDomainMFA(admin, DemoOtherDomainID, domainMFABody(LevelRequired)).wantFault(t, 403, keyForbidden, "Not Authorized")

	// User level OPTIONAL is enough without MFA.
	optional := LevelOptional
	e.updateUser(DemoAdminUser, UserPatch{MFAEnforcementLevel: &optional})
	e.putDomainMFA(admin, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	// And so is MFA enabled at any level.
	on, otp, secret := true, FactorOTP, DemoManagerSecret
	e.updateUser(DemoManagerUser, UserPatch{MFAEnabled: &on, FactorType: &otp, OTPSecret: &secret})
	manager = e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	e.putDomainMFA(manager, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)

	// identity:admin is exempt although it has no MFA.
	staff := e.loginToken(passwordBody(DemoRackspaceAdminUser, DemoRackspaceAdminPassword))
	e.putDomainMFA(staff, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if got := e.domainLevel(DemoDomainID); got != LevelRequired {
		t.Fatalf("level = %q", got)
	}
}

func TestDomainMFAValidation(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	const invalid = "Invalid json request body"
	const missing = "Must provide domain multifactor enforcement level"
	for _, c := range []struct{ body, message string }{
		{``, invalid},
		{`not json`, invalid},
		{`{}`, invalid},
		{`[]`, invalid},
		{`{"multiFactorDomain":{"domainMultiFactorEnforcementLevel":"REQUIRED"}}`, invalid},
		{`{"RAX-AUTH:multiFactorDomain":"REQUIRED"}`, invalid},
		{`{"RAX-AUTH:multiFactorDomain":null}`, invalid},
		{`{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":5}}`, invalid},
		{`{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":true}}`, invalid},
		{`{"RAX-AUTH:multiFactorDomain":{}}`, missing},
		{`{"RAX-AUTH:multiFactorDomain":{"enabled":true}}`, missing},
		{`{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":null}}`, missing},
		{domainMFABody("required"), "Invalid json request body for value 'required'"},
		{domainMFABody("Optional"), "Invalid json request body for value 'Optional'"},
		{domainMFABody("SOMETIMES"), "Invalid json request body for value 'SOMETIMES'"},
		{domainMFABody(LevelDefault), "Invalid json request body for value 'DEFAULT'"},
		{domainMFABody(""), "Invalid json request body for value ''"},
	} {
		e.putDomainMFA(admin, DemoDomainID, c.body).wantFault(t, 400, keyBadRequest, c.message)
	}
	if got := e.domainLevel(DemoDomainID); got != "" {
		t.Fatalf("level = %q after bad requests", got)
	}

	// The token is checked before the body; the body before the caller.
	e.putDomainMFA("bogus", DemoDomainID, `{}`).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	e.putDomainMFA(user, DemoDomainID, `{}`).wantFault(t, 400, keyBadRequest, invalid)
	e.putDomainMFA(user, DemoDomainID, domainMFABody(LevelRequired)).wantFault(t, 403, keyForbidden, "Not Authorized")

	// Unknown keys beside the level are ignored.
	e.putDomainMFA(admin, DemoDomainID, `{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":"REQUIRED","x":1}}`).wantNoContent(t)
}

func TestDomainMFARackspaceMandated(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if got := e.domainLevel(DemoMandatedDomainID); got != LevelRackspaceMandated {
		t.Fatalf("fixture level of %s = %q", DemoMandatedDomainID, got)
	}
	mandated := e.loginToken(apiKeyBody(DemoMandatedAdminUser, DemoMandatedAdminAPIKey))
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))

	// A customer can neither leave RACKSPACE_MANDATED nor set it, not even
	// as a no-op.
	for _, level := range []string{LevelOptional, LevelRequired} {
		e.putDomainMFA(mandated, DemoMandatedDomainID, domainMFABody(level)).wantFault(t, 403, keyForbidden, msgMandatedChgT)
	}
	e.putDomainMFA(mandated, DemoMandatedDomainID, domainMFABody(LevelRackspaceMandated)).wantFault(t, 403, keyForbidden, msgMandatedSetT)
	e.putDomainMFA(admin, DemoDomainID, domainMFABody(LevelRackspaceMandated)).wantFault(t, 403, keyForbidden, msgMandatedSetT)
	e.putDomainMFA(manager, DemoDomainID, domainMFABody(LevelRackspaceMandated)).wantFault(t, 403, keyForbidden, msgMandatedSetT)
	if e.domainLevel(DemoMandatedDomainID) != LevelRackspaceMandated || e.domainLevel(DemoDomainID) != "" {
		t.Fatal("a refused request changed a level")
	}
	// Both refusals name the level, which is how a client tells them apart.
	for _, m := range []string{msgMandatedSetT, msgMandatedChgT} {
		if !strings.Contains(m, "RACKSPACE_MANDATED") {
			t.Errorf("%q does not name RACKSPACE_MANDATED", m)
		}
	}

	// The MFA precondition still comes first.
	off := false
	e.updateUser(DemoMandatedAdminUser, UserPatch{MFAEnabled: &off})
	e.putDomainMFA(mandated, DemoMandatedDomainID, domainMFABody(LevelOptional)).wantFault(t, 403, keyForbidden, msgPreconditionT)

	// Rackspace may change it either way.
	e.putDomainMFA(staff, DemoMandatedDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	e.putDomainMFA(staff, DemoMandatedDomainID, domainMFABody(LevelRackspaceMandated)).wantNoContent(t)
	e.putDomainMFA(staff, DemoMandatedDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if got := e.domainLevel(DemoMandatedDomainID); got != LevelRequired {
		t.Fatalf("level = %q", got)
	}
	// Once Rackspace has released it, the customer may change it again.
	on := true
	e.updateUser(DemoMandatedAdminUser, UserPatch{MFAEnabled: &on})
	e.putDomainMFA(mandated, DemoMandatedDomainID, domainMFABody(LevelOptional)).wantNoContent(t)

	// Setting RACKSPACE_MANDATED forces MFA like REQUIRED and revokes alike.
	userPw := e.loginToken(passwordBody(DemoUser, DemoUserPassword))
	e.putDomainMFA(staff, DemoDomainID, domainMFABody(LevelRackspaceMandated)).wantNoContent(t)
	if !e.revoked(userPw) {
		t.Error("RACKSPACE_MANDATED kept a password token of a user without MFA")
	}
}

func TestDomainMFARequiredRevokesPasswordTokens(t *testing.T) {
	e := newEnv(t, DemoFixture())
	optional := LevelOptional
	e.updateUser(DemoNoMFAUser, UserPatch{MFAEnforcementLevel: &optional})

	userPw := e.loginToken(passwordBody(DemoUser, DemoUserPassword))
	userKey := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	optionalPw := e.loginToken(passwordBody(DemoNoMFAUser, DemoNoMFAPassword))
	adminMFA := e.mfaLogin(DemoAdminUser, DemoAdminPassword, DemoAdminSecret)
	staffPw := e.loginToken(passwordBody(DemoRackspaceAdminUser, DemoRackspaceAdminPassword))
	caller := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))

	// OPTIONAL revokes nothing.
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	if e.revoked(userPw) {
		t.Fatal("OPTIONAL revoked a token")
	}

	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	for name, c := range map[string]struct {
		token   string
		revoked bool
	}{
		"password token of a user now forced":  {userPw, true},
		"API-key token of that user":           {userKey, false},
		"password token of a user at OPTIONAL": {optionalPw, false},
		"MFA token":                            {adminMFA, false},
		"password token in another domain":     {staffPw, false},
		"the caller's API-key token":           {caller, false},
	} {
		if got := e.revoked(c.token); got != c.revoked {
			t.Errorf("%s: revoked = %v, want %v", name, got, c.revoked)
		}
	}
	// The revoked token is refused like any invalid one; the rest work.
	r, _ := e.getDomain(userPw, DemoDomainID)
	r.wantFault(t, 401, keyUnauthorized, msgNoValidToken)
	if r, _ := e.getDomain(userKey, DemoDomainID); r.status != http.StatusOK {
		t.Errorf("API-key token after REQUIRED: %d %s", r.status, r.body)
	}
	// And the user must now enrol before logging in with a password.
	e.auth(passwordBody(DemoUser, DemoUserPassword)).wantFault(t, 403, keyForbidden, "User must setup multi-factor")
}

func TestDomainMFASameLevelIsNoOp(t *testing.T) {
	e := newEnv(t, DemoFixture())
	caller := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)

	// A forced user without MFA can hold only a SETUP-MFA password token;
	// setting the level it already has must not revoke it.
	setup := func() string {
		return e.auth(passwordBody(DemoUser, DemoUserPassword, `,"RAX-AUTH:scope":"SETUP-MFA"`)).access(t).Access.Token.ID
	}
	tok := setup()
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if e.revoked(tok) {
		t.Fatal("REQUIRED while REQUIRED revoked a token")
	}
	if got := e.domainLevel(DemoDomainID); got != LevelRequired {
		t.Fatalf("level = %q", got)
	}

	// A real change to REQUIRED does revoke it.
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	if e.revoked(tok) {
		t.Fatal("OPTIONAL revoked a token")
	}
	optional := LevelOptional
	e.updateUser(DemoUser, UserPatch{MFAEnforcementLevel: &optional})
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if e.revoked(tok) {
		t.Fatal("REQUIRED revoked the token of a user at OPTIONAL")
	}
	def := LevelDefault
	e.updateUser(DemoUser, UserPatch{MFAEnforcementLevel: &def}) // revokes: the user is forced again
	tok = setup()
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelOptional)).wantNoContent(t)
	e.putDomainMFA(caller, DemoDomainID, domainMFABody(LevelRequired)).wantNoContent(t)
	if !e.revoked(tok) {
		t.Fatal("a change to REQUIRED kept a password token of a user without MFA")
	}
}
