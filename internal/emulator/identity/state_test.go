package identity

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

func TestFixtureValidation(t *testing.T) {
	if err := DemoFixture().Validate(); err != nil {
		t.Fatalf("demo fixture: %v", err)
	}
	bad := []struct {
		name   string
		change func(*Fixture)
		want   string
	}{
		{"duplicate domain", func(f *Fixture) { f.Domains = append(f.Domains, f.Domains[0]) }, "duplicate id"},
		{"bad domain level", func(f *Fixture) { f.Domains[0].MFAEnforcementLevel = "SOMETIMES" }, "mfa_enforcement_level"},
		{"bad duration", func(f *Fixture) {
			f.Domains[0].PasswordPolicy = &PasswordPolicyFixture{PasswordDuration: "P1Y"}
		}, `domain "123456": password_policy: password_duration: `},
		{"bad history", func(f *Fixture) {
			h := 11
			f.Domains[0].PasswordPolicy = &PasswordPolicyFixture{PasswordHistoryRestriction: &h}
		}, "password_history_restriction"},
		{"tenant in unknown domain", func(f *Fixture) { f.Tenants[0].DomainID = "x" }, "unknown domain_id"},
		{"duplicate username", func(f *Fixture) { f.Users[1].Username = f.Users[0].Username }, "duplicate username"},
		{"shared api key", func(f *Fixture) { f.Users[1].APIKey = f.Users[0].APIKey }, `users "demo-admin" and "demo-user" share an api_key`},
		{"unknown role", func(f *Fixture) { f.Users[0].Role = "identity:boss" }, `user "demo-admin": role "identity:boss" is not a known identity role (want one of identity:admin, identity:default, identity:service-admin, identity:user-admin, identity:user-manage)`},
		{"OTP without secret", func(f *Fixture) { f.Users[0].MFA.OTPSecret = "" }, "needs an otp_secret"},
		{"bad secret", func(f *Fixture) { f.Users[0].MFA.OTPSecret = "!!" }, `user "demo-admin": mfa: otp_secret is not valid base32`},
		{"SMS without phone", func(f *Fixture) { f.Users[2].MFA.Phone = "" }, "needs a phone"},
		{"MFA without factor", func(f *Fixture) { f.Users[2].MFA.FactorType = "" }, "factor_type"},
		{"bad user level", func(f *Fixture) { f.Users[0].MFAEnforcementLevel = "RACKSPACE_MANDATED" }, "mfa_enforcement_level"},
		{"unknown tenant role", func(f *Fixture) {
			f.Users[0].TenantRoles = []TenantRoleFixture{{TenantID: DemoTenantID, Roles: []string{"root"}}}
		}, `user "demo-admin": tenant_roles: unknown role "root" for tenant "123456" (want one of `},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			fx := DemoFixture()
			c.change(&fx)
			err := fx.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate = %v, want an error about %q", err, c.want)
			}
			if _, err := New(fx, nil); err == nil {
				t.Fatal("New accepted an invalid fixture")
			}
			for _, secret := range []string{DemoAdminPassword, DemoAdminAPIKey, DemoAdminSecret} {
				if strings.Contains(err.Error(), secret) {
					t.Fatal("validation error contains a secret")
				}
			}
		})
	}
}

func TestResetRestoresFixture(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	off, req := false, LevelRequired
	e.updateUser(DemoUser, UserPatch{Enabled: &off})
	e.updateDomain(DemoDomainID, DomainPatch{MFAEnforcementLevel: &req})
	e.api.Reset()
	if len(e.api.Tokens()) != 0 {
		t.Error("tokens survived reset")
	}
	if u, _ := e.api.User(DemoUser); !u.Enabled {
		t.Error("user change survived reset")
	}
	if d, _ := e.api.Domain(DemoDomainID); d.MFAEnforcementLevel != "" {
		t.Error("domain change survived reset")
	}
	e.do(http.MethodDelete, "/v2.0/tokens", tok, "", nil).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
}

func TestUpdateUserValidation(t *testing.T) {
	e := newEnv(t, DemoFixture())
	on, otp, sms, empty, bogus := true, FactorOTP, FactorSMS, "", "SOMETIMES"
	for name, p := range map[string]UserPatch{
		"OTP without device": {MFAEnabled: &on, FactorType: &otp},
		"SMS without phone":  {MFAEnabled: &on, FactorType: &sms},
		"no factor":          {MFAEnabled: &on},
		"bad level":          {MFAEnforcementLevel: &bogus},
		"empty password":     {Password: &empty},
		"taken api key":      {APIKey: ptr(DemoAdminAPIKey)},
	} {
		if _, err := e.api.UpdateUser(DemoUser, p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if u, _ := e.api.User(DemoUser); u.MFAEnabled || u.FactorType != "" {
		t.Errorf("a rejected patch changed the user: %+v", u)
	}
	if _, err := e.api.UpdateUser("ghost", UserPatch{}); err == nil {
		t.Error("unknown user accepted")
	}
	// SMS with a phone works and the user is then challenged with PASSCODE.
	phone := "+1 512-555-0199"
	e.updateUser(DemoUser, UserPatch{MFAEnabled: &on, FactorType: &sms, Phone: &phone})
	e.auth(passwordBody(DemoUser, DemoUserPassword)).challenge(t, "PASSCODE")
	// New credentials take effect.
	key := "brand-new-key"
	e.updateUser(DemoUser, UserPatch{APIKey: &key})
	e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).wantFault(t, 401, keyUnauthorized, msgWrongAPIKey)
	e.auth(apiKeyBody(DemoUser, key)).access(t)
}

func ptr[T any](v T) *T { return &v }

func TestAdminRoutes(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := emutest.Serve(t, emutest.AdminRoutes(t, Name, e.api.AdminRoutes()))
	call := func(method, path, body string) (int, map[string]any, []byte) {
		t.Helper()
		r := emutest.Send(t, method, admin+"/_emulator/identity"+path, body, nil)
		var raw json.RawMessage
		if err := json.Unmarshal(r.Body, &raw); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		// Lists are not objects; m stays nil for them.
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		return r.Status, m, raw
	}

	status, d, _ := call("GET", "/domains/123456", "")
	if status != 200 || d["mfa_enforcement_level"] != "" || d["enabled"] != true {
		t.Fatalf("GET domain: %d %v", status, d)
	}
	status, d, _ = call("PATCH", "/domains/123456", `{"mfa_enforcement_level":"REQUIRED","enabled":false}`)
	if status != 200 || d["mfa_enforcement_level"] != "REQUIRED" || d["enabled"] != false {
		t.Fatalf("PATCH domain: %d %v", status, d)
	}
	if status, d, _ = call("PATCH", "/domains/123456", `{"mfa_enforcement_level":"","enabled":true}`); status != 200 || d["enabled"] != true {
		t.Fatalf("PATCH domain back: %d %v", status, d)
	}
	if status, _, _ = call("PATCH", "/domains/123456", `{"mfa_enforcement_level":"NEVER"}`); status != 400 {
		t.Errorf("bad level: %d", status)
	}
	if status, _, _ = call("PATCH", "/domains/123456", `{"mfa_level":"REQUIRED"}`); status != 400 {
		t.Errorf("unknown field: %d", status)
	}
	if status, _, _ = call("GET", "/domains/nope", ""); status != 404 {
		t.Errorf("unknown domain: %d", status)
	}

	status, u, raw := call("GET", "/users/demo-admin", "")
	if status != 200 || u["mfa_enabled"] != true || u["factor_type"] != "OTP" || u["locked"] != false || u["failed_passcodes"] != 0.0 || u["enabled"] != true {
		t.Fatalf("GET user: %d %v", status, u)
	}
	for _, secret := range []string{DemoAdminPassword, DemoAdminAPIKey, DemoAdminSecret} {
		if strings.Contains(string(raw), secret) {
			t.Fatal("user state leaks a secret")
		}
	}
	status, u, _ = call("PATCH", "/users/demo-admin", `{"locked":true,"mfa_enforcement_level":"OPTIONAL","enabled":false}`)
	if status != 200 || u["locked"] != true || u["mfa_enforcement_level"] != "OPTIONAL" || u["enabled"] != false {
		t.Fatalf("PATCH user: %d %v", status, u)
	}
	status, u, _ = call("PATCH", "/users/demo-user", `{"mfa_enabled":true,"factor_type":"OTP","otp_secret":"JBSWY3DPEHPK3PXP","password":"p","api_key":"k"}`)
	if status != 200 || u["mfa_enabled"] != true {
		t.Fatalf("PATCH user MFA: %d %v", status, u)
	}
	if status, _, _ = call("PATCH", "/users/demo-user", `{"factor_type":"VOICE"}`); status != 400 {
		t.Errorf("bad factor: %d", status)
	}
	if status, _, _ = call("GET", "/users/ghost", ""); status != 404 {
		t.Errorf("unknown user: %d", status)
	}
	if status, _, raw = call("GET", "/users", ""); status != 200 || !strings.Contains(string(raw), DemoManagerUser) {
		t.Errorf("list users: %d %s", status, raw)
	}

	if status, _, _ = call("GET", "/users/demo-sms/sms", ""); status != 404 {
		t.Errorf("SMS before any challenge: %d", status)
	}
	e.auth(passwordBody(DemoSMSUser, DemoSMSPassword)).challenge(t, "PASSCODE")
	status, s, _ := call("GET", "/users/demo-sms/sms", "")
	want, _ := e.api.LastSMSPasscode(DemoSMSUser)
	if status != 200 || s["passcode"] != want {
		t.Errorf("SMS: %d %v, want %s", status, s, want)
	}

	tok := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	var tokens []TokenState
	_, _, raw = call("GET", "/tokens", "")
	if err := json.Unmarshal(raw, &tokens); err != nil || len(tokens) != 1 {
		t.Fatalf("tokens: %s", raw)
	}
	got := tokens[0]
	if got.ID != tok || got.User != DemoManagerUser || got.AuthenticatedBy[0] != "APIKEY" || got.Revoked ||
		!got.Expires.Equal(got.Issued.Add(24*time.Hour)) {
		t.Errorf("token = %+v", got)
	}
	var keys map[string]any
	if err := json.Unmarshal(mustMarshal(t, tokens[0]), &keys); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "user", "authenticated_by", "issued", "expires", "revoked"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("token JSON lacks %q: %v", k, keys)
		}
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFaultWriters(t *testing.T) {
	api, err := New(DemoFixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for status, key := range map[int]string{400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "itemNotFound", 500: "identityFault", 502: "identityFault", 503: "identityFault"} {
		w := httptest.NewRecorder()
		api.WriteFault(w, status)
		var body map[string]struct {
			Code int `json:"code"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != status || body[key].Code != status {
			t.Errorf("WriteFault(%d) = %d %s", status, w.Code, w.Body)
		}
	}
	w := httptest.NewRecorder()
	api.WriteFault(w, 501)
	if w.Code != 501 || w.Body.Len() != 0 {
		t.Errorf("501 = %d %q, want an empty body", w.Code, w.Body)
	}
	w = httptest.NewRecorder()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	api.WriteThrottle(w, at)
	var over map[string]map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &over); err != nil {
		t.Fatal(err)
	}
	if w.Code != 413 || over["overLimit"]["code"] != 413.0 || over["overLimit"]["retryAfter"] != "2026-01-02T03:04:05.000Z" {
		t.Errorf("throttle = %d %s", w.Code, w.Body)
	}
}

func TestDomainStateShowsPasswordPolicy(t *testing.T) {
	fx := DemoFixture()
	h := 10
	fx.Domains[0].PasswordPolicy = &PasswordPolicyFixture{PasswordDuration: "P90DT6H30M5S", PasswordHistoryRestriction: &h}
	api, err := New(fx, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := api.Domain(DemoDomainID)
	if p := d.PasswordPolicy; p == nil || p.PasswordDuration != "P90DT6H30M5S" || *p.PasswordHistoryRestriction != 10 {
		t.Errorf("password policy = %+v", d.PasswordPolicy)
	}
	if d.SessionInactivityTimeout != "PT15M" || d.Type != "RACKSPACE_CLOUD_US" {
		t.Errorf("domain = %+v", d)
	}
}

func TestOldSessionsAreForgotten(t *testing.T) {
	e := newEnv(t, DemoFixture())
	old := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	e.clock.Advance(2 * time.Hour)
	e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	// Long gone: no longer known at all rather than "expired".
	e.passcode(old, e.totp(DemoAdminSecret)).wantFault(t, 401, keyUnauthorized, msgWrongPasscodeT)
}
