package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// Every provider runs in the test process, so no test downloads anything.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"authpolicy": providerserver.NewProtocol6WithError(New("test")()),
}

var testAccProvidersWithEcho = map[string]func() (tfprotov6.ProviderServer, error){
	"authpolicy": providerserver.NewProtocol6WithError(New("test")()),
	"echo":       echoprovider.NewProviderServer(),
}

// Demo fixture credentials (internal/emulator/FIXTURE.md).
const (
	demoDomain        = "123456"
	demoAdmin         = "demo-admin"
	demoAdminPassword = "demo-password-1"
	demoAdminAPIKey   = "0123456789abcdef0123456789abcdef"
	demoAdminTOTP     = "JBSWY3DPEHPK3PXP"
	demoManagerTOTP   = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF"
	demoUser          = "demo-user"
	demoUserPassword  = "demo-password-2"
	demoNoMFA         = "demo-nomfa"
	demoNoMFAPassword = "demo-password-5"
	demoDisabled      = "demo-disabled"
	demoDisabledPass  = "demo-password-4"
)

// TestMain clears the provider's environment variables so a developer's own credentials can
// never reach the emulator, nor mask a missing attribute in a test configuration.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "RS_") || strings.HasPrefix(name, "ACRONIS_") ||
			strings.HasPrefix(name, "ALIBABA_CLOUD_") {
			_ = os.Unsetenv(name)
		}
	}
	os.Exit(m.Run())
}

// testEmulator is one in-process emulator with the demo fixture, private to one test.
type testEmulator struct {
	URL string
}

func newTestEmulator(t *testing.T) *testEmulator {
	t.Helper()
	return newTestEmulatorWith(t, func(*emulator.Fixture) {})
}

// newTestEmulatorWith starts an emulator with the demo fixture as edit leaves it.
func newTestEmulatorWith(t *testing.T, edit func(*emulator.Fixture)) *testEmulator {
	t.Helper()
	fx := emulator.DemoFixture()
	edit(fx)
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testEmulator{URL: ts.URL}
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

func (e *testEmulator) admin(t *testing.T, method, route string, body, out any) {
	t.Helper()
	var payload bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&payload).Encode(body); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, e.URL+"/_emulator/"+route, &payload)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s /_emulator/%s: %v", method, route, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s /_emulator/%s: HTTP %d", method, route, resp.StatusCode)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s /_emulator/%s: decoding: %v", method, route, err)
		}
	}
}

type emulatorRequests struct {
	Total    int `json:"total"`
	Requests []struct {
		API    string `json:"api"`
		Route  string `json:"route"`
		Status int    `json:"status"`
		Count  int    `json:"count"`
	} `json:"requests"`
}

// requests reads the emulator's request counts.
func (e *testEmulator) requests(t *testing.T) emulatorRequests {
	t.Helper()
	var r emulatorRequests
	e.admin(t, http.MethodGet, "requests", nil, &r)
	return r
}

// count sums the requests to route that got status (0: any status).
func (r emulatorRequests) count(route string, status int) int {
	n := 0
	for _, c := range r.Requests {
		if c.Route == route && (status == 0 || c.Status == status) {
			n += c.Count
		}
	}
	return n
}

type emulatorToken struct {
	ID              string   `json:"id"`
	User            string   `json:"user"`
	AuthenticatedBy []string `json:"authenticated_by"`
	Revoked         bool     `json:"revoked"`
}

func (e *testEmulator) tokens(t *testing.T) []emulatorToken {
	t.Helper()
	var tokens []emulatorToken
	e.admin(t, http.MethodGet, "identity/tokens", nil, &tokens)
	return tokens
}

func (e *testEmulator) patchUser(t *testing.T, username string, changes map[string]any) {
	t.Helper()
	e.admin(t, http.MethodPatch, "identity/users/"+username, changes, nil)
}

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

// checkNoRequests is a CheckDestroy-style assertion that plan-time validation made no API call.
func (e *testEmulator) checkNoRequests(t *testing.T) {
	t.Helper()
	if r := e.requests(t); r.Total != 0 {
		t.Errorf("the emulator saw %d requests, want 0 (validation must not call the API): %+v", r.Total, r.Requests)
	}
}

type emulatorDomain struct {
	MFAEnforcementLevel string `json:"mfa_enforcement_level"`
	PasswordPolicy      *struct {
		PasswordDuration           string `json:"password_duration"`
		PasswordHistoryRestriction *int   `json:"password_history_restriction"`
	} `json:"password_policy"`
}

// adminGet reads one object from the emulator's admin routes.
func adminGet[T any](t *testing.T, e *testEmulator, route string) T {
	t.Helper()
	var v T
	e.admin(t, http.MethodGet, route, nil, &v)
	return v
}

func (e *testEmulator) domain(t *testing.T, id string) emulatorDomain {
	return adminGet[emulatorDomain](t, e, "identity/domains/"+id)
}

// patchDemoDomain changes the demo domain out of band, as someone outside Terraform would.
func (e *testEmulator) patchDemoDomain(t *testing.T, changes map[string]any) {
	t.Helper()
	e.admin(t, http.MethodPatch, "identity/domains/"+demoDomain, changes, nil)
}

// adminTOTPConfig is the provider logged in as the demo domain's user-admin, with MFA.
func (e *testEmulator) adminTOTPConfig() string {
	return e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q",
		demoAdmin, demoAdminPassword, demoAdminTOTP))
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
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
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
func importBlockSteps(config, address string) []resource.TestStep {
	return []resource.TestStep{
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop),
			}},
		},
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectEmptyPlan(),
			}},
		},
	}
}
