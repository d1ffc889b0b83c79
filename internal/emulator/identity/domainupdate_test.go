package identity

import (
	"encoding/json"
	"net/http"
	"testing"
)

func inactivityBody(timeout string) string {
	return `{"RAX-AUTH:domain":{"sessionInactivityTimeout":` + q(timeout) + `}}`
}

func (e *env) putDomain(token, domainID, body string) response {
	e.t.Helper()
	return e.do(http.MethodPut, "/v2.0/RAX-AUTH/domains/"+domainID, token, body, nil)
}

func (e *env) inactivity(id string) string {
	e.t.Helper()
	d, ok := e.api.Domain(id)
	if !ok {
		e.t.Fatalf("domain %s missing", id)
	}
	return d.SessionInactivityTimeout
}

// A.5: 200 with the whole domain, name and description included even for a customer.
func TestDomainPutTimeout(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	if got := e.inactivity(DemoDomainID); got != "PT15M" {
		t.Fatalf("default timeout %q, want PT15M", got)
	}
	r := e.putDomain(admin, DemoDomainID, `{"RAX-AUTH:domain":{"sessionInactivityTimeout":"PT30M","name":"Renamed","enabled":false}}`)
	if r.status != http.StatusOK {
		t.Fatalf("status %d %s", r.status, r.body)
	}
	var body struct {
		Domain map[string]any `json:"RAX-AUTH:domain"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": DemoDomainID, "name": "Demo Company", "sessionInactivityTimeout": "PT30M", "enabled": true}
	for k, v := range want {
		if body.Domain[k] != v {
			t.Errorf("%s = %v, want %v (a customer changes only the timeout)", k, body.Domain[k], v)
		}
	}
	if got := e.inactivity(DemoDomainID); got != "PT30M" {
		t.Errorf("stored %q, want PT30M", got)
	}
	// The stored text is the text sent; GET echoes it.
	e.putDomain(admin, DemoDomainID, inactivityBody("P1D"))
	g := e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/"+DemoDomainID, admin, "", nil)
	if err := json.Unmarshal(g.body, &body); err != nil || body.Domain["sessionInactivityTimeout"] != "P1D" {
		t.Errorf("GET domain %s, want the timeout P1D", g.body)
	}
	// No RAX-AUTH:domain root: an empty update.
	if r := e.putDomain(admin, DemoDomainID, `{}`); r.status != http.StatusOK || e.inactivity(DemoDomainID) != "P1D" {
		t.Errorf("empty update: %d %s, stored %q", r.status, r.body, e.inactivity(DemoDomainID))
	}
}

func TestDomainPutTimeoutValues(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	for _, ok := range []string{"PT5M", "PT300S", "PT24H", "P1D", "PT86400S", "P0DT1H30M", "PT15M"} {
		if r := e.putDomain(admin, DemoDomainID, inactivityBody(ok)); r.status != http.StatusOK || e.inactivity(DemoDomainID) != ok {
			t.Errorf("%s: %d %s, stored %q", ok, r.status, r.body, e.inactivity(DemoDomainID))
		}
	}
	cases := []struct {
		name, body string
		status     int
		key, msg   string
	}{
		{"below", inactivityBody("PT4M59S"), http.StatusBadRequest, keyBadRequest, msgInactivityRange},
		{"below by a fraction", inactivityBody("PT299.5S"), http.StatusBadRequest, keyBadRequest, msgInactivityRange},
		{"above", inactivityBody("PT86401S"), http.StatusBadRequest, keyBadRequest, msgInactivityRange},
		{"two days", inactivityBody("P2D"), http.StatusBadRequest, keyBadRequest, msgInactivityRange},
		{"negative", inactivityBody("-PT15M"), http.StatusBadRequest, keyBadRequest, msgInactivityRange},
		{"lower case", inactivityBody("pt15m"), http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"prose", inactivityBody("15 minutes"), http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"empty T", inactivityBody("PT"), http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"plus sign", inactivityBody("PT+15M"), http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"number", `{"RAX-AUTH:domain":{"sessionInactivityTimeout":900}}`, http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"not JSON", `PT15M`, http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"domain not an object", `{"RAX-AUTH:domain":"PT15M"}`, http.StatusBadRequest, keyBadRequest, msgInvalidJSON},
		{"other id", `{"RAX-AUTH:domain":{"id":"654321","sessionInactivityTimeout":"PT30M"}}`, http.StatusBadRequest, keyBadRequest, msgDomainIDMismatch},
		{"months", inactivityBody("P1M"), http.StatusInternalServerError, keyIdentity, "Internal Server Error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.putDomain(admin, DemoDomainID, tc.body).wantFault(t, tc.status, tc.key, tc.msg)
			if got := e.inactivity(DemoDomainID); got != "PT15M" {
				t.Errorf("stored %q after a refused request, want PT15M", got)
			}
		})
	}
	if r := e.putDomain(admin, DemoDomainID, `{"RAX-AUTH:domain":{"id":123456,"sessionInactivityTimeout":"PT20M"}}`); r.status != http.StatusOK {
		t.Errorf("a numeric matching id: %d %s", r.status, r.body)
	}
}

func TestDomainPutWho(t *testing.T) {
	e := newEnv(t, withStaff())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	cases := []struct {
		name, token, domain string
		status              int
		key, msg            string
	}{
		{"default user", user, DemoDomainID, http.StatusForbidden, keyForbidden, msgNotAuthorized},
		{"user-admin, own domain", admin, DemoDomainID, http.StatusOK, "", ""},
		{"manager, own domain", manager, DemoDomainID, http.StatusOK, "", ""},
		{"user-admin, other domain", admin, DemoOtherDomainID, http.StatusForbidden, keyForbidden, msgNotAuthorized},
		{"user-admin, unknown domain", admin, "999999", http.StatusForbidden, keyForbidden, msgNotAuthorized},
		{"identity admin, customer domain", staff, DemoOtherDomainID, http.StatusOK, "", ""},
		{"identity admin, own domain", staff, DemoStaffDomainID, http.StatusOK, "", ""},
		{"identity admin, unknown domain", staff, "999999", http.StatusNotFound, keyNotFound, "Domain with ID 999999 not found."},
		{"identity admin, service admin's domain", staff, "svc", http.StatusForbidden, keyForbidden, msgDomainServiceAdmin},
		{"identity admin, another admin's domain", staff, "staff2", http.StatusForbidden, keyForbidden, msgDomainIdentityAdmin},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.putDomain(tc.token, tc.domain, inactivityBody("PT45M"))
			if tc.status == http.StatusOK {
				if r.status != http.StatusOK || e.inactivity(tc.domain) != "PT45M" {
					t.Fatalf("%d %s, stored %q", r.status, r.body, e.inactivity(tc.domain))
				}
				e.updateDomain(tc.domain, DomainPatch{SessionInactivityTimeout: ptrTo("PT15M")})
				return
			}
			r.wantFault(t, tc.status, tc.key, tc.msg)
			if d, ok := e.api.Domain(tc.domain); ok && d.SessionInactivityTimeout != "PT15M" {
				t.Errorf("a refused request stored %q", d.SessionInactivityTimeout)
			}
		})
	}
}

func TestDomainInactivityOutOfBand(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if _, err := e.api.UpdateDomain(DemoDomainID, DomainPatch{SessionInactivityTimeout: ptrTo("PT1M")}); err == nil {
		t.Error("an out-of-range timeout was accepted out of band")
	}
	if got := e.updateDomain(DemoDomainID, DomainPatch{SessionInactivityTimeout: ptrTo("PT2H")}).SessionInactivityTimeout; got != "PT2H" {
		t.Errorf("got %q", got)
	}
	fx := DemoFixture()
	fx.Domains[0].SessionInactivityTimeout = "P1Y"
	if err := fx.Validate(); err == nil {
		t.Error("a fixture timeout in years was accepted")
	}
}
