package identity

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

const (
	msgPolicyBadT   = "The supplied password policy is invalid. Please check your syntax and try again."
	msgPolicyRangeT = "Invalid Password history restriction. Must be between 0-10. 0 means to ignore history."
	msgNoPolicyT    = "A password policy is not set on this domain"
)

func policyPath(domainID string) string {
	return "/v2.0/RAX-AUTH/domains/" + domainID + "/password-policy"
}

func (e *env) putPolicy(token, domainID, body string) response {
	e.t.Helper()
	return e.do(http.MethodPut, policyPath(domainID), token, body, nil)
}

func (e *env) getPolicy(token, domainID string) response {
	e.t.Helper()
	return e.do(http.MethodGet, policyPath(domainID), token, "", nil)
}

func (e *env) deletePolicy(token, domainID string) response {
	e.t.Helper()
	return e.do(http.MethodDelete, policyPath(domainID), token, "", nil)
}

// doContentType is do with an exact Content-Type header, or none.
func (e *env) doContentType(method, path, token, contentType, body string) response {
	e.t.Helper()
	h := emutest.Header("X-Auth-Token", token)
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return toResponse(emutest.Send(e.t, method, e.url+path, body, h))
}

// wantPolicy checks a 200 whose body is exactly want.
func (r response) wantPolicy(t *testing.T, want string) {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	if got := string(bytes.TrimSpace(r.body)); got != want {
		t.Fatalf("body = %s, want %s", got, want)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q", ct)
	}
}

func TestPasswordPolicyLifecycle(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))

	e.getPolicy(admin, DemoDomainID).wantFault(t, 404, keyNotFound, msgNoPolicyT)

	// The documented request: history sent as a string, echoed as a number.
	const doc = `{"passwordPolicy":{"passwordDuration":"P90DT6H30M5S","passwordHistoryRestriction":10}}`
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{"passwordDuration":"P90DT6H30M5S","passwordHistoryRestriction":"10"}}`).wantPolicy(t, doc)
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, doc)
	d, _ := e.api.Domain(DemoDomainID)
	if p := d.PasswordPolicy; p == nil || p.PasswordDuration != "P90DT6H30M5S" || p.PasswordHistoryRestriction == nil || *p.PasswordHistoryRestriction != 10 {
		t.Fatalf("state = %+v", d.PasswordPolicy)
	}

	// A PUT replaces the whole policy: the absent duration is unset.
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{"passwordHistoryRestriction":3}}`).
		wantPolicy(t, `{"passwordPolicy":{"passwordHistoryRestriction":3}}`)
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, `{"passwordPolicy":{"passwordHistoryRestriction":3}}`)
	if d, _ := e.api.Domain(DemoDomainID); d.PasswordPolicy.PasswordDuration != "" {
		t.Fatalf("duration survived a PUT without it: %+v", d.PasswordPolicy)
	}

	// An empty policy is still a policy.
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{}}`).wantPolicy(t, `{"passwordPolicy":{}}`)
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, `{"passwordPolicy":{}}`)

	e.deletePolicy(admin, DemoDomainID).wantNoContent(t)
	e.getPolicy(admin, DemoDomainID).wantFault(t, 404, keyNotFound, msgNoPolicyT)
	if d, _ := e.api.Domain(DemoDomainID); d.PasswordPolicy != nil {
		t.Fatalf("state after DELETE = %+v", d.PasswordPolicy)
	}
	// Deleting what is not there is fine.
	e.deletePolicy(admin, DemoDomainID).wantNoContent(t)
}

func TestPasswordPolicyEcho(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	for _, c := range []struct{ in, want string }{
		// The duration comes back exactly as sent, not normalized.
		{`{"passwordDuration":"p1dt2h"}`, `{"passwordDuration":"p1dt2h"}`},
		{`{"passwordDuration":"PT2160H"}`, `{"passwordDuration":"PT2160H"}`},
		{`{"passwordDuration":"P5DT5H1M3.5S"}`, `{"passwordDuration":"P5DT5H1M3.5S"}`},
		{`{"passwordDuration":"+PT1H"}`, `{"passwordDuration":"+PT1H"}`},
		{`{"passwordDuration":"PT0S"}`, `{"passwordDuration":"PT0S"}`},
		// History as a number or a numeric string; always a number back.
		{`{"passwordHistoryRestriction":0}`, `{"passwordHistoryRestriction":0}`},
		{`{"passwordHistoryRestriction":"0"}`, `{"passwordHistoryRestriction":0}`},
		{`{"passwordHistoryRestriction":"7"}`, `{"passwordHistoryRestriction":7}`},
		{`{"passwordHistoryRestriction":10}`, `{"passwordHistoryRestriction":10}`},
		// Null fields are unset and omitted.
		{`{"passwordDuration":null,"passwordHistoryRestriction":2}`, `{"passwordHistoryRestriction":2}`},
		{`{"passwordDuration":"P1D","passwordHistoryRestriction":null}`, `{"passwordDuration":"P1D"}`},
		// Duration first, whatever the order sent.
		{`{"passwordHistoryRestriction":2,"passwordDuration":"P1D"}`, `{"passwordDuration":"P1D","passwordHistoryRestriction":2}`},
	} {
		want := `{"passwordPolicy":` + c.want + `}`
		e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":`+c.in+`}`).wantPolicy(t, want)
		e.getPolicy(admin, DemoDomainID).wantPolicy(t, want)
	}
}

func TestPasswordPolicyValidation(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	const kept = `{"passwordPolicy":{"passwordDuration":"P30D","passwordHistoryRestriction":4}}`
	e.putPolicy(admin, DemoDomainID, kept).wantPolicy(t, kept)

	for _, body := range []string{
		``, `not json`, `[]`, `{}`, `null`,
		`{"policy":{"passwordDuration":"P1D"}}`,
		`{"passwordPolicy":null}`,
		`{"passwordPolicy":"P1D"}`,
		`{"passwordPolicy":{},"extra":1}`,
		`{"passwordPolicy":{"passwordDuration":"P1D","passwordExpiry":"P1D"}}`,
		`{"passwordPolicy":{"passwordDuration":"P1Y"}}`,
		`{"passwordPolicy":{"passwordDuration":"P1M"}}`,
		`{"passwordPolicy":{"passwordDuration":"P1W"}}`,
		`{"passwordPolicy":{"passwordDuration":"-P1D"}}`,
		`{"passwordPolicy":{"passwordDuration":"P-1D"}}`,
		`{"passwordPolicy":{"passwordDuration":"PT-1S"}}`,
		`{"passwordPolicy":{"passwordDuration":"90 days"}}`,
		`{"passwordPolicy":{"passwordDuration":"P1DT"}}`,
		`{"passwordPolicy":{"passwordDuration":90}}`,
		`{"passwordPolicy":{"passwordDuration":true}}`,
		`{"passwordPolicy":{"passwordDuration":{}}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":-1}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":"-1"}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":1.5}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":"1.5"}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":1e1}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":"ten"}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":""}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":true}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":2147483648}}`,
		// An unparsable field wins over an out-of-range history.
		`{"passwordPolicy":{"passwordDuration":"P1Y","passwordHistoryRestriction":11}}`,
	} {
		e.putPolicy(admin, DemoDomainID, body).wantFault(t, 400, keyBadRequest, msgPolicyBadT)
	}
	for _, body := range []string{
		`{"passwordPolicy":{"passwordHistoryRestriction":11}}`,
		`{"passwordPolicy":{"passwordHistoryRestriction":"11"}}`,
		`{"passwordPolicy":{"passwordDuration":"P1D","passwordHistoryRestriction":100}}`,
	} {
		e.putPolicy(admin, DemoDomainID, body).wantFault(t, 400, keyBadRequest, msgPolicyRangeT)
	}
	// Nothing was stored by a refused PUT.
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, kept)
}

func TestPasswordPolicyAuthorization(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	other := e.loginToken(apiKeyBody(DemoOtherAdminUser, DemoOtherAdminAPIKey))
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	const policy = `{"passwordPolicy":{"passwordDuration":"P1D"}}`

	forbidden := []struct {
		name, token, domain string
	}{
		{"user-manage on its own domain", manager, DemoDomainID},
		{"identity:default on its own domain", user, DemoDomainID},
		{"user-admin on another customer", admin, DemoOtherDomainID},
		{"user-admin on a missing domain", admin, "nope"},
		// Deliberately not 404.
		{"identity:admin on a missing domain", staff, "nope"},
	}
	for _, c := range forbidden {
		t.Run(c.name, func(t *testing.T) {
			e.putPolicy(c.token, c.domain, policy).wantFault(t, 403, keyForbidden, "Forbidden.")
			e.getPolicy(c.token, c.domain).wantFault(t, 403, keyForbidden, "Forbidden.")
			e.deletePolicy(c.token, c.domain).wantFault(t, 403, keyForbidden, "Forbidden.")
			// The caller is refused before the body is read.
			e.putPolicy(c.token, c.domain, `garbage`).wantFault(t, 403, keyForbidden, "Forbidden.")
		})
	}
	if d, _ := e.api.Domain(DemoDomainID); d.PasswordPolicy != nil {
		t.Fatal("a refused PUT stored a policy")
	}

	for _, tok := range []string{"", "bogus"} {
		e.putPolicy(tok, DemoDomainID, policy).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
		e.getPolicy(tok, DemoDomainID).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
		e.deletePolicy(tok, DemoDomainID).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
	}

	// user-admins on their own domain, identity:admin anywhere.
	e.putPolicy(other, DemoOtherDomainID, policy).wantPolicy(t, policy)
	e.getPolicy(staff, DemoOtherDomainID).wantPolicy(t, policy)
	e.putPolicy(staff, DemoDomainID, policy).wantPolicy(t, policy)
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, policy)
	e.deletePolicy(staff, DemoOtherDomainID).wantNoContent(t)
	e.getPolicy(other, DemoOtherDomainID).wantFault(t, 404, keyNotFound, msgNoPolicyT)
	// A disabled domain keeps its policy API for Rackspace.
	off := false
	e.updateDomain(DemoOtherDomainID, DomainPatch{Enabled: &off})
	e.putPolicy(staff, DemoOtherDomainID, policy).wantPolicy(t, policy)

	// A SETUP-MFA token is for enrolment only.
	required := LevelRequired
	e.updateUser(DemoAdminUser, UserPatch{MFAEnabled: &off, MFAEnforcementLevel: &required})
	setup := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword, `,"RAX-AUTH:scope":"SETUP-MFA"`)).access(t).Access.Token.ID
	e.getPolicy(setup, DemoDomainID).wantFault(t, 403, keyForbidden, "Forbidden.")
}

func TestPasswordPolicyJSONOnly(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	const policy = `{"passwordPolicy":{"passwordDuration":"P1D"}}`
	for _, ct := range []string{"application/xml", "text/plain", "", "application/jsonx", "not a media type"} {
		e.doContentType(http.MethodPut, policyPath(DemoDomainID), admin, ct, policy).
			wantFault(t, 415, "unsupportedMediaType", "Unsupported Media Type")
	}
	// The media type is checked before the token.
	e.doContentType(http.MethodPut, policyPath(DemoDomainID), "bogus", "application/xml", policy).
		wantFault(t, 415, "unsupportedMediaType", "Unsupported Media Type")
	if d, _ := e.api.Domain(DemoDomainID); d.PasswordPolicy != nil {
		t.Fatal("a 415 stored a policy")
	}
	for _, ct := range []string{"application/json; charset=utf-8", "Application/JSON"} {
		e.doContentType(http.MethodPut, policyPath(DemoDomainID), admin, ct, policy).wantPolicy(t, policy)
	}
	// Reads and deletes carry no body, so their Content-Type does not matter.
	e.doContentType(http.MethodGet, policyPath(DemoDomainID), admin, "text/plain", "").wantPolicy(t, policy)
	e.doContentType(http.MethodDelete, policyPath(DemoDomainID), admin, "", "").wantNoContent(t)
}

// TestPasswordPolicyDrivesExpiry checks that a policy set through the API,
// or out of band, decides password expiry on the emulator clock at once.
func TestPasswordPolicyDrivesExpiry(t *testing.T) {
	e := newEnv(t, DemoFixture())
	loaded := e.clock.Now() // the fixture's password_changed
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	login := func() response { return e.auth(passwordBody(DemoUser, DemoUserPassword)) }
	const expired = "Error code: 'AUTH-001'; The password for this user has expired and must be changed"

	if h := login().header.Get("X-Password-Expiration"); h != "" {
		t.Fatalf("X-Password-Expiration = %q without a policy", h)
	}
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{"passwordDuration":"P1D","passwordHistoryRestriction":"3"}}`).
		wantPolicy(t, `{"passwordPolicy":{"passwordDuration":"P1D","passwordHistoryRestriction":3}}`)
	r := login()
	r.access(t)
	if want := "2026-03-02T12:00:00.000Z"; r.header.Get("X-Password-Expiration") != want || formatTime(loaded.Add(24*time.Hour)) != want {
		t.Fatalf("X-Password-Expiration = %q, want %q", r.header.Get("X-Password-Expiration"), want)
	}

	e.clock.Advance(25 * time.Hour)
	login().wantFault(t, 401, keyUnauthorized, expired)
	e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).access(t)
	// The admin's API-key token was issued before the clock moved on; a new
	// one keeps the test clear of the 24-hour token lifetime.
	admin = e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))

	// A longer duration (a whole new policy) makes the password good again.
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{"passwordDuration":"P30D"}}`).
		wantPolicy(t, `{"passwordPolicy":{"passwordDuration":"P30D"}}`)
	r = login()
	r.access(t)
	if want := formatTime(loaded.Add(30 * 24 * time.Hour)); r.header.Get("X-Password-Expiration") != want {
		t.Fatalf("X-Password-Expiration = %q, want %q", r.header.Get("X-Password-Expiration"), want)
	}

	// A policy without a duration, or with a zero one, never expires.
	for _, body := range []string{`{"passwordPolicy":{"passwordHistoryRestriction":5}}`, `{"passwordPolicy":{"passwordDuration":"PT0S"}}`} {
		e.putPolicy(admin, DemoDomainID, body)
		if r := login(); r.status != http.StatusOK || r.header.Get("X-Password-Expiration") != "" {
			t.Fatalf("after %s: %d, X-Password-Expiration %q", body, r.status, r.header.Get("X-Password-Expiration"))
		}
	}

	// Out of band: the Go API drives it the same way.
	if _, err := e.api.SetPasswordPolicy(DemoDomainID, PasswordPolicyState{PasswordDuration: "PT1H"}); err != nil {
		t.Fatal(err)
	}
	login().wantFault(t, 401, keyUnauthorized, expired)
	e.getPolicy(admin, DemoDomainID).wantPolicy(t, `{"passwordPolicy":{"passwordDuration":"PT1H"}}`)
	if _, err := e.api.DeletePasswordPolicy(DemoDomainID); err != nil {
		t.Fatal(err)
	}
	login().access(t)
	e.getPolicy(admin, DemoDomainID).wantFault(t, 404, keyNotFound, msgNoPolicyT)

	// Deleting the policy through the API lifts the expiry too.
	e.putPolicy(admin, DemoDomainID, `{"passwordPolicy":{"passwordDuration":"PT1M"}}`)
	login().wantFault(t, 401, keyUnauthorized, expired)
	e.deletePolicy(admin, DemoDomainID).wantNoContent(t)
	login().access(t)
}

func TestAdminPasswordPolicy(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := emutest.Serve(t, emutest.AdminRoutes(t, Name, e.api.AdminRoutes()))
	domainURL := admin + "/_emulator/identity/domains/" + DemoDomainID
	patch := func(body string) (int, map[string]any) {
		t.Helper()
		r := emutest.Send(t, http.MethodPatch, domainURL, body, nil)
		var m map[string]any
		if err := json.Unmarshal(r.Body, &m); err != nil {
			t.Fatal(err)
		}
		return r.Status, m
	}
	get := func() map[string]any {
		t.Helper()
		r := emutest.Send(t, http.MethodGet, domainURL, "", nil)
		var m map[string]any
		if err := json.Unmarshal(r.Body, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	tok := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))

	status, d := patch(`{"password_policy":{"password_duration":"P1D","password_history_restriction":3}}`)
	want := map[string]any{"password_duration": "P1D", "password_history_restriction": 3.0}
	if status != 200 || !reflect.DeepEqual(d["password_policy"], want) {
		t.Fatalf("PATCH policy: %d %v", status, d)
	}
	if !reflect.DeepEqual(get()["password_policy"], want) {
		t.Fatalf("GET view: %v", get())
	}
	e.getPolicy(tok, DemoDomainID).wantPolicy(t, `{"passwordPolicy":{"passwordDuration":"P1D","passwordHistoryRestriction":3}}`)

	// Other fields leave the policy alone; a new policy replaces it whole.
	if status, d = patch(`{"enabled":true}`); status != 200 || !reflect.DeepEqual(d["password_policy"], want) {
		t.Fatalf("PATCH enabled: %d %v", status, d)
	}
	if status, d = patch(`{"password_policy":{"password_history_restriction":0}}`); status != 200 ||
		!reflect.DeepEqual(d["password_policy"], map[string]any{"password_history_restriction": 0.0}) {
		t.Fatalf("PATCH replacement: %d %v", status, d)
	}

	for _, body := range []string{
		`{"password_policy":{"password_duration":"P1Y"}}`,
		`{"password_policy":{"password_duration":"-PT1H"}}`,
		`{"password_policy":{"password_history_restriction":11}}`,
		`{"password_policy":{"password_history_restriction":-1}}`,
		`{"password_policy":{"duration":"P1D"}}`,
		`{"password_policy":"P1D"}`,
		// Checked as a whole: the valid level is not applied either.
		`{"mfa_enforcement_level":"REQUIRED","password_policy":{"password_duration":"P1W"}}`,
	} {
		if status, d := patch(body); status != 400 || d["error"] == nil {
			t.Errorf("PATCH %s: %d %v", body, status, d)
		}
	}
	if v := get(); v["mfa_enforcement_level"] != "" || !reflect.DeepEqual(v["password_policy"], map[string]any{"password_history_restriction": 0.0}) {
		t.Fatalf("a refused PATCH changed the domain: %v", v)
	}

	if status, d = patch(`{"password_policy":null}`); status != 200 || d["password_policy"] != nil {
		t.Fatalf("PATCH null: %d %v", status, d)
	}
	if _, ok := get()["password_policy"]; ok {
		t.Fatal("GET view still shows a deleted policy")
	}
	e.getPolicy(tok, DemoDomainID).wantFault(t, 404, keyNotFound, msgNoPolicyT)
}

func TestDomainPatchJSON(t *testing.T) {
	h := 2
	for _, c := range []struct {
		patch DomainPatch
		json  string
	}{
		{DomainPatch{}, `{}`},
		{DomainPatch{DeletePasswordPolicy: true}, `{"password_policy":null}`},
		{DomainPatch{PasswordPolicy: &PasswordPolicyState{PasswordDuration: "P1D", PasswordHistoryRestriction: &h}},
			`{"password_policy":{"password_duration":"P1D","password_history_restriction":2}}`},
		{DomainPatch{MFAEnforcementLevel: ptr(LevelRequired), Enabled: ptr(false)},
			`{"mfa_enforcement_level":"REQUIRED","enabled":false}`},
	} {
		b, err := json.Marshal(c.patch)
		if err != nil || string(b) != c.json {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", c.patch, b, err, c.json)
		}
		var back DomainPatch
		if err := json.Unmarshal([]byte(c.json), &back); err != nil || !reflect.DeepEqual(back, c.patch) {
			t.Errorf("Unmarshal(%s) = %+v, %v", c.json, back, err)
		}
	}
	var p DomainPatch
	if err := json.Unmarshal([]byte(`{"password_policy":{"password_duration":"P1D","x":1}}`), &p); err == nil {
		t.Error("unknown policy field accepted")
	}

	api, err := New(DemoFixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.UpdateDomain(DemoDomainID, DomainPatch{PasswordPolicy: &PasswordPolicyState{}, DeletePasswordPolicy: true}); err == nil {
		t.Error("replace and delete at once accepted")
	}
	if _, err := api.SetPasswordPolicy("nope", PasswordPolicyState{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetPasswordPolicy(nope) = %v, want ErrNotFound", err)
	}
	if _, err := api.DeletePasswordPolicy("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeletePasswordPolicy(nope) = %v, want ErrNotFound", err)
	}
	d, err := api.SetPasswordPolicy(DemoDomainID, PasswordPolicyState{PasswordDuration: "P90DT6H30M5S"})
	if err != nil || d.PasswordPolicy == nil || d.PasswordPolicy.PasswordDuration != "P90DT6H30M5S" || d.PasswordPolicy.PasswordHistoryRestriction != nil {
		t.Errorf("SetPasswordPolicy = %+v, %v", d.PasswordPolicy, err)
	}
	// Reset drops out-of-band policies.
	api.Reset()
	if d, _ := api.Domain(DemoDomainID); d.PasswordPolicy != nil {
		t.Errorf("policy survived Reset: %+v", d.PasswordPolicy)
	}
}

func TestDemoFixtureExtraDomains(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for _, c := range []struct {
		user, password, key, secret, domain, tenant, role string
	}{
		{DemoOtherAdminUser, DemoOtherAdminPassword, DemoOtherAdminAPIKey, DemoOtherAdminSecret, DemoOtherDomainID, DemoOtherTenantID, RoleUserAdmin},
		{DemoMandatedAdminUser, DemoMandatedAdminPassword, DemoMandatedAdminAPIKey, DemoMandatedAdminSecret, DemoMandatedDomainID, DemoMandatedTenantID, RoleUserAdmin},
		{DemoRackspaceAdminUser, DemoRackspaceAdminPassword, DemoRackspaceAdminAPIKey, "", DemoStaffDomainID, "", RoleAdmin},
	} {
		var a access
		if c.secret != "" {
			sid := e.auth(passwordBody(c.user, c.password)).challenge(t, "OTPPASSCODE")
			a = e.passcode(sid, e.totp(c.secret)).access(t)
		} else {
			a = e.auth(passwordBody(c.user, c.password)).access(t)
		}
		if a.Access.User.DomainID != c.domain || a.Access.User.Roles[0].Name != c.role {
			t.Errorf("%s: domain %s, roles %+v", c.user, a.Access.User.DomainID, a.Access.User.Roles)
		}
		switch tn := a.Access.Token.Tenant; {
		case c.tenant == "" && tn != nil, c.tenant != "" && (tn == nil || tn.ID != c.tenant):
			t.Errorf("%s: tenant %+v, want %q", c.user, tn, c.tenant)
		}
		e.auth(apiKeyBody(c.user, c.key)).access(t)
	}
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	if _, d := e.getDomain(staff, DemoMandatedDomainID); d["domainMultiFactorEnforcementLevel"] != LevelRackspaceMandated {
		t.Errorf("domain %s = %v", DemoMandatedDomainID, d)
	}
	if _, d := e.getDomain(staff, DemoOtherDomainID); d["domainMultiFactorEnforcementLevel"] != nil {
		t.Errorf("domain %s = %v", DemoOtherDomainID, d)
	}
}
