package acronis

import (
	"strings"
	"testing"
	"time"
)

func TestGetMFAStatusOfDemoTenants(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for id, want := range map[string]mfaStatusJSON{
		DemoPartnerTenantID:          {MFAStatus: "disabled", UsersCount: 0, UsersWithTOTPEnabledCount: 0, UpdateAllowed: true},
		DemoCustomerTenantID:         {MFAStatus: "disabled", UsersCount: 5, UsersWithTOTPEnabledCount: 2, UpdateAllowed: true},
		DemoUnitTenantID:             {MFAStatus: "disabled", UsersCount: 0, UsersWithTOTPEnabledCount: 0, UpdateAllowed: false},
		DemoFolderTenantID:           {MFAStatus: "disabled", UsersCount: 0, UsersWithTOTPEnabledCount: 0, UpdateAllowed: false},
		DemoEnrolledCustomerTenantID: {MFAStatus: "enabled", UsersCount: 3, UsersWithTOTPEnabledCount: 3, UpdateAllowed: true},
	} {
		if got := e.getStatus(id, tok).mfa(t); got != want {
			t.Errorf("%s: %+v, want %+v", id, got, want)
		}
	}
}

func TestMFAInheritance(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	// Unit from its customer.
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`).mfa(t)
	if got := e.getStatus(DemoUnitTenantID, tok).mfa(t); got.MFAStatus != "enabled" || got.UpdateAllowed {
		t.Errorf("unit under an enabled customer: %+v", got)
	}
	// Folder from its partner; the partner's customers keep their own.
	e.putStatus(DemoPartnerTenantID, tok, `{"enabled":true}`).mfa(t)
	if got := e.getStatus(DemoFolderTenantID, tok).mfa(t); got.MFAStatus != "enabled" || got.UpdateAllowed {
		t.Errorf("folder under an enabled partner: %+v", got)
	}
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`).mfa(t)
	if got := e.getStatus(DemoUnitTenantID, tok).mfa(t); got.MFAStatus != "disabled" {
		t.Errorf("unit under a disabled customer of an enabled partner: %+v", got)
	}
	if s, _ := e.api.Tenant(DemoUnitTenantID); s.MFASource != DemoCustomerTenantID || s.MFAEnabled {
		t.Errorf("unit state = %+v", s)
	}
	if s, _ := e.api.Tenant(DemoFolderTenantID); s.MFASource != DemoPartnerTenantID || !s.MFAEnabled {
		t.Errorf("folder state = %+v", s)
	}
}

// treeFixture has nested units and folders with users at every level.
func treeFixture() Fixture {
	const (
		root     = "a0000000-0000-4000-8000-000000000000"
		partner  = "a1000000-0000-4000-8000-000000000000"
		folder   = "a2000000-0000-4000-8000-000000000000"
		sub      = "a3000000-0000-4000-8000-000000000000"
		customer = "a4000000-0000-4000-8000-000000000000"
		unit     = "a5000000-0000-4000-8000-000000000000"
		subunit  = "a6000000-0000-4000-8000-000000000000"
		nested   = "a7000000-0000-4000-8000-000000000000" // customer inside the folder
		client   = "c0000000-0000-4000-8000-000000000000"
	)
	return Fixture{
		Tenants: []TenantFixture{
			{ID: root, Name: "R", Kind: KindRoot},
			{ID: partner, Name: "P", Kind: KindPartner, ParentID: root, UsersCount: 2, UsersWithTOTPCount: 2, MFAEnabled: true},
			{ID: folder, Name: "F", Kind: KindFolder, ParentID: partner, UsersCount: 4, UsersWithTOTPCount: 1},
			{ID: sub, Name: "F2", Kind: KindFolder, ParentID: folder, UsersCount: 1},
			{ID: nested, Name: "C2", Kind: KindCustomer, ParentID: folder, UsersCount: 10, UsersWithTOTPCount: 10},
			{ID: customer, Name: "C", Kind: KindCustomer, ParentID: partner, UsersCount: 3, UsersWithTOTPCount: 1},
			{ID: unit, Name: "U", Kind: KindUnit, ParentID: customer, UsersCount: 2, UsersWithTOTPCount: 1},
			{ID: subunit, Name: "U2", Kind: KindUnit, ParentID: unit, UsersCount: 1, UsersWithTOTPCount: 1},
		},
		Clients: []ClientFixture{{ID: client, Secret: "s", TenantID: root}},
	}
}

func TestUsersCountsCoverFolderAndUnitDescendants(t *testing.T) {
	e := newEnv(t, treeFixture())
	tok := e.tokenFor("c0000000-0000-4000-8000-000000000000", "s")
	for id, want := range map[string][2]int{
		"a1000000-0000-4000-8000-000000000000": {2 + 4 + 1, 2 + 1}, // partner, folder, sub-folder; not the customers
		"a2000000-0000-4000-8000-000000000000": {4 + 1, 1},         // folder and sub-folder
		"a4000000-0000-4000-8000-000000000000": {3 + 2 + 1, 1 + 1 + 1},
		"a5000000-0000-4000-8000-000000000000": {2 + 1, 1 + 1},
		"a6000000-0000-4000-8000-000000000000": {1, 1},
		"a7000000-0000-4000-8000-000000000000": {10, 10},
	} {
		got := e.getStatus(id, tok).mfa(t)
		if got.UsersCount != want[0] || got.UsersWithTOTPEnabledCount != want[1] {
			t.Errorf("%s: %d/%d users, want %d/%d", id, got.UsersCount, got.UsersWithTOTPEnabledCount, want[0], want[1])
		}
	}
	// The sub-unit inherits through its unit from the customer; the
	// sub-folder through its folder from the partner.
	if got := e.getStatus("a6000000-0000-4000-8000-000000000000", tok).mfa(t); got.MFAStatus != "disabled" {
		t.Errorf("sub-unit: %+v", got)
	}
	if got := e.getStatus("a3000000-0000-4000-8000-000000000000", tok).mfa(t); got.MFAStatus != "enabled" || got.UpdateAllowed {
		t.Errorf("sub-folder: %+v", got)
	}
	// Out-of-band count changes show at once.
	e.updateTenant("a6000000-0000-4000-8000-000000000000", TenantPatch{UsersCount: ptr(4), UsersWithTOTPCount: ptr(0)})
	if got := e.getStatus("a4000000-0000-4000-8000-000000000000", tok).mfa(t); got.UsersCount != 9 || got.UsersWithTOTPEnabledCount != 2 {
		t.Errorf("customer after the change: %+v", got)
	}
}

func TestPutMFAStatus(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	e.clock.Advance(time.Minute)
	got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled": true}`).mfa(t)
	if got != (mfaStatusJSON{MFAStatus: "enabled", UsersCount: 5, UsersWithTOTPEnabledCount: 2, UpdateAllowed: true}) {
		t.Errorf("PUT answer = %+v", got)
	}
	if got := e.getStatus(DemoCustomerTenantID, tok).mfa(t); got.MFAStatus != "enabled" {
		t.Errorf("GET after PUT = %+v", got)
	}
	s, _ := e.api.Tenant(DemoCustomerTenantID)
	if s.Version != 2 || !s.MFAEnabled || !s.UpdatedAt.Equal(e.clock.Now().Truncate(time.Second)) {
		t.Errorf("state after PUT = %+v", s)
	}
	// The same value again: 200, nothing changes.
	e.clock.Advance(time.Minute)
	if got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`).mfa(t); got.MFAStatus != "enabled" {
		t.Errorf("idempotent PUT = %+v", got)
	}
	if again, _ := e.api.Tenant(DemoCustomerTenantID); again.Version != 2 || !again.UpdatedAt.Equal(s.UpdatedAt) {
		t.Errorf("idempotent PUT changed the tenant: %+v", again)
	}
	// Back off: another version.
	if got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`).mfa(t); got.MFAStatus != "disabled" {
		t.Errorf("disable = %+v", got)
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.Version != 3 || s.MFAEnabled {
		t.Errorf("state after disable = %+v", s)
	}
	// The partner itself may be changed too.
	if got := e.putStatus(DemoPartnerTenantID, tok, `{"enabled":true}`).mfa(t); got.MFAStatus != "enabled" || !got.UpdateAllowed {
		t.Errorf("partner PUT = %+v", got)
	}
}

func TestPutMFAStatusContentType(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	path := "/api/2/tenants/" + DemoCustomerTenantID + "/mfa/status"
	for name, ct := range map[string]string{"missing": "", "form": formType, "text": "text/plain", "garbage": "json;;"} {
		t.Run(name, func(t *testing.T) {
			h := []string{"Authorization", "Bearer " + tok}
			if ct != "" {
				h = append(h, "Content-Type", ct)
			}
			e.do("PUT", path, `{"enabled":true}`, h...).wantError(t, 415, 415, "")
		})
	}
	if r := e.do("PUT", path, `{"enabled":true}`, "Authorization", "Bearer "+tok, "Content-Type", "application/json; charset=utf-8"); r.status != 200 {
		t.Errorf("JSON with charset: %d %s", r.status, r.body)
	}
}

func TestPutMFAStatusBody(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for name, body := range map[string]string{
		"empty":          ``,
		"not JSON":       `enabled=true`,
		"truncated":      `{"enabled":true`,
		"null":           `null`,
		"array":          `[{"enabled":true}]`,
		"string":         `"enabled"`,
		"missing":        `{}`,
		"unknown key":    `{"enabled":true,"version":2}`,
		"only unknown":   `{"mfa_status":"enabled"}`,
		"string bool":    `{"enabled":"true"}`,
		"number":         `{"enabled":1}`,
		"null value":     `{"enabled":null}`,
		"trailing data":  `{"enabled":true} {}`,
		"wrong case key": `{"Enabled":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			e.putStatus(DemoCustomerTenantID, tok, body).wantError(t, 400, 400, "")
		})
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.Version != 1 || s.MFAEnabled {
		t.Errorf("a rejected PUT changed the tenant: %+v", s)
	}
	// White space around the object is fine.
	if r := e.putStatus(DemoCustomerTenantID, tok, "\n {\"enabled\" : false}\n"); r.status != 200 {
		t.Errorf("spaced body: %d %s", r.status, r.body)
	}
}

func TestPutMFAStatusOnFolderOrUnit(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for id, kind := range map[string]string{DemoUnitTenantID: "unit", DemoFolderTenantID: "folder"} {
		for _, body := range []string{`{"enabled":true}`, `{"enabled":false}`} {
			got := e.putStatus(id, tok, body).wantError(t, 400, 1027, id)
			if want := "MFA status cannot be changed for tenants of kind '" + kind + "'."; got.Message != want {
				t.Errorf("message = %q, want %q", got.Message, want)
			}
			if !strings.Contains(got.Details.Info, "inherits") {
				t.Errorf("info = %q", got.Details.Info)
			}
		}
		if s, _ := e.api.Tenant(id); s.Version != 1 {
			t.Errorf("%s changed: %+v", kind, s)
		}
	}
	// A bad body is reported before the business rule.
	e.putStatus(DemoUnitTenantID, tok, `{"enabled":"yes"}`).wantError(t, 400, 400, "")
}

func TestDisableInProgress(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	// Default 0: a disable is immediate.
	e.putStatus(DemoEnrolledCustomerTenantID, tok, `{"enabled":false}`)
	if got := e.getStatus(DemoEnrolledCustomerTenantID, tok).mfa(t); got.MFAStatus != "disabled" {
		t.Fatalf("default disable = %+v", got)
	}

	e.updateTenant(DemoCustomerTenantID, TenantPatch{DisableInProgressReads: ptr(2)})
	// Enabling is immediate whatever the setting.
	if got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`).mfa(t); got.MFAStatus != "enabled" {
		t.Fatalf("enable = %+v", got)
	}
	if got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`).mfa(t); got.MFAStatus != "disable_in_progress" {
		t.Fatalf("PUT answer = %+v", got)
	}
	// A repeated disable neither restarts nor spends the phase, and the
	// admin view does not spend it either.
	if got := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`).mfa(t); got.MFAStatus != "disable_in_progress" {
		t.Fatalf("repeated PUT answer = %+v", got)
	}
	if s, _ := e.api.Tenant(DemoCustomerTenantID); s.MFAStatus != "disable_in_progress" || s.DisableInProgressLeft != 2 {
		t.Fatalf("state = %+v", s)
	}
	// The tenant object's enum has no in-progress value.
	if m := e.get("/api/2/tenants/"+DemoCustomerTenantID, tok).object(t); m["mfa_status"] != "disabled" {
		t.Errorf("tenant object = %v", m["mfa_status"])
	}
	var seq []string
	for range 4 {
		seq = append(seq, e.getStatus(DemoCustomerTenantID, tok).mfa(t).MFAStatus)
	}
	if want := "disable_in_progress disable_in_progress disabled disabled"; strings.Join(seq, " ") != want {
		t.Errorf("reads = %v, want %s", seq, want)
	}

	// Reads of an inheriting unit see the phase and spend it too; enabling
	// during the phase ends it.
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`)
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`)
	if got := e.getStatus(DemoUnitTenantID, tok).mfa(t); got.MFAStatus != "disable_in_progress" {
		t.Errorf("unit read = %+v", got)
	}
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`)
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":false}`)
	seq = seq[:0]
	for _, id := range []string{DemoUnitTenantID, DemoCustomerTenantID, DemoUnitTenantID} {
		seq = append(seq, e.getStatus(id, tok).mfa(t).MFAStatus)
	}
	if want := "disable_in_progress disable_in_progress disabled"; strings.Join(seq, " ") != want {
		t.Errorf("mixed reads = %v, want %s", seq, want)
	}

	// An out-of-band disable goes through the same phase.
	e.updateTenant(DemoCustomerTenantID, TenantPatch{MFAEnabled: ptr(true)})
	if s := e.updateTenant(DemoCustomerTenantID, TenantPatch{MFAEnabled: ptr(false)}); s.MFAStatus != "disable_in_progress" {
		t.Errorf("admin disable = %+v", s)
	}
}
