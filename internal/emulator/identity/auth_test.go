package identity

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPasswordLoginWithoutMFA(t *testing.T) {
	e := newEnv(t, DemoFixture())
	r := e.auth(passwordBody(DemoUser, DemoUserPassword))
	a := r.access(t).Access
	if !slices.Equal(a.Token.AuthenticatedBy, []string{"PASSWORD"}) {
		t.Errorf("authenticatedBy = %v", a.Token.AuthenticatedBy)
	}
	if len(a.Token.ID) != 32 {
		t.Errorf("token id %q is not 32 hex digits", a.Token.ID)
	}
	now := e.clock.Now()
	if want := formatTime(now); a.Token.Issued != want {
		t.Errorf("issued = %q, want %q", a.Token.Issued, want)
	}
	if want := formatTime(now.Add(24 * time.Hour)); a.Token.Expires != want {
		t.Errorf("expires = %q, want %q", a.Token.Expires, want)
	}
	if a.Token.Tenant == nil || a.Token.Tenant.ID != DemoTenantID || a.Token.Tenant.Name != DemoTenantID {
		t.Errorf("tenant = %+v", a.Token.Tenant)
	}
	if a.User.ID != "10002" || a.User.Name != DemoUser || a.User.DomainID != DemoDomainID {
		t.Errorf("user = %+v", a.User)
	}
	if a.User.DefaultRegion == nil || *a.User.DefaultRegion != "DFW" {
		t.Errorf("defaultRegion = %v", a.User.DefaultRegion)
	}
	var identityRole, tenantRole bool
	for _, role := range a.User.Roles {
		switch {
		case role.Name == RoleDefault && role.TenantID == "" && role.ID == "2":
			identityRole = true
		case role.Name == "compute:default" && role.TenantID == DemoTenantID:
			tenantRole = true
		}
	}
	if !identityRole || !tenantRole {
		t.Errorf("roles = %+v, want identity:default (global) and compute:default on the tenant", a.User.Roles)
	}
	if a.ServiceCatalog == nil || len(*a.ServiceCatalog) == 0 {
		t.Fatal("no service catalog")
	}
	for _, svc := range *a.ServiceCatalog {
		for _, ep := range svc.Endpoints {
			if ep.TenantID != DemoTenantID || !strings.HasSuffix(ep.PublicURL, "/"+DemoTenantID) || ep.Region == "" {
				t.Errorf("endpoint %+v does not carry the tenant", ep)
			}
		}
	}
	if h := r.header.Get("X-Password-Expiration"); h != "" {
		t.Errorf("X-Password-Expiration = %q without a password policy", h)
	}
}

// TestCatalogMergesTenants: a service appears once, in first-seen order, with
// the endpoints of every tenant of its kind, tenant by tenant, in every region.
func TestCatalogMergesTenants(t *testing.T) {
	fx := DemoFixture()
	fx.Regions = []string{"DFW", "ORD"}
	fx.Tenants = append(fx.Tenants,
		TenantFixture{ID: "MossoCloudFS_x", DomainID: DemoDomainID, Type: "files"},
		TenantFixture{ID: "999", DomainID: DemoDomainID})
	for i := range fx.Users {
		if fx.Users[i].Username == DemoUser {
			fx.Users[i].TenantRoles = []TenantRoleFixture{
				{TenantID: DemoTenantID, Roles: []string{"compute:default", "checkmate"}},
				{TenantID: "MossoCloudFS_x", Roles: []string{"object-store:default"}},
				{TenantID: "999", Roles: []string{"compute:default"}},
			}
		}
	}
	e := newEnv(t, fx)
	var got []string
	for _, svc := range *e.auth(passwordBody(DemoUser, DemoUserPassword)).access(t).Access.ServiceCatalog {
		for _, ep := range svc.Endpoints {
			got = append(got, svc.Name+" "+ep.Region+" "+ep.TenantID)
		}
	}
	want := []string{
		"cloudServersOpenStack DFW 123456", "cloudServersOpenStack ORD 123456",
		"cloudServersOpenStack DFW 999", "cloudServersOpenStack ORD 999",
		"cloudBlockStorage DFW 123456", "cloudBlockStorage ORD 123456",
		"cloudBlockStorage DFW 999", "cloudBlockStorage ORD 999",
		"cloudFiles DFW MossoCloudFS_x", "cloudFiles ORD MossoCloudFS_x",
	}
	if !slices.Equal(got, want) {
		t.Errorf("catalog endpoints =\n%q\nwant\n%q", got, want)
	}
}

func TestAccessWithoutDefaultRegionStillHasKey(t *testing.T) {
	fx := DemoFixture()
	fx.Users[1].DefaultRegion = ""
	e := newEnv(t, fx)
	a := e.auth(passwordBody(DemoUser, DemoUserPassword)).access(t)
	if a.Access.User.DefaultRegion == nil || *a.Access.User.DefaultRegion != "" {
		t.Errorf("RAX-AUTH:defaultRegion = %v, want present and empty", a.Access.User.DefaultRegion)
	}
}

func TestIncludeEndpointsFalse(t *testing.T) {
	e := newEnv(t, DemoFixture())
	r := e.do(http.MethodPost, "/v2.0/tokens?include_endpoints=false", "", passwordBody(DemoUser, DemoUserPassword), nil)
	a := r.access(t)
	if a.Access.ServiceCatalog == nil || len(*a.Access.ServiceCatalog) != 0 {
		t.Errorf("serviceCatalog = %v, want present and empty", a.Access.ServiceCatalog)
	}
	// A value that is not a boolean leaves the default: endpoints included.
	r = e.do(http.MethodPost, "/v2.0/tokens?include_endpoints=maybe", "", passwordBody(DemoUser, DemoUserPassword), nil)
	if a := r.access(t); a.Access.ServiceCatalog == nil || len(*a.Access.ServiceCatalog) == 0 {
		t.Errorf("include_endpoints=maybe: serviceCatalog = %v, want the full catalog", a.Access.ServiceCatalog)
	}
}

func TestAPIKeyLogin(t *testing.T) {
	e := newEnv(t, DemoFixture())
	// The demo admin has MFA on and the nomfa user is forced to enrol, yet
	// API keys are neither challenged nor blocked.
	for _, c := range []struct{ user, key string }{
		{DemoAdminUser, DemoAdminAPIKey},
		{DemoSMSUser, DemoSMSAPIKey},
		{DemoNoMFAUser, DemoNoMFAAPIKey},
		{DemoManagerUser, DemoManagerAPIKey},
	} {
		r := e.auth(apiKeyBody(c.user, c.key))
		a := r.access(t).Access
		if !slices.Equal(a.Token.AuthenticatedBy, []string{"APIKEY"}) {
			t.Errorf("%s: authenticatedBy = %v", c.user, a.Token.AuthenticatedBy)
		}
		if r.header.Get("WWW-Authenticate") != "" {
			t.Errorf("%s: API key login was challenged", c.user)
		}
	}
	if _, err := e.api.LastSMSPasscode(DemoSMSUser); err == nil {
		t.Error("an API key login sent an SMS")
	}
}

func TestAPIKeyNotBlockedByLockout(t *testing.T) {
	e := newEnv(t, DemoFixture())
	locked := true
	e.updateUser(DemoAdminUser, UserPatch{Locked: &locked})
	e.auth(apiKeyBody(DemoAdminUser, DemoAdminAPIKey)).access(t)
}

func TestFirstFactorFailures(t *testing.T) {
	e := newEnv(t, DemoFixture())
	cases := []struct {
		name, body   string
		status       int
		key, message string
	}{
		{"wrong password", passwordBody(DemoUser, "nope"), 401, "unauthorized", "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."},
		{"unknown user password", passwordBody("ghost", "nope"), 401, "unauthorized", "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."},
		{"wrong api key", apiKeyBody(DemoUser, "nope"), 401, "unauthorized", "Error code: 'AUTH-008'; Username or api key is invalid."},
		{"unknown user api key", apiKeyBody("ghost", "nope"), 401, "unauthorized", "Error code: 'AUTH-008'; Username or api key is invalid."},
		{"disabled password", passwordBody(DemoDisabledUser, DemoDisabledPassword), 403, "userDisabled", "User 'demo-disabled' is disabled."},
		{"disabled api key", apiKeyBody(DemoDisabledUser, DemoDisabledAPIKey), 403, "userDisabled", "User 'demo-disabled' is disabled."},
		{"disabled wrong password", passwordBody(DemoDisabledUser, "nope"), 401, "unauthorized", "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."},
		{"must set up MFA", passwordBody(DemoNoMFAUser, DemoNoMFAPassword), 403, "forbidden", "User must setup multi-factor"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.auth(c.body).wantFault(t, c.status, c.key, c.message)
		})
	}
}

func TestDisabledDomainDisablesUsers(t *testing.T) {
	e := newEnv(t, DemoFixture())
	off := false
	e.updateDomain(DemoDomainID, DomainPatch{Enabled: &off})
	e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).wantFault(t, 403, keyUserDisabled, "User 'demo-user' is disabled.")
}

func TestMalformedRequests(t *testing.T) {
	e := newEnv(t, DemoFixture())
	cases := []struct{ name, body, message string }{
		{"not json", `{"auth":`, "Invalid json request body"},
		{"wrong root", `{"authentication":{"passwordCredentials":{"username":"a","password":"b"}}}`, "Invalid json request body"},
		{"no credential", `{"auth":{"tenantId":"123456"}}`, "Invalid request body: unable to parse Auth data. Please review XML or JSON formatting."},
		{"two credentials", `{"auth":{"passwordCredentials":{"username":"a","password":"b"},"RAX-KSKEY:apiKeyCredentials":{"username":"a","apiKey":"b"}}}`, "Invalid request body: unable to parse Auth data. Please review XML or JSON formatting."},
		{"unknown credential", `{"auth":{"RAX-AUTH:rsaCredentials":{"username":"a","tokenKey":"b"}}}`, "Unknown credential type"},
		{"blank username", passwordBody(" ", "x"), "Expecting username"},
		{"username with space", passwordBody("demo user", "x"), "Username should not contain white spaces"},
		{"blank password", passwordBody(DemoUser, ""), "Expecting Password"},
		{"blank api key", apiKeyBody(DemoUser, " "), "Expecting apiKey"},
		{"credential not an object", `{"auth":{"passwordCredentials":"x"}}`, "Invalid json request body"},
		{"tenantId and tenantName", passwordBody(DemoUser, DemoUserPassword, `,"tenantId":"123456","tenantName":"123456"`), "Invalid request. Specify tenantId OR tenantName, not both."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.auth(c.body).wantFault(t, http.StatusBadRequest, keyBadRequest, c.message)
		})
	}
}

func TestTenantScoping(t *testing.T) {
	fx := DemoFixture()
	fx.Tenants = append(fx.Tenants, TenantFixture{ID: "MossoCloudFS_abc", Name: "MossoCloudFS_abc", DomainID: DemoDomainID, Type: "files"},
		TenantFixture{ID: "999", Name: "other-name", DomainID: DemoDomainID})
	fx.Users[1].TenantRoles = []TenantRoleFixture{
		{TenantID: DemoTenantID, Roles: []string{"compute:default"}},
		{TenantID: "MossoCloudFS_abc", Roles: []string{"object-store:default"}},
	}
	e := newEnv(t, fx)
	for _, c := range []struct{ extra, want string }{
		{``, DemoTenantID},
		{`,"tenantId":"MossoCloudFS_abc"`, "MossoCloudFS_abc"},
		{`,"tenantName":"MossoCloudFS_abc"`, "MossoCloudFS_abc"},
		{`,"tenantId":"123456"`, DemoTenantID},
	} {
		for _, body := range []string{passwordBody(DemoUser, DemoUserPassword, c.extra), apiKeyBody(DemoUser, DemoUserAPIKey, c.extra)} {
			a := e.auth(body).access(t)
			if a.Access.Token.Tenant == nil || a.Access.Token.Tenant.ID != c.want {
				t.Errorf("%s: tenant = %+v, want %s", c.extra, a.Access.Token.Tenant, c.want)
			}
		}
	}
	// A tenant id inside the credential is stripped, as Identity does.
	inside := `{"auth":{"passwordCredentials":{"username":"demo-user","password":"demo-password-2","tenantId":"MossoCloudFS_abc"}}}`
	if a := e.auth(inside).access(t); a.Access.Token.Tenant.ID != DemoTenantID {
		t.Errorf("credential-level tenantId was honoured: %+v", a.Access.Token.Tenant)
	}
	// Tenant 999 exists in the domain but the user holds no role on it.
	for _, extra := range []string{`,"tenantId":"999"`, `,"tenantId":"nope"`, `,"tenantName":"other-name"`} {
		label := strings.Split(extra, `"`)[3]
		e.auth(passwordBody(DemoUser, DemoUserPassword, extra)).wantFault(t, 401, keyUnauthorized,
			"Tenant with Name/Id: '"+label+"' is not valid for User 'demo-user' (id: '10002')")
	}
}

func TestTokenCredential(t *testing.T) {
	fx := DemoFixture()
	fx.Tenants = append(fx.Tenants, TenantFixture{ID: "MossoCloudFS_abc", DomainID: DemoDomainID, Type: "files"})
	e := newEnv(t, fx)
	first := e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).access(t).Access
	e.clock.Advance(time.Hour)

	got := e.auth(`{"auth":{"token":{"id":"` + first.Token.ID + `"}}}`).access(t).Access
	if got.Token.ID != first.Token.ID || got.Token.Expires != first.Token.Expires || got.Token.Tenant.ID != DemoTenantID {
		t.Errorf("token login = %+v, want same id, expiry and tenant as %+v", got.Token, first.Token)
	}
	if !slices.Equal(got.Token.AuthenticatedBy, []string{"APIKEY"}) {
		t.Errorf("authenticatedBy = %v, want the original token's", got.Token.AuthenticatedBy)
	}
	scoped := e.auth(`{"auth":{"token":{"id":"` + first.Token.ID + `"},"tenantId":"MossoCloudFS_abc"}}`).access(t).Access
	if scoped.Token.ID != first.Token.ID || scoped.Token.Tenant.ID != "MossoCloudFS_abc" {
		t.Errorf("scoped token login = %+v", scoped.Token)
	}
	e.auth(`{"auth":{"token":{"id":"`+first.Token.ID+`"},"tenantId":"nope"}}`).wantFault(t, 401, keyUnauthorized,
		"Token doesn't belong to Tenant with Id/Name: 'nope'")
	e.auth(`{"auth":{"token":{"id":"bogus"}}}`).wantFault(t, 401, keyUnauthorized, msgTokenNotAuth)

	// Revoked and expired tokens are rejected the same way.
	revoked := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	if r := e.do(http.MethodDelete, "/v2.0/tokens", revoked, "", nil); r.status != http.StatusNoContent {
		t.Fatalf("revoke: %d", r.status)
	}
	e.auth(`{"auth":{"token":{"id":"`+revoked+`"}}}`).wantFault(t, 401, keyUnauthorized, msgTokenNotAuth)
	e.clock.Advance(23 * time.Hour)
	e.auth(`{"auth":{"token":{"id":"`+first.Token.ID+`"}}}`).wantFault(t, 401, keyUnauthorized, msgTokenNotAuth)
}

func TestSetupMFAScope(t *testing.T) {
	e := newEnv(t, DemoFixture())
	scope := `,"RAX-AUTH:scope":"SETUP-MFA"`
	r := e.auth(passwordBody(DemoNoMFAUser, DemoNoMFAPassword, scope))
	a := r.access(t).Access
	if a.ServiceCatalog != nil || a.Token.Tenant != nil {
		t.Errorf("SETUP-MFA token has catalog %v / tenant %v, want neither", a.ServiceCatalog, a.Token.Tenant)
	}
	if !slices.Equal(a.Token.AuthenticatedBy, []string{"PASSWORD"}) {
		t.Errorf("authenticatedBy = %v", a.Token.AuthenticatedBy)
	}
	// Not a general-purpose token.
	e.do(http.MethodGet, "/v2.0/RAX-AUTH/domains/123456", a.Token.ID, "", nil).wantFault(t, 403, keyForbidden, "Not Authorized")

	for name, body := range map[string]string{
		"user not forced":  passwordBody(DemoUser, DemoUserPassword, scope),
		"user with MFA":    passwordBody(DemoAdminUser, DemoAdminPassword, scope),
		"api key":          apiKeyBody(DemoNoMFAUser, DemoNoMFAAPIKey, scope),
		"other scope name": passwordBody(DemoNoMFAUser, DemoNoMFAPassword, `,"RAX-AUTH:scope":"OTHER"`),
	} {
		t.Run(name, func(t *testing.T) {
			e.auth(body).wantFault(t, 403, keyForbidden, "SETUP-MFA SCOPE not supported")
		})
	}
}

func TestPasswordPolicyExpiry(t *testing.T) {
	fx := DemoFixture()
	fx.Domains[0].PasswordPolicy = &PasswordPolicyFixture{PasswordDuration: "P1D"}
	e := newEnv(t, fx)
	r := e.auth(passwordBody(DemoUser, DemoUserPassword))
	r.access(t)
	if want := formatTime(e.clock.Now().Add(24 * time.Hour)); r.header.Get("X-Password-Expiration") != want {
		t.Errorf("X-Password-Expiration = %q, want %q", r.header.Get("X-Password-Expiration"), want)
	}
	// API key logins get no expiry header and are not blocked by it.
	if h := e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).header.Get("X-Password-Expiration"); h != "" {
		t.Errorf("API key login got X-Password-Expiration %q", h)
	}

	// The MFA flow's final answer carries it too.
	sid := e.auth(passwordBody(DemoAdminUser, DemoAdminPassword)).challenge(t, "OTPPASSCODE")
	if h := e.passcode(sid, e.totp(DemoAdminSecret)).header.Get("X-Password-Expiration"); h == "" {
		t.Error("MFA login without X-Password-Expiration")
	}

	e.clock.Advance(25 * time.Hour)
	e.auth(passwordBody(DemoUser, DemoUserPassword)).wantFault(t, 401, keyUnauthorized,
		"Error code: 'AUTH-001'; The password for this user has expired and must be changed")
	e.auth(apiKeyBody(DemoUser, DemoUserAPIKey)).access(t)

	// Changing the password restarts the clock.
	pw := "new-password"
	e.updateUser(DemoUser, UserPatch{Password: &pw})
	e.auth(passwordBody(DemoUser, pw)).access(t)
}

func TestZeroPasswordDurationNeverExpires(t *testing.T) {
	fx := DemoFixture()
	fx.Domains[0].PasswordPolicy = &PasswordPolicyFixture{PasswordDuration: "PT0S"}
	e := newEnv(t, fx)
	e.clock.Advance(1000 * 24 * time.Hour)
	r := e.auth(passwordBody(DemoUser, DemoUserPassword))
	r.access(t)
	if h := r.header.Get("X-Password-Expiration"); h != "" {
		t.Errorf("X-Password-Expiration = %q for a zero duration", h)
	}
}
