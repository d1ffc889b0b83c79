package acronis

import (
	"regexp"
	"testing"
	"time"
)

func TestSubtreeConfinement(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	inside := []string{DemoPartnerTenantID, DemoCustomerTenantID, DemoUnitTenantID, DemoFolderTenantID, DemoEnrolledCustomerTenantID}
	outside := []string{DemoRootTenantID, DemoOtherPartnerTenantID, DemoOtherCustomerTenantID}
	for _, id := range inside {
		if r := e.get("/api/2/tenants/"+id, tok); r.status != 200 {
			t.Errorf("GET tenant %s: %d %s", id, r.status, r.body)
		}
		if r := e.getStatus(id, tok); r.status != 200 {
			t.Errorf("GET status %s: %d %s", id, r.status, r.body)
		}
	}
	for _, id := range outside {
		for _, r := range []response{
			e.get("/api/2/tenants/"+id, tok),
			e.getStatus(id, tok),
			e.putStatus(id, tok, `{"enabled":true}`),
		} {
			got := r.wantError(t, 403, 1002, id)
			if got.Message != "The account does not own a tenant being accessed" {
				t.Errorf("403 message = %q", got.Message)
			}
		}
		if s, _ := e.api.Tenant(id); s.MFAEnabled || s.Version != 1 {
			t.Errorf("tenant %s changed from outside its subtree: %+v", id, s)
		}
	}

	// A client on a customer sees that customer and its unit only.
	fx := DemoFixture()
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "customer-secret", TenantID: DemoCustomerTenantID})
	e = newEnv(t, fx)
	tok = e.tokenFor("99999999-9999-4999-8999-999999999999", "customer-secret")
	if r := e.getStatus(DemoUnitTenantID, tok); r.status != 200 {
		t.Errorf("customer client on its unit: %d", r.status)
	}
	e.getStatus(DemoPartnerTenantID, tok).wantError(t, 403, 1002, DemoPartnerTenantID)
	e.getStatus(DemoEnrolledCustomerTenantID, tok).wantError(t, 403, 1002, DemoEnrolledCustomerTenantID)
}

func TestUnknownAndMalformedTenant(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	unknown := "99999999-9999-4999-8999-999999999999"
	e.get("/api/2/tenants/"+unknown, tok).wantError(t, 404, 1005, unknown)
	e.getStatus(unknown, tok).wantError(t, 404, 1005, unknown)
	e.putStatus(unknown, tok, `{"enabled":true}`).wantError(t, 404, 1005, unknown)
	for _, bad := range []string{
		"not-a-uuid",
		"22222222222242222222222222222222",
		"22222222-2222-4222-8222-22222222222",
		"22222222-2222-4222-8222-2222222222222",
		"ABCDEF00-2222-4222-8222-222222222222", // the spec's pattern is lowercase
		"2222222g-2222-4222-8222-222222222222",
	} {
		e.get("/api/2/tenants/"+bad, tok).wantError(t, 400, 400, "")
		e.getStatus(bad, tok).wantError(t, 400, 400, "")
		e.putStatus(bad, tok, `{"enabled":true}`).wantError(t, 400, 400, "")
	}
	// The token is checked first.
	e.get("/api/2/tenants/not-a-uuid", "").wantError(t, 401, 401, "")
	e.get("/api/2/tenants/"+unknown, "").wantError(t, 401, 401, "")
}

func TestGetTenant(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	r := e.get("/api/2/tenants/"+DemoPartnerTenantID+"?embed_path=true", tok)
	m := r.object(t)
	created := e.clock.Now().UTC().Format("2006-01-02T15:04:05Z")
	want := map[string]any{
		"id": DemoPartnerTenantID, "version": 1.0, "name": "Demo Partner", "kind": "partner",
		"parent_id": DemoRootTenantID, "enabled": true, "has_children": true, "mfa_status": "disabled",
		"created_at": created, "updated_at": created, "deleted_at": nil,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	// Every field the tenant schema requires (A.3) is present.
	for _, k := range []string{
		"id", "version", "created_at", "updated_at", "deleted_at", "name", "customer_type", "parent_id", "kind",
		"contact", "contacts", "enabled", "brand_id", "brand_enabled", "internal_tag", "language", "has_children",
		"update_lock", "ancestral_access", "mfa_status", "pricing_mode",
	} {
		if _, ok := m[k]; !ok {
			t.Errorf("tenant lacks required field %q", k)
		}
	}
	stamp := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?$`)
	if s, _ := m["created_at"].(string); !stamp.MatchString(s) {
		t.Errorf("created_at = %v", m["created_at"])
	}

	if m := e.get("/api/2/tenants/"+DemoUnitTenantID, tok).object(t); m["has_children"] != false || m["kind"] != "unit" || m["parent_id"] != DemoCustomerTenantID {
		t.Errorf("unit = %v", m)
	}
	// The tenant object's mfa_status follows the setting, inherited for a
	// unit, and a change bumps version and updated_at.
	e.clock.Advance(time.Minute)
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`).mfa(t)
	m = e.get("/api/2/tenants/"+DemoCustomerTenantID, tok).object(t)
	if m["mfa_status"] != "enabled" || m["version"] != 2.0 || m["updated_at"] == m["created_at"] {
		t.Errorf("customer after enabling MFA = %v", m)
	}
	if m := e.get("/api/2/tenants/"+DemoUnitTenantID, tok).object(t); m["mfa_status"] != "enabled" || m["version"] != 1.0 {
		t.Errorf("unit after enabling the customer's MFA = %v", m)
	}
}

func TestRootTenantNamesItselfAsParent(t *testing.T) {
	fx := DemoFixture()
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "root-secret", TenantID: DemoRootTenantID})
	e := newEnv(t, fx)
	tok := e.tokenFor("99999999-9999-4999-8999-999999999999", "root-secret")
	m := e.get("/api/2/tenants/"+DemoRootTenantID, tok).object(t)
	if m["parent_id"] != DemoRootTenantID || m["kind"] != "root" {
		t.Errorf("root = %v", m)
	}
	// The root client reaches the whole tree.
	if r := e.getStatus(DemoOtherCustomerTenantID, tok); r.status != 200 {
		t.Errorf("root client on another partner's customer: %d", r.status)
	}
}
