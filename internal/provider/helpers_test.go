package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// Demo fixture credentials and objects (internal/emulator/FIXTURE.md).
const (
	demoDomain        = "123456"
	demoAdmin         = "demo-admin"
	demoAdminPassword = "demo-password-1"
	demoAdminAPIKey   = "0123456789abcdef0123456789abcdef"
	demoAdminTOTP     = "JBSWY3DPEHPK3PXP"
	demoManager       = "demo-manager"
	demoManagerPass   = "demo-password-6"
	demoManagerTOTP   = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF"
	demoUser          = "demo-user"
	demoUserPassword  = "demo-password-2"
	demoNoMFA         = "demo-nomfa"
	demoNoMFAPassword = "demo-password-5"
	demoDisabled      = "demo-disabled"
	demoDisabledPass  = "demo-password-4"

	acronisClientID       = "44444444-4444-4444-8444-444444444444"
	acronisClientSecret   = "demo-secret"
	acronisPartner        = "11111111-1111-4111-8111-111111111111"
	acronisCustomer       = "22222222-2222-4222-8222-222222222222"
	acronisUnit           = "33333333-3333-4333-8333-333333333333"
	acronisFolder         = "55555555-5555-4555-8555-555555555555"
	acronisOtherCustomer  = "77777777-7777-4777-8777-777777777777"
	acronisEnrolled       = "88888888-8888-4888-8888-888888888888"
	acronisTokenRoute     = "POST /api/2/idp/token"
	acronisMFAStatusRoute = "/api/2/tenants/{tenant_id}/mfa/status"

	cloudSSOAccessKey  = "demo-ak"
	cloudSSOSecret     = "demo-sk"
	cloudSSODirectory  = "d-demo00000001"
	cloudSSOOtherDir   = "d-other0000001"
	cloudSSOSetAction  = "SetMFAAuthenticationStatus"
	cloudSSOReadAction = "GetMFAAuthenticationStatus"
)

// testEmulator is one in-process emulator with the demo fixture, private to one test. Tests
// look at and change its state through the emulator's typed accessors (srv).
type testEmulator struct {
	URL string
	srv *emulator.Server
}

func newTestEmulator(t *testing.T) *testEmulator {
	t.Helper()
	return startEmulator(t, nil, nil)
}

// newTestEmulatorWith starts an emulator with the demo fixture as edit leaves it.
func newTestEmulatorWith(t *testing.T, edit func(*emulator.Fixture)) *testEmulator {
	t.Helper()
	return startEmulator(t, edit, nil)
}

// startEmulator starts an emulator with the demo fixture as edit (if any) leaves it, served
// through the handler wrap (if any) builds around it.
func startEmulator(t *testing.T, edit func(*emulator.Fixture), wrap func(*emulator.Server) http.Handler) *testEmulator {
	t.Helper()
	fx := emulator.DemoFixture()
	if edit != nil {
		edit(fx)
	}
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &testEmulator{URL: ts.URL, srv: srv}
}

// count sums the requests to route (an emulator route pattern such as "POST /v2.0/tokens")
// that got status (0: any status).
func (e *testEmulator) count(route string, status int) int {
	n := 0
	for _, c := range e.srv.Counts() {
		if c.Route == route && (status == 0 || c.Status == status) {
			n += c.N
		}
	}
	return n
}

// checkNoRequests asserts that plan-time validation made no API call.
func (e *testEmulator) checkNoRequests(t *testing.T) {
	t.Helper()
	if n := e.srv.Total(); n != 0 {
		t.Errorf("the emulator saw %d requests, want 0 (validation must not call the API): %+v", n, e.srv.Counts())
	}
}

func (e *testEmulator) domain(t *testing.T, id string) emuidentity.DomainState {
	t.Helper()
	return lookup(t, "domain", e.srv.Identity().Domain, id)
}

func (e *testEmulator) tenant(t *testing.T, id string) emuacronis.TenantState {
	t.Helper()
	return lookup(t, "tenant", e.srv.Acronis().Tenant, id)
}

func (e *testEmulator) directory(t *testing.T, id string) emucloudsso.DirectoryState {
	t.Helper()
	return lookup(t, "directory", e.srv.CloudSSO().Directory, id)
}

// lookup reads one object of the emulator's state, which must exist.
func lookup[T any](t *testing.T, what string, get func(string) (T, bool), id string) T {
	t.Helper()
	v, ok := get(id)
	if !ok {
		t.Fatalf("the emulator has no %s %s", what, id)
	}
	return v
}

// must fails the test on the error of an out-of-band change to the emulator, as in
// must(t)(e.srv.Identity().UpdateUser(…)).
func must(t *testing.T) func(any, error) {
	return func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("changing the emulator's state: %v", err)
		}
	}
}

// ptr is the address of a value, for the emulator's patches.
func ptr[T any](v T) *T { return &v }

// login gets a token straight from the emulator, for tests that configure a token credential.
func (e *testEmulator) login(t *testing.T, username, apiKey string) string {
	t.Helper()
	body := fmt.Sprintf(`{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":%q,"apiKey":%q}}}`, username, apiKey)
	resp, err := http.Post(e.URL+"/v2.0/tokens", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Access struct {
			Token struct {
				ID string `json:"id"`
			} `json:"token"`
		} `json:"access"`
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: HTTP %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Access.Token.ID == "" {
		t.Fatalf("login: no token in the response (%v)", err)
	}
	return out.Access.Token.ID
}

// rackspaceConfig is a provider block pointing at the emulator with the given attributes.
func (e *testEmulator) rackspaceConfig(attrs string) string {
	return fmt.Sprintf(`
provider "authpolicy" {
  rackspace {
    endpoint = %q
%s
  }
}
`, e.URL, attrs)
}

// adminTOTPConfig is the provider logged in as the demo domain's user-admin, with MFA.
func (e *testEmulator) adminTOTPConfig() string {
	return e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q",
		demoAdmin, demoAdminPassword, demoAdminTOTP))
}

// adminAPIKeyConfig is the provider logged in as the demo domain's user-admin with an API key.
func (e *testEmulator) adminAPIKeyConfig() string {
	return e.rackspaceConfig(fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey))
}

func (e *testEmulator) acronisConfig(secret string) string {
	return fmt.Sprintf(`
provider "authpolicy" {
  acronis {
    endpoint      = %q
    client_id     = %q
    client_secret = %q
  }
}
`, e.URL, acronisClientID, secret)
}

func (e *testEmulator) cloudSSOConfig(secret string) string {
	return fmt.Sprintf(`
provider "authpolicy" {
  cloudsso {
    endpoint          = %q
    access_key_id     = %q
    access_key_secret = %q
  }
}
`, e.URL, cloudSSOAccessKey, secret)
}

func (e *testEmulator) cloudSSOSTSConfig() string {
	return fmt.Sprintf(`
provider "authpolicy" {
  cloudsso {
    endpoint          = %q
    access_key_id     = "STS.demo-sts-ak"
    access_key_secret = "demo-sts-sk"
    security_token    = "demo-security-token"
  }
}
`, e.URL)
}

func domainMFAConfig(level string) string {
	return fmt.Sprintf(`
resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = %q
  enforcement_level = %q
}
`, demoDomain, level)
}

func passwordPolicyConfig(attrs string) string {
	return fmt.Sprintf(`
resource "authpolicy_domain_password_policy" "test" {
  domain_id = %q
%s
}
`, demoDomain, attrs)
}

func tenantMFAConfig(tenantID string, enabled bool) string {
	return fmt.Sprintf(`
resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = %q
  enabled   = %t
}
`, tenantID, enabled)
}

func directoryMFAConfig(directoryID string, enabled bool) string {
	return fmt.Sprintf(`
resource "authpolicy_directory_mfa_status" "test" {
  directory_id = %q
  enabled      = %t
}
`, directoryID, enabled)
}

func hclList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// numberedIDs are n IDs made from format and 0…n-1.
func numberedIDs(format string, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf(format, i)
	}
	return ids
}

// manyCustomers adds n customer tenants under the demo partner and returns their IDs.
func manyCustomers(fx *emulator.Fixture, n int) []string {
	ids := numberedIDs("99999999-0000-4000-8000-%012d", n)
	fx.AddCustomers(ids...)
	return ids
}

// diagPattern matches a diagnostic's summary followed by phrases of its detail. Terraform
// wraps long lines, so a space in a phrase matches any run of white space.
func diagPattern(summary string, phrases ...string) *regexp.Regexp {
	parts := make([]string, 0, len(phrases)+1)
	for _, p := range append([]string{summary}, phrases...) {
		parts = append(parts, strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`))
	}
	return regexp.MustCompile(strings.Join(parts, `[\s\S]*`))
}

// planRejection is a configuration that must fail at validate or plan time.
type planRejection struct {
	name   string
	config func(e *testEmulator) string
	want   *regexp.Regexp
}

// testPlanRejections runs each case against an emulator of its own and checks that it fails
// with the expected diagnostic before any request reaches the API.
func testPlanRejections(t *testing.T, cases []planRejection) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulator(t)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config:      tc.config(e),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
			e.checkNoRequests(t)
		})
	}
}

// importBlockSteps adopts an existing object with an import block whose configuration matches
// it: the import plans no change, and the plan after it is empty.
func importBlockSteps(config, address string) []acctest.TestStep {
	return []acctest.TestStep{
		{
			Config: config,
			ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop),
			}},
		},
		{
			Config: config,
			ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
	}
}

// objectCase is what the cross-cutting suites need of one Terraform object: the secret-leak
// scan (TestAccSecrets), the fault-injection and partial-failure runs (TestAccFault,
// TestAccPartial_*) and the invalid-config corpus (TestAccInvalidConfigCorpus). Each suite
// takes its part of every entry and fails for an object of the provider that has no entry or
// no part for it, so a new object needs only its entry here.
type objectCase struct {
	// api is the emulator's name of the API the object calls.
	api string
	// settings is the object's configuration at two settings (variant 0 and 1) against the
	// demo fixture, with no provider block. The secret-leak scan applies one then the other
	// under every credential of api, next to the other objects of api.
	settings func(e *testEmulator, variant int) string
	// secrets are secret-leak scenarios of the object's own, for what can't share a
	// configuration with the other objects.
	secrets []secretsScenario
	// fault is how the fault-injection run manages many objects of this type; noFault says
	// why an object has none.
	fault   *faultObject
	noFault string
	// corpus is the file-name prefix of the object's cases in testdata/invalid.
	corpus string
	// identity is a resource's identity for its settings configuration (TestAccIdentity).
	identity map[string]string
}

// objectCases are keyed by the object's address prefix: its type name for a resource,
// "data." or "ephemeral." and its type name for the others.
var objectCases = map[string]objectCase{
	"authpolicy_domain_mfa_enforcement": {
		api: emuidentity.Name,
		settings: func(_ *testEmulator, variant int) string {
			return domainMFAConfig([]string{"REQUIRED", "OPTIONAL"}[variant])
		},
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("91%04d", n) },
			fixture: (*emulator.Fixture).AddDomains,
			isWrite: func(r *http.Request) bool { return domainWrite(r, "/multi-factor") },
			config: func(ids string, variant int) string {
				return fmt.Sprintf(`
  domain_id         = %s[count.index]
  enforcement_level = %q
`, ids, []string{"REQUIRED", "OPTIONAL"}[variant%2])
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return e.domain(t, id).MFAEnforcementLevel == []string{"REQUIRED", "OPTIONAL"}[variant%2]
			},
		},
		corpus:   "domain_mfa_",
		identity: map[string]string{"domain_id": demoDomain},
	},
	"authpolicy_domain_password_policy": {
		api: emuidentity.Name,
		settings: func(_ *testEmulator, variant int) string {
			return passwordPolicyConfig([]string{
				"password_duration = \"P90D\"\npassword_history_restriction = 5",
				"password_duration = \"P30DT12H\"\npassword_history_restriction = 10",
			}[variant])
		},
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("92%04d", n) },
			fixture: (*emulator.Fixture).AddDomains,
			isWrite: func(r *http.Request) bool { return domainWrite(r, "/password-policy") },
			config: func(ids string, variant int) string {
				return fmt.Sprintf(`
  domain_id                    = %s[count.index]
  password_duration            = "P%dD"
  password_history_restriction = %d
`, ids, 30+variant, variant%10)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				p := e.domain(t, id).PasswordPolicy
				return p != nil && p.PasswordDuration == fmt.Sprintf("P%dD", 30+variant) &&
					p.PasswordHistoryRestriction != nil && *p.PasswordHistoryRestriction == variant%10
			},
		},
		corpus:   "password_",
		identity: map[string]string{"domain_id": demoDomain},
	},
	"authpolicy_tenant_mfa_status": {
		api:      emuacronis.Name,
		settings: func(_ *testEmulator, variant int) string { return tenantMFAConfig(acronisCustomer, variant == 0) },
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("99999999-0000-4000-8000-%012d", n) },
			fixture: (*emulator.Fixture).AddCustomers,
			isWrite: func(r *http.Request) bool { return r.Method == http.MethodPut },
			config: func(ids string, variant int) string {
				return fmt.Sprintf("  tenant_id = %s[count.index]\n  enabled   = %t\n", ids, variant%2 == 0)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return e.tenant(t, id).MFAEnabled == (variant%2 == 0)
			},
		},
		corpus:   "tenant_",
		identity: map[string]string{"tenant_id": acronisCustomer},
	},
	"authpolicy_tenant_user_mfa_status": {
		api: emuacronis.Name,
		settings: func(_ *testEmulator, variant int) string {
			return tenantUserMFAConfig(emuacronis.DemoEnrolledUserID, variant == 1)
		},
		// The users start switched on, with TOTP; the even variants switch them off.
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("99999999-2222-4000-8000-%012d", n) },
			fixture: (*emulator.Fixture).AddAcronisUsers,
			isWrite: func(r *http.Request) bool {
				return r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/2/users/")
			},
			config: func(ids string, variant int) string {
				return fmt.Sprintf("  user_id = %s[count.index]\n  enabled = %t\n", ids, variant%2 == 1)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return e.user(t, id).MFAEnabled == (variant%2 == 1)
			},
		},
		corpus:   "tenant_user_mfa_",
		identity: map[string]string{"user_id": emuacronis.DemoEnrolledUserID},
	},
	"authpolicy_directory_mfa_status": {
		api:      emucloudsso.Name,
		settings: func(_ *testEmulator, variant int) string { return directoryMFAConfig(cloudSSODirectory, variant == 1) },
		// Every directory starts Enabled; the even variants disable them.
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("d-fault%07d", n) },
			fixture: (*emulator.Fixture).AddDirectories,
			isWrite: func(r *http.Request) bool { return r.Header.Get("x-acs-action") == cloudSSOSetAction },
			config: func(ids string, variant int) string {
				return fmt.Sprintf("  directory_id = %s[count.index]\n  enabled      = %t\n", ids, variant%2 == 1)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return e.directory(t, id).MFAAuthenticationStatus == []string{"Disabled", "Enabled"}[variant%2]
			},
		},
		corpus:   "directory_",
		identity: map[string]string{"directory_id": cloudSSODirectory},
	},
	"authpolicy_directory_password_policy": {
		api: emucloudsso.Name,
		settings: func(_ *testEmulator, variant int) string {
			return directoryPasswordPolicyConfig(cloudSSODirectory, []string{
				"  min_password_length = 12\n  max_password_age = 30\n",
				"  min_password_length = 14\n  max_password_age = 60\n  max_login_attempts = 0\n",
			}[variant])
		},
		// Every directory starts at the console's defaults (age 90); each variant changes the
		// age and the history.
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("d-pwfault%05d", n) },
			fixture: (*emulator.Fixture).AddDirectories,
			isWrite: func(r *http.Request) bool { return r.Header.Get("x-acs-action") == "SetPasswordPolicy" },
			config: func(ids string, variant int) string {
				return fmt.Sprintf("  directory_id              = %s[count.index]\n  max_password_age          = %d\n"+
					"  password_reuse_prevention = %d\n", ids, 30+variant, variant%25)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				p := e.directory(t, id).PasswordPolicy
				return p.MaxPasswordAge == 30+variant && p.PasswordReusePrevention == variant%25
			},
		},
		corpus:   "directory_password_",
		identity: map[string]string{"directory_id": cloudSSODirectory},
	},
	"authpolicy_domain_user_mfa_enforcement": {
		api: emuidentity.Name,
		settings: func(_ *testEmulator, variant int) string {
			return userMFAConfig(demoUserID, []string{"REQUIRED", "OPTIONAL"}[variant])
		},
		fault: &faultObject{
			ids: func(n int) []string { return numberedIDs("fault-u%04d", n) },
			fixture: func(fx *emulator.Fixture, ids ...string) {
				for _, id := range ids {
					fx.Identity.Users = append(fx.Identity.Users, emuidentity.UserFixture{ID: id, Username: "user-" + id, DomainID: demoDomain})
				}
			},
			isWrite: func(r *http.Request) bool {
				return r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v2.0/users/") &&
					strings.HasSuffix(r.URL.Path, "/RAX-AUTH/multi-factor")
			},
			config: func(ids string, variant int) string {
				return fmt.Sprintf(`
  user_id           = %s[count.index]
  enforcement_level = %q
`, ids, []string{"REQUIRED", "OPTIONAL"}[variant%2])
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return lookup(t, "user", e.srv.Identity().User, "user-"+id).MFAEnforcementLevel == []string{"REQUIRED", "OPTIONAL"}[variant%2]
			},
		},
		corpus:   "user_mfa_",
		identity: map[string]string{"user_id": demoUserID},
	},
	"authpolicy_domain_session_timeout": {
		api: emuidentity.Name,
		settings: func(_ *testEmulator, variant int) string {
			return sessionTimeoutConfig([]string{"PT30M", "PT1H30M"}[variant])
		},
		fault: &faultObject{
			ids:     func(n int) []string { return numberedIDs("93%04d", n) },
			fixture: (*emulator.Fixture).AddDomains,
			// The domain itself, not one of its sub-resources.
			isWrite: func(r *http.Request) bool {
				id, ok := strings.CutPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/")
				return r.Method == http.MethodPut && ok && !strings.Contains(id, "/")
			},
			config: func(ids string, variant int) string {
				return fmt.Sprintf(`
  domain_id                  = %s[count.index]
  session_inactivity_timeout = "PT%dM"
`, ids, 30+variant)
			},
			holds: func(t *testing.T, e *testEmulator, id string, variant int) bool {
				return e.domain(t, id).SessionInactivityTimeout == fmt.Sprintf("PT%dM", 30+variant)
			},
		},
		corpus:   "session_timeout_",
		identity: map[string]string{"domain_id": demoDomain},
	},
	"data.authpolicy_token": {
		api:      emuidentity.Name,
		settings: func(*testEmulator, int) string { return "data \"authpolicy_token\" \"test\" {}\n" },
		secrets:  []secretsScenario{dataSourceCredentialsScenario},
		noFault: "it writes nothing, and its login is the provider's session, into which the " +
			"identity run injects faults",
		corpus: "token_",
	},
	"data.authpolicy_directories": {
		api:      emucloudsso.Name,
		settings: func(*testEmulator, int) string { return "data \"authpolicy_directories\" \"test\" {}\n" },
		noFault: "it writes nothing; its retries of a failed page or status read are tested in " +
			"TestAccDirectories_retried, its persistent failures in TestAccDirectories_failure",
		corpus: "directories_",
	},
	"data.authpolicy_users": {
		api: emuidentity.Name,
		settings: func(_ *testEmulator, variant int) string {
			return []string{
				"data \"authpolicy_users\" \"test\" {}\n",
				"data \"authpolicy_users\" \"test\" {\n  multi_factor_enabled = false\n}\n",
			}[variant]
		},
		noFault: "it writes nothing; its pages retry as every Identity request does, which " +
			"TestAccUsers_failingPage shows with a 503 mid-listing and a page that keeps failing",
		corpus: "users_",
	},
	"data.authpolicy_tenants": {
		api: emuacronis.Name,
		settings: func(_ *testEmulator, variant int) string {
			return tenantsConfig(acronisPartner, variant == 1, "customer")
		},
		noFault: "it writes nothing; its pages retry through the client's policy, which " +
			"TestAccTenantsDataSource_pageRetried injects a 503 into",
		corpus: "tenants_",
	},
	"data.authpolicy_domain_mfa_enforcement": {
		api: emuidentity.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_domain_mfa_enforcement", "domain_id", demoDomain)
		},
		noFault: twinNoFault,
		corpus:  "data_domain_mfa_",
	},
	"data.authpolicy_domain_password_policy": {
		api: emuidentity.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_domain_password_policy", "domain_id", demoDomain)
		},
		noFault: twinNoFault,
		corpus:  "data_password_policy_",
	},
	"data.authpolicy_tenant_mfa_status": {
		api: emuacronis.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_tenant_mfa_status", "tenant_id", acronisCustomer)
		},
		noFault: twinNoFault,
		corpus:  "data_tenant_mfa_",
	},
	"data.authpolicy_directory_mfa_status": {
		api: emucloudsso.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_directory_mfa_status", "directory_id", cloudSSODirectory)
		},
		noFault: twinNoFault,
		corpus:  "data_directory_mfa_",
	},
	"data.authpolicy_directory_password_policy": {
		api: emucloudsso.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_directory_password_policy", "directory_id", cloudSSODirectory)
		},
		noFault: twinNoFault,
		corpus:  "data_directory_password_",
	},
	"data.authpolicy_tenant_user_mfa_status": {
		api: emuacronis.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_tenant_user_mfa_status", "user_id", emuacronis.DemoEnrolledUserID)
		},
		noFault: twinNoFault,
		corpus:  "data_tenant_user_mfa_",
	},
	"data.authpolicy_domain_user_mfa_enforcement": {
		api: emuidentity.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_domain_user_mfa_enforcement", "user_id", demoUserID)
		},
		noFault: twinNoFault,
		corpus:  "data_user_mfa_",
	},
	"data.authpolicy_domain_session_timeout": {
		api: emuidentity.Name,
		settings: func(*testEmulator, int) string {
			return twinConfig("authpolicy_domain_session_timeout", "domain_id", demoDomain)
		},
		noFault: twinNoFault,
		corpus:  "data_session_timeout_",
	},
	"ephemeral.authpolicy_token": {
		api:     emuidentity.Name,
		secrets: []secretsScenario{ephemeralTokenScenario},
		noFault: "it writes nothing; its login and revocation retry as the provider's session does, " +
			"into which the identity run injects faults",
		corpus: "ephemeral_token_",
	},
}

// twinNoFault is why a settings resource's data-source twin has no fault case.
const twinNoFault = "it writes nothing, and its one read is its resource's read (the spec's), whose " +
	"retries the fault run exercises in the resource's refreshes"

// domainWrite tells a write to the domain route that ends with suffix.
func domainWrite(r *http.Request, suffix string) bool {
	return r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/") &&
		strings.HasSuffix(r.URL.Path, suffix)
}

// providerObjects are the address prefixes of every object the provider registers, sorted.
func providerObjects(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	p, ok := New("test")().(provider.ProviderWithEphemeralResources)
	if !ok {
		t.Fatal("the provider has no ephemeral resources")
	}
	var out []string
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
		out = append(out, resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
		out = append(out, "data."+resp.TypeName)
	}
	for _, f := range p.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "authpolicy"}, &resp)
		out = append(out, "ephemeral."+resp.TypeName)
	}
	slices.Sort(out)
	return out
}

// uncovered says which objects a suite has no case for, and how to add one, or nil when every
// object has one. has reports whether the suite has a case for an object.
func uncovered(suite, remedy string, objects []string, has func(object string) bool) error {
	var missing []string
	for _, o := range objects {
		if !has(o) {
			missing = append(missing, o)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s has no case in %s: %s", strings.Join(missing, ", "), suite, remedy)
}

// checkCovered fails the test unless the suite has a case for every object of the provider;
// remedy says how to add one.
func checkCovered(t *testing.T, suite, remedy string, has func(object string, c objectCase) bool) {
	t.Helper()
	err := uncovered(suite, remedy, providerObjects(t), func(o string) bool {
		c, ok := objectCases[o]
		return ok && has(o, c)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The coverage check itself must be able to fail, and say which object lacks a case and how
// to add one.
func TestUncovered(t *testing.T) {
	objects := []string{"authpolicy_a", "authpolicy_x", "data.authpolicy_y"}
	if err := uncovered("the scan", "add one", objects, func(string) bool { return true }); err != nil {
		t.Errorf("every object has a case, got %v", err)
	}
	err := uncovered("the scan", "add one to objectCases", objects, func(o string) bool { return o == "authpolicy_a" })
	if want := "authpolicy_x, data.authpolicy_y has no case in the scan: add one to objectCases"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// Every object the provider registers has an entry, and every entry names a registered object
// with an API the runs know: the suites' own checks then only look at their part.
func TestObjectCases(t *testing.T) {
	objects := providerObjects(t)
	if len(objects) < 6 {
		t.Fatalf("the provider registers %d objects, want at least 6: the enumeration is broken: %v", len(objects), objects)
	}
	if err := uncovered("objectCases", "add an entry to objectCases (helpers_test.go)", objects, func(o string) bool {
		_, ok := objectCases[o]
		return ok
	}); err != nil {
		t.Error(err)
	}
	for name, c := range objectCases {
		if !slices.Contains(objects, name) {
			t.Errorf("objectCases has %s, which the provider does not register", name)
		}
		if _, ok := faultServices[c.api]; c.fault != nil && !ok {
			t.Errorf("%s: API %q has no entry in faultServices", name, c.api)
		}
		if c.fault == nil && c.noFault == "" || c.fault != nil && c.noFault != "" {
			t.Errorf("%s: want exactly one of fault and noFault", name)
		}
	}
}
