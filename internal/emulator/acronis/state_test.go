package acronis

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestFixtureValidation(t *testing.T) {
	if err := DemoFixture().Validate(); err != nil {
		t.Fatalf("demo fixture: %v", err)
	}
	if err := (Fixture{}).Validate(); err != nil {
		t.Fatalf("empty fixture: %v", err)
	}
	// Indexes into DemoFixture().Tenants.
	const root, partner, customer, unit, folder = 0, 1, 2, 3, 4
	bad := []struct {
		name   string
		change func(*Fixture)
		want   string
	}{
		{"bad tenant id", func(f *Fixture) { f.Tenants[customer].ID = "customer" }, "not a lowercase UUID"},
		{"upper-case tenant id", func(f *Fixture) { f.Tenants[customer].ID = "ABCDEF00-2222-4222-8222-222222222222" }, "not a lowercase UUID"},
		{"duplicate tenant", func(f *Fixture) { f.Tenants = append(f.Tenants, f.Tenants[customer]) }, "duplicate id"},
		{"no name", func(f *Fixture) { f.Tenants[customer].Name = "" }, "name is required"},
		{"bad kind", func(f *Fixture) { f.Tenants[customer].Kind = "company" }, "kind"},
		{"root with parent", func(f *Fixture) { f.Tenants[root].ParentID = DemoPartnerTenantID }, "no parent_id"},
		{"missing parent", func(f *Fixture) { f.Tenants[partner].ParentID = "" }, "unknown parent_id"},
		{"unknown parent", func(f *Fixture) { f.Tenants[customer].ParentID = "99999999-9999-4999-8999-999999999999" }, "unknown parent_id"},
		{"unit under partner", func(f *Fixture) { f.Tenants[unit].ParentID = DemoPartnerTenantID }, "cannot be under"},
		{"customer under unit", func(f *Fixture) { f.Tenants[customer].ParentID = DemoUnitTenantID }, "cannot be under"},
		{"cycle", func(f *Fixture) {
			f.Tenants[partner].ParentID = DemoFolderTenantID
		}, "cycle"},
		{"mfa on unit", func(f *Fixture) { f.Tenants[unit].MFAEnabled = true }, "inherits MFA"},
		{"mfa on folder", func(f *Fixture) { f.Tenants[folder].MFAEnabled = true }, "inherits MFA"},
		{"negative users", func(f *Fixture) { f.Tenants[customer].UsersCount = -1 }, "must not be negative"},
		{"totp above users", func(f *Fixture) { f.Tenants[customer].UsersWithTOTPCount = 6 }, "exceeds"},
		{"negative reads", func(f *Fixture) { f.Tenants[customer].DisableInProgressReads = -1 }, "disable_in_progress_reads"},
		{"bad client id", func(f *Fixture) { f.Clients[0].ID = "demo" }, "not a lowercase UUID"},
		{"duplicate client", func(f *Fixture) { f.Clients = append(f.Clients, f.Clients[0]) }, "duplicate id"},
		{"no secret", func(f *Fixture) { f.Clients[0].Secret = "" }, "secret is required"},
		{"client in unknown tenant", func(f *Fixture) { f.Clients[0].TenantID = "99999999-9999-4999-8999-999999999999" }, "unknown tenant_id"},
		{"bad status", func(f *Fixture) { f.Clients[0].Status = "active" }, "status"},
		{"bad lifetime", func(f *Fixture) { f.Settings = &SettingsFixture{TokenLifetime: "2 hours"} }, "token_lifetime"},
		{"tiny lifetime", func(f *Fixture) { f.Settings = &SettingsFixture{TokenLifetime: "10ms"} }, "token_lifetime"},
		{"negative max uses", func(f *Fixture) { f.Settings = &SettingsFixture{TokenMaxUses: -1} }, "token_max_uses"},
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
			if strings.Contains(err.Error(), DemoClientSecret) {
				t.Fatal("validation error contains a secret")
			}
		})
	}
}

func TestFixtureSettingsAndDisabledEntries(t *testing.T) {
	fx := DemoFixture()
	fx.Settings = &SettingsFixture{TokenLifetime: "10m", TokenMaxUses: 2}
	fx.Tenants[2].Enabled = ptr(false)
	fx.Tenants[2].DisableInProgressReads = 1
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "x", TenantID: DemoRootTenantID, Status: ClientDisabled})
	e := newEnv(t, fx)
	if s := e.api.Settings(); s != (Settings{TokenLifetime: "10m0s", TokenMaxUses: 2}) {
		t.Errorf("settings = %+v", s)
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.Enabled || s.DisableInProgressReads != 1 || s.DisableInProgressLeft != 0 {
		t.Errorf("customer = %+v", s)
	}
	e.requestToken("99999999-9999-4999-8999-999999999999", "x", "grant_type=client_credentials").wantTokenError(t, 401, "access_denied")
	if tok := e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials").tokenBody(t); tok.ExpiresIn != 600 {
		t.Errorf("expires_in = %d", tok.ExpiresIn)
	}
}

func TestResetRestoresFixture(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`).mfa(t)
	e.updateTenant(DemoEnrolledCustomerTenantID, TenantPatch{UsersCount: ptr(9)})
	if _, err := e.api.UpdateClient(DemoClientID, ClientPatch{Secret: ptr("new")}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.api.UpdateSettings(SettingsPatch{TokenMaxUses: ptr(5)}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	e.api.Reset()
	if len(e.api.Tokens()) != 0 {
		t.Error("tokens survived reset")
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.MFAEnabled || s.Version != 1 || !s.CreatedAt.Equal(e.clock.Now()) {
		t.Errorf("customer after reset = %+v", s)
	}
	if s, _ := e.api.Tenant(DemoEnrolledCustomerTenantID); s.UsersCount != 3 {
		t.Errorf("enrolled customer after reset = %+v", s)
	}
	if s := e.api.Settings(); s.TokenMaxUses != 0 || s.TokenLifetime != "2h0m0s" {
		t.Errorf("settings after reset = %+v", s)
	}
	e.getStatus(DemoCustomerTenantID, tok).wantError(t, 401, 401, "")
	e.token()
}

func TestUpdateValidation(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for name, p := range map[string]TenantPatch{
		"mfa on unit":      {MFAEnabled: ptr(true)},
		"negative users":   {UsersCount: ptr(-1)},
		"totp above users": {UsersWithTOTPCount: ptr(1)},
		"negative reads":   {DisableInProgressReads: ptr(-2)},
	} {
		if _, err := e.api.UpdateTenant(DemoUnitTenantID, p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// Counts are checked together: raising both at once is fine.
	if s := e.updateTenant(DemoUnitTenantID, TenantPatch{UsersCount: ptr(4), UsersWithTOTPCount: ptr(4)}); s.UsersCount != 4 || s.Version != 1 {
		t.Errorf("unit = %+v (user counts are no tenant change)", s)
	}
	if _, err := e.api.UpdateTenant(DemoCustomerTenantID, TenantPatch{UsersWithTOTPCount: ptr(6), MFAEnabled: ptr(true)}); err == nil {
		t.Error("totp above users accepted")
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.MFAEnabled || s.UsersWithTOTPCount != 2 {
		t.Errorf("a rejected patch changed the tenant: %+v", s)
	}
	if s := e.updateTenant(DemoCustomerTenantID, TenantPatch{Enabled: ptr(false)}); s.Version != 2 || s.Enabled {
		t.Errorf("disable = %+v", s)
	}
	if _, err := e.api.UpdateTenant("99999999-9999-4999-8999-999999999999", TenantPatch{}); err == nil {
		t.Error("unknown tenant accepted")
	}

	for name, p := range map[string]ClientPatch{
		"bad status":   {Status: ptr("paused")},
		"empty secret": {Secret: ptr("")},
	} {
		if _, err := e.api.UpdateClient(DemoClientID, p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := e.api.UpdateClient("nope", ClientPatch{}); err == nil {
		t.Error("unknown client accepted")
	}

	for name, p := range map[string]SettingsPatch{
		"empty lifetime":    {TokenLifetime: ptr("")},
		"bad lifetime":      {TokenLifetime: ptr("forever")},
		"negative lifetime": {TokenLifetime: ptr("-1h")},
		"negative uses":     {TokenMaxUses: ptr(-1)},
		"one bad of two":    {TokenLifetime: ptr("1h"), TokenMaxUses: ptr(-1)},
	} {
		if _, err := e.api.UpdateSettings(p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if s := e.api.Settings(); s != (Settings{TokenLifetime: "2h0m0s"}) {
		t.Errorf("a rejected patch changed the settings: %+v", s)
	}
}

func TestAdminRoutes(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := func(method, path, body string) (int, map[string]any, []byte) {
		t.Helper()
		r := e.do(method, "/_emulator/acronis"+path, body)
		var m map[string]any
		_ = json.Unmarshal(r.body, &m) // lists leave m nil
		return r.status, m, r.body
	}

	status, _, raw := admin("GET", "/tenants", "")
	var tenants []TenantState
	if err := json.Unmarshal(raw, &tenants); status != 200 || err != nil || len(tenants) != 8 || tenants[0].ID != DemoRootTenantID || tenants[3].MFASource != DemoCustomerTenantID {
		t.Fatalf("GET tenants: %d %s", status, raw)
	}
	status, m, _ := admin("GET", "/tenants/"+DemoCustomerTenantID, "")
	if status != 200 || m["users_count"] != 5.0 || m["users_with_totp_count"] != 2.0 || m["mfa_enabled"] != false ||
		m["mfa_status"] != "disabled" || m["version"] != 1.0 || m["kind"] != "customer" || m["parent_id"] != DemoPartnerTenantID {
		t.Fatalf("GET tenant: %d %v", status, m)
	}
	status, m, _ = admin("PATCH", "/tenants/"+DemoCustomerTenantID,
		`{"mfa_enabled":true,"users_count":7,"users_with_totp_count":6,"disable_in_progress_reads":1,"enabled":false}`)
	if status != 200 || m["mfa_enabled"] != true || m["users_count"] != 7.0 || m["disable_in_progress_reads"] != 1.0 || m["enabled"] != false || m["version"] != 3.0 {
		t.Fatalf("PATCH tenant: %d %v", status, m)
	}
	// The API sees the change (drift).
	if got := e.getStatus(DemoCustomerTenantID, e.token()).mfa(t); got.MFAStatus != "enabled" || got.UsersCount != 7 {
		t.Errorf("API after PATCH = %+v", got)
	}
	for body, want := range map[string]int{
		`{"mfa":true}`:         400,
		`{"users_count":-1}`:   400,
		`{"users_count":"7"}`:  400,
		`not json`:             400,
		`{"mfa_enabled":true}`: 400, // on the unit below
	} {
		if status, _, _ := admin("PATCH", "/tenants/"+DemoUnitTenantID, body); status != want {
			t.Errorf("PATCH unit %s: %d, want %d", body, status, want)
		}
	}
	if status, _, _ := admin("GET", "/tenants/nope", ""); status != 404 {
		t.Errorf("GET unknown tenant: %d", status)
	}
	if status, _, _ := admin("PATCH", "/tenants/99999999-9999-4999-8999-999999999999", `{}`); status != 404 {
		t.Errorf("PATCH unknown tenant: %d", status)
	}

	status, _, raw = admin("GET", "/clients", "")
	if status != 200 || !strings.Contains(string(raw), DemoClientID) || strings.Contains(string(raw), DemoClientSecret) {
		t.Fatalf("GET clients: %d %s", status, raw)
	}
	status, m, raw = admin("GET", "/clients/"+DemoClientID, "")
	if status != 200 || m["status"] != "enabled" || m["tenant_id"] != DemoPartnerTenantID || strings.Contains(string(raw), DemoClientSecret) {
		t.Fatalf("GET client: %d %s", status, raw)
	}
	status, m, _ = admin("PATCH", "/clients/"+DemoClientID, `{"status":"disabled","secret":"rotated"}`)
	if status != 200 || m["status"] != "disabled" {
		t.Fatalf("PATCH client: %d %v", status, m)
	}
	e.requestToken(DemoClientID, "rotated", "grant_type=client_credentials").wantTokenError(t, 401, "access_denied")
	if status, _, _ := admin("PATCH", "/clients/"+DemoClientID, `{"status":"on"}`); status != 400 {
		t.Errorf("bad status: %d", status)
	}
	if status, _, _ := admin("GET", "/clients/nope", ""); status != 404 {
		t.Errorf("unknown client: %d", status)
	}
	admin("PATCH", "/clients/"+DemoClientID, `{"status":"enabled"}`)

	status, m, _ = admin("GET", "/settings", "")
	if status != 200 || m["token_lifetime"] != "2h0m0s" || m["token_max_uses"] != 0.0 {
		t.Fatalf("GET settings: %d %v", status, m)
	}
	status, m, _ = admin("PATCH", "/settings", `{"token_lifetime":"90m","token_max_uses":4}`)
	if status != 200 || m["token_lifetime"] != "1h30m0s" || m["token_max_uses"] != 4.0 {
		t.Fatalf("PATCH settings: %d %v", status, m)
	}
	for _, body := range []string{`{"token_lifetime":"soon"}`, `{"token_max_uses":-1}`, `{"lifetime":"1h"}`} {
		if status, _, _ := admin("PATCH", "/settings", body); status != 400 {
			t.Errorf("PATCH settings %s: %d", body, status)
		}
	}

	tok := e.tokenFor(DemoClientID, "rotated")
	e.getStatus(DemoCustomerTenantID, tok)
	status, _, raw = admin("GET", "/tokens", "")
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); status != 200 || err != nil || len(list) != 2 {
		t.Fatalf("GET tokens: %d %s", status, raw)
	}
	last := list[1]
	if last["access_token"] != tok || last["client"] != DemoClientID || last["uses"] != 1.0 || last["revoked"] != false ||
		last["issued"] == nil || last["expires"] == nil || last["id"] == "" {
		t.Errorf("token entry = %v", last)
	}
	status, m, _ = admin("POST", "/tokens/expire", "")
	if status != 200 || m["expired"] != 2.0 {
		t.Errorf("POST tokens/expire: %d %v", status, m)
	}
}
