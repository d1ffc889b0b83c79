package identity

import (
	"encoding/json"
	"net/http"
	"testing"
)

// domainFixture is the demo fixture, whose second customer domain and
// identity:admin these tests use.
func domainFixture() Fixture { return DemoFixture() }

func (e *env) getDomain(token, id string) (response, map[string]any) {
	e.t.Helper()
	r := e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/"+id, token, "", nil)
	if r.status != http.StatusOK {
		return r, nil
	}
	var body map[string]map[string]any
	if err := json.Unmarshal(r.body, &body); err != nil {
		e.t.Fatal(err)
	}
	d, ok := body["RAX-AUTH:domain"]
	if !ok || len(body) != 1 {
		e.t.Fatalf("domain body %s", r.body)
	}
	return r, d
}

func TestGetDomainAsDomainUsers(t *testing.T) {
	e := newEnv(t, domainFixture())
	for _, c := range []struct{ user, key string }{
		{DemoAdminUser, DemoAdminAPIKey}, {DemoManagerUser, DemoManagerAPIKey}, {DemoUser, DemoUserAPIKey},
	} {
		tok := e.loginToken(apiKeyBody(c.user, c.key))
		_, d := e.getDomain(tok, DemoDomainID)
		want := map[string]any{
			"id": DemoDomainID, "enabled": true, "sessionInactivityTimeout": "PT15M",
			"rackspaceCustomerNumber": "RCN-000-000-001", "type": "RACKSPACE_CLOUD_US",
		}
		if len(d) != len(want) {
			t.Errorf("%s: domain = %v, want exactly %v", c.user, d, want)
		}
		for k, v := range want {
			if d[k] != v {
				t.Errorf("%s: %s = %v, want %v", c.user, k, d[k], v)
			}
		}
		// Another customer's domain is forbidden; an unknown one is not found.
		r, _ := e.getDomain(tok, DemoOtherDomainID)
		r.wantFault(t, 403, keyForbidden, "Not Authorized")
		r, _ = e.getDomain(tok, "nope")
		r.wantFault(t, 404, keyNotFound, "Domain with ID nope not found.")
	}
}

func TestGetDomainMFALevel(t *testing.T) {
	e := newEnv(t, domainFixture())
	tok := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	for _, level := range []string{LevelRequired, LevelOptional, LevelRackspaceMandated} {
		l := level
		e.updateDomain(DemoDomainID, DomainPatch{MFAEnforcementLevel: &l})
		if _, d := e.getDomain(tok, DemoDomainID); d["domainMultiFactorEnforcementLevel"] != level {
			t.Errorf("level = %v, want %s", d["domainMultiFactorEnforcementLevel"], level)
		}
	}
	empty := ""
	e.updateDomain(DemoDomainID, DomainPatch{MFAEnforcementLevel: &empty})
	if _, d := e.getDomain(tok, DemoDomainID); d["domainMultiFactorEnforcementLevel"] != nil {
		t.Errorf("level present after reset to never-set: %v", d)
	}
}

func TestGetDomainAsIdentityAdmin(t *testing.T) {
	e := newEnv(t, domainFixture())
	tok := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	for id, name := range map[string]string{DemoDomainID: "Demo Company", DemoOtherDomainID: "Other Company"} {
		_, d := e.getDomain(tok, id)
		if d["name"] != name || d["description"] == nil {
			t.Errorf("domain %s = %v, want name and description for an admin", id, d)
		}
	}
	r, _ := e.getDomain(tok, "nope")
	r.wantFault(t, 404, keyNotFound, "Domain with ID nope not found.")
}

func TestGetDomainDisabledDomainStillReadable(t *testing.T) {
	e := newEnv(t, domainFixture())
	tok := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	off := false
	e.updateDomain(DemoOtherDomainID, DomainPatch{Enabled: &off})
	if _, d := e.getDomain(tok, DemoOtherDomainID); d["enabled"] != false {
		t.Errorf("enabled = %v", d["enabled"])
	}
}

func TestGetDomainBadTokens(t *testing.T) {
	e := newEnv(t, domainFixture())
	for _, tok := range []string{"", "bogus"} {
		r, _ := e.getDomain(tok, DemoDomainID)
		r.wantFault(t, 401, keyUnauthorized, "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
	}
}
