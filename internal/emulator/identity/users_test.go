package identity

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func (e *env) tokenOf(user, key string) string {
	e.t.Helper()
	return e.loginToken(apiKeyBody(user, key))
}

func (e *env) adminToken() string { return e.tokenOf(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey) }

// listIDs lists users at path and returns their ids and the Link header.
func (e *env) listIDs(token, path string) ([]string, string) {
	e.t.Helper()
	r := e.do(http.MethodGet, path, token, "", nil)
	if r.status != http.StatusOK {
		e.t.Fatalf("GET %s: status %d, body %s", path, r.status, r.body)
	}
	var body map[string][]struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || len(body) != 1 {
		e.t.Fatalf("GET %s: body %s (%v)", path, r.body, err)
	}
	items, ok := body["users"]
	if !ok {
		items = body["RAX-AUTH:domains"]
	}
	ids := []string{}
	for _, u := range items {
		ids = append(ids, u.ID)
	}
	return ids, r.header.Get("Link")
}

var demoDomainUsers = []string{"10001", "10002", "10003", "10004", "10005", "10006"}

func TestListUsersVisibility(t *testing.T) {
	e := newEnv(t, DemoFixture())
	cases := []struct {
		name, user, key, query string
		want                   []string
	}{
		{"user-admin sees its whole domain", DemoAdminUser, DemoAdminAPIKey, "", demoDomainUsers},
		{"user-manage does not see the user-admin", DemoManagerUser, DemoManagerAPIKey, "", demoDomainUsers[1:]},
		{"identity:default sees only itself", DemoUser, DemoUserAPIKey, "?limit=1&marker=5", []string{"10002"}},
		{"another customer's user-admin", DemoOtherAdminUser, DemoOtherAdminAPIKey, "", []string{"30001"}},
		{"identity:admin without a filter: its own domain", DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey, "", []string{"90001"}},
		{"identity:admin by domain", DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey, "?domain_id=" + DemoDomainID, demoDomainUsers},
		{"identity:admin by tenant", DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey, "?tenant_id=" + DemoOtherTenantID, []string{"30001"}},
		{"admin_only", DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey, "?admin_only=true&domain_id=" + DemoDomainID, []string{"10001"}},
		{"user_type UNVERIFIED", DemoAdminUser, DemoAdminAPIKey, "?user_type=unverified", []string{}},
		{"unknown user_type is VERIFIED", DemoAdminUser, DemoAdminAPIKey, "?user_type=bogus", demoDomainUsers},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ids, link := e.listIDs(e.tokenOf(c.user, c.key), "/v2.0/users"+c.query)
			if !slices.Equal(ids, c.want) {
				t.Errorf("ids = %v, want %v", ids, c.want)
			}
			if link != "" {
				t.Errorf("Link = %q, want none: everything fits one page", link)
			}
		})
	}
}

// A caller in Identity's "default" domain only ever sees itself, whatever its role.
func TestListUsersDefaultDomain(t *testing.T) {
	fx := DemoFixture()
	fx.Domains = append(fx.Domains, DomainFixture{ID: defaultDomainID, Name: "default"})
	fx.Users = append(fx.Users,
		UserFixture{ID: "70001", Username: "dflt-admin", DomainID: defaultDomainID, Role: RoleUserAdmin, APIKey: "k-70001"},
		UserFixture{ID: "70002", Username: "dflt-user", DomainID: defaultDomainID})
	e := newEnv(t, fx)
	ids, link := e.listIDs(e.tokenOf("dflt-admin", "k-70001"), "/v2.0/users")
	if !slices.Equal(ids, []string{"70001"}) || link != "" {
		t.Errorf("ids = %v, Link = %q; want only the caller and no Link", ids, link)
	}
}

func TestListUsersItemShape(t *testing.T) {
	e := newEnv(t, DemoFixture())
	r := e.do(http.MethodGet, "/v2.0/users", e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "", nil)
	var body struct {
		Users []json.RawMessage `json:"users"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		// MFA on: state and factor; no level ever set: no level.
		"10001": `{"id":"10001","username":"demo-admin","email":"demo-admin@example.com","enabled":true,` +
			`"RAX-AUTH:domainId":"123456","RAX-AUTH:defaultRegion":"DFW","RAX-AUTH:multiFactorEnabled":true,` +
			`"RAX-AUTH:multiFactorState":"ACTIVE","RAX-AUTH:factorType":"OTP"}`,
		"10003": `{"id":"10003","username":"demo-sms","email":"demo-sms@example.com","enabled":true,` +
			`"RAX-AUTH:domainId":"123456","RAX-AUTH:defaultRegion":"DFW","RAX-AUTH:multiFactorEnabled":true,` +
			`"RAX-AUTH:multiFactorState":"ACTIVE","RAX-AUTH:factorType":"SMS"}`,
		// MFA off: neither state nor factor; a level set: the level.
		"10005": `{"id":"10005","username":"demo-nomfa","email":"demo-nomfa@example.com","enabled":true,` +
			`"RAX-AUTH:domainId":"123456","RAX-AUTH:defaultRegion":"DFW","RAX-AUTH:multiFactorEnabled":false,` +
			`"RAX-AUTH:userMultiFactorEnforcementLevel":"REQUIRED"}`,
		"10004": `{"id":"10004","username":"demo-disabled","email":"demo-disabled@example.com","enabled":false,` +
			`"RAX-AUTH:domainId":"123456","RAX-AUTH:defaultRegion":"DFW","RAX-AUTH:multiFactorEnabled":false}`,
	}
	seen := 0
	for _, raw := range body.Users {
		var head struct{ ID string }
		_ = json.Unmarshal(raw, &head)
		if w, ok := want[head.ID]; ok {
			seen++
			if string(raw) != w {
				t.Errorf("user %s:\n got %s\nwant %s", head.ID, raw, w)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d users checked", seen, len(want))
	}

	// A locked user's state is LOCKED.
	e.updateUser(DemoSMSUser, UserPatch{Locked: ptrTo(true)})
	r = e.do(http.MethodGet, "/v2.0/users?name="+DemoSMSUser, e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "", nil)
	if !strings.Contains(string(r.body), `"RAX-AUTH:multiFactorState":"LOCKED"`) {
		t.Errorf("locked user: %s, want state LOCKED", r.body)
	}
}

func ptrTo[T any](v T) *T { return &v }

func TestListUsersRefusals(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin, userAdmin := e.adminToken(), e.tokenOf(DemoAdminUser, DemoAdminAPIKey)
	cases := []struct {
		token, query string
		status       int
		key, msg     string
	}{
		{userAdmin, "?domain_id=" + DemoDomainID, 403, keyForbidden, "Error code: 'GEN-006'; Not Authorized"},
		{userAdmin, "?tenant_id=" + DemoTenantID, 403, keyForbidden, "Error code: 'GEN-006'; Not Authorized"},
		{userAdmin, "?contact_id=x", 403, keyForbidden, "Error code: 'GEN-006'; Not Authorized"},
		{userAdmin, "?admin_only=false", 403, keyForbidden, "Error code: 'GEN-006'; Not Authorized"},
		{userAdmin, "?user_type=ALL&name=demo-user", 400, keyBadRequest,
			"Error code: 'GEN-000'; The 'user_type' parameter can not be used with the 'name' parameter."},
		{admin, "?tenant_id=1&domain_id=2", 400, keyBadRequest,
			"Error code: 'GEN-000'; The 'tenant_id' parameter can not be used with the 'domain_id' parameter."},
		{admin, "?admin_only=true&contact_id=c", 400, keyBadRequest,
			"Error code: 'GEN-000'; The 'admin_only' parameter can not be used with the 'contact_id' parameter."},
		{admin, "?domain_id=nope", 404, keyNotFound, "Domain with ID nope not found."},
		{admin, "?tenant_id=nope", 404, keyNotFound, "Tenant with id/name: 'nope' was not found."},
		{userAdmin, "?name=nobody", 404, keyNotFound, "User not found: 'nobody'"},
		{userAdmin, "?name=" + DemoOtherAdminUser, 403, keyForbidden, "Not Authorized"},
		{e.tokenOf(DemoManagerUser, DemoManagerAPIKey), "?name=" + DemoAdminUser, 403, keyForbidden, "Not Authorized"},
		{e.tokenOf(DemoUser, DemoUserAPIKey), "?email=demo-user@example.com", 403, keyForbidden, "Not Authorized"},
		{userAdmin, "?marker=x", 400, keyBadRequest, "Invalid value for query parameter 'marker'."},
	}
	for _, c := range cases {
		r := e.do(http.MethodGet, "/v2.0/users"+c.query, c.token, "", nil)
		t.Run(c.query, func(t *testing.T) { r.wantFault(t, c.status, c.key, c.msg) })
	}
	e.do(http.MethodGet, "/v2.0/users", "", "", nil).wantFault(t, 401, keyUnauthorized, msgNoValidToken)
}

func TestListUsersByNameAndEmail(t *testing.T) {
	e := newEnv(t, DemoFixture())
	e.updateDomain(DemoDomainID, DomainPatch{PasswordPolicy: &PasswordPolicyState{PasswordDuration: "P1D"}})
	r := e.do(http.MethodGet, "/v2.0/users?name="+DemoUser, e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "", nil)
	var one map[string]map[string]any
	if err := json.Unmarshal(r.body, &one); err != nil || r.status != 200 {
		t.Fatalf("by name: %d %s", r.status, r.body)
	}
	// Only the by-name form carries the password expiration.
	if u := one["user"]; u["id"] != "10002" || u["RAX-AUTH:passwordExpiration"] != "2026-03-02T12:00:00.000Z" {
		t.Errorf("by name: %s", r.body)
	}
	ids, _ := e.listIDs(e.tokenOf(DemoManagerUser, DemoManagerAPIKey), "/v2.0/users?email=demo-user@example.com")
	if !slices.Equal(ids, []string{"10002"}) {
		t.Errorf("by email: %v", ids)
	}
	ids, _ = e.listIDs(e.tokenOf(DemoManagerUser, DemoManagerAPIKey), "/v2.0/users?email=demo-admin@example.com")
	if len(ids) != 0 {
		t.Errorf("by email, a user the caller may not see: %v", ids)
	}
	r = e.do(http.MethodGet, "/v2.0/users", e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "", nil)
	if strings.Contains(string(r.body), "passwordExpiration") {
		t.Errorf("the listing carries a password expiration: %s", r.body)
	}
}

func TestListUsersPaging(t *testing.T) {
	fx := DemoFixture()
	gen := fx.AddUsers(DemoDomainID, 2500)
	e := newEnv(t, fx)
	all := append(slices.Clone(demoDomainUsers), gen...)
	slices.Sort(all)
	tok := e.tokenOf(DemoAdminUser, DemoAdminAPIKey)
	host := strings.TrimPrefix(e.url, "http://")
	link := func(marker, limit int, rel string) string {
		return fmt.Sprintf("<http://%s/v2.0/users?marker=%d&limit=%d>; rel=%q", host, marker, limit, rel)
	}
	cases := []struct {
		query    string
		from, to int
		links    []string
	}{
		{"", 0, 1000, []string{link(2000, 1000, "last"), link(1000, 1000, "next")}},
		{"?limit=5000&marker=1000", 1000, 2000,
			[]string{link(0, 1000, "first"), link(0, 1000, "prev"), link(2000, 1000, "last"), link(2000, 1000, "next")}},
		{"?marker=2000&limit=1000", 2000, 2506, []string{link(0, 1000, "first"), link(1000, 1000, "prev")}},
		{"?marker=10&limit=7", 10, 17, []string{link(0, 7, "first"), link(3, 7, "prev"), link(2502, 7, "last"), link(17, 7, "next")}},
		{"?marker=3", 3, 1003, []string{link(2003, 1000, "last"), link(1003, 1000, "next")}},
		{"?marker=-5&limit=-1", 0, 1000, []string{link(2000, 1000, "last"), link(1000, 1000, "next")}},
		{"?marker=9999", 2506, 2506, []string{link(0, 1000, "first"), link(8999, 1000, "prev")}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			ids, got := e.listIDs(tok, "/v2.0/users"+c.query)
			if !slices.Equal(ids, all[c.from:c.to]) {
				t.Errorf("got %d ids from %v, want all[%d:%d]", len(ids), ids[:min(len(ids), 2)], c.from, c.to)
			}
			if want := strings.Join(c.links, ", "); got != want {
				t.Errorf("Link:\n got %s\nwant %s", got, want)
			}
		})
	}
	// The links drop every filter but marker and limit.
	_, got := e.listIDs(e.adminToken(), "/v2.0/users?domain_id="+DemoDomainID+"&user_type=ALL&limit=1000")
	if want := link(2000, 1000, "last") + ", " + link(1000, 1000, "next"); got != want {
		t.Errorf("Link of a filtered listing:\n got %s\nwant %s", got, want)
	}
}

func TestGetUserByID(t *testing.T) {
	fx := DemoFixture()
	fx.Users = append(fx.Users, UserFixture{ID: "10099", Username: "bare", DomainID: DemoDomainID})
	e := newEnv(t, fx)
	get := func(token, id string) response { return e.do(http.MethodGet, "/v2.0/users/"+id, token, "", nil) }
	admin, manager, user := e.tokenOf(DemoAdminUser, DemoAdminAPIKey), e.tokenOf(DemoManagerUser, DemoManagerAPIKey), e.tokenOf(DemoUser, DemoUserAPIKey)

	r := get(admin, "10099")
	want := `{"user":{"id":"10099","username":"bare","email":"","enabled":true,"RAX-AUTH:domainId":"123456",` +
		`"RAX-AUTH:defaultRegion":"","RAX-AUTH:multiFactorEnabled":false}}`
	if r.status != 200 || strings.TrimSpace(string(r.body)) != want {
		t.Errorf("GET a bare user: %d\n got %s\nwant %s", r.status, r.body, want)
	}
	for _, c := range []struct {
		who, token, id string
		ok             bool
	}{
		{"self", user, "10002", true},
		{"user-manage reads its user-admin", manager, "10001", true},
		{"identity:admin reads anyone", e.adminToken(), "30001", true},
		{"identity:default reads another", user, "10003", false},
		{"user-admin reads another domain", admin, "30001", false},
		{"missing", admin, "nope", false},
	} {
		r := get(c.token, c.id)
		if c.ok {
			if r.status != 200 {
				t.Errorf("%s: status %d, body %s", c.who, r.status, r.body)
			}
			continue
		}
		t.Run(c.who, func(t *testing.T) { r.wantFault(t, 404, keyNotFound, "User not found") })
	}
}

func TestListDomains(t *testing.T) {
	fx := DemoFixture()
	fx.Tenants = append(fx.Tenants, TenantFixture{ID: "t-other", DomainID: DemoOtherDomainID})
	for i := range fx.Users {
		if fx.Users[i].Username == DemoUser {
			// A role on another customer's tenant, and twice on its own.
			fx.Users[i].TenantRoles = []TenantRoleFixture{
				{TenantID: DemoTenantID, Roles: []string{"compute:default"}},
				{TenantID: "t-other", Roles: []string{"compute:default", "checkmate"}},
			}
		}
	}
	for i := range 30 {
		fx.Domains = append(fx.Domains, DomainFixture{ID: fmt.Sprintf("5%05d", i), Name: "D", RackspaceCustomerNumber: "RCN-X"})
	}
	e := newEnv(t, fx)
	admin := e.adminToken()
	allIDs := []string{DemoDomainID}
	for i := range 30 {
		allIDs = append(allIDs, fmt.Sprintf("5%05d", i))
	}
	allIDs = append(allIDs, DemoOtherDomainID, DemoMandatedDomainID, DemoStaffDomainID)
	host := strings.TrimPrefix(e.url, "http://")
	link := func(marker, limit int, rel string) string {
		return fmt.Sprintf("<http://%s/v2.0/RAX-AUTH/domains?marker=%d&limit=%d>; rel=%q", host, marker, limit, rel)
	}
	cases := []struct {
		name, token, query string
		want               []string
		link               string
	}{
		{"user-admin: its own domain, paging ignored", e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "?marker=-1&limit=1",
			[]string{DemoDomainID}, ""},
		{"identity:default: own and tenants' domains, once each", e.tokenOf(DemoUser, DemoUserAPIKey), "",
			[]string{DemoDomainID, DemoOtherDomainID}, ""},
		{"rcn filter, any case", e.tokenOf(DemoUser, DemoUserAPIKey), "?rcn=rcn-000-000-002", []string{DemoOtherDomainID}, ""},
		{"identity:admin: 25 by default", admin, "", allIDs[:25], link(25, 25, "last") + ", " + link(25, 25, "next")},
		{"limit 0 is the default", admin, "?limit=0&marker=25", allIDs[25:],
			link(0, 25, "first") + ", " + link(0, 25, "prev")},
		{"limit capped at 1000", admin, "?limit=5000", allIDs, ""},
		{"identity:admin by rcn", admin, "?rcn=RCN-X&limit=10&marker=20", allIDs[1:31][20:],
			link(0, 10, "first") + ", " + link(10, 10, "prev")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ids, got := e.listIDs(c.token, "/v2.0/RAX-AUTH/domains"+c.query)
			if !reflect.DeepEqual(ids, c.want) {
				t.Errorf("ids = %v, want %v", ids, c.want)
			}
			if got != c.link {
				t.Errorf("Link:\n got %s\nwant %s", got, c.link)
			}
		})
	}
	e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains?marker=-1", admin, "", nil).
		wantFault(t, 400, keyBadRequest, "Marker must be non negative")
	e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains?limit=-1", admin, "", nil).
		wantFault(t, 400, keyBadRequest, "Limit must be non negative")

	// Items keep name and description, for domain-level callers too.
	r := e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains", e.tokenOf(DemoAdminUser, DemoAdminAPIKey), "", nil)
	want := `{"RAX-AUTH:domains":[{"id":"123456","name":"Demo Company","description":"Built-in demo domain of the ` +
		`authpolicy emulator","enabled":true,"sessionInactivityTimeout":"PT15M","rackspaceCustomerNumber":"RCN-000-000-001",` +
		`"type":"RACKSPACE_CLOUD_US"}]}`
	if strings.TrimSpace(string(r.body)) != want {
		t.Errorf("body:\n got %s\nwant %s", r.body, want)
	}
}

// BenchmarkNew5000Users measures loading a fixture of 5,000 generated users.
func BenchmarkNew5000Users(b *testing.B) {
	fx := DemoFixture()
	fx.AddUsers(DemoDomainID, 5000)
	for b.Loop() {
		if _, err := New(fx, nil); err != nil {
			b.Fatal(err)
		}
	}
}
