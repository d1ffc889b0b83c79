package provider

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const usersRoute = "GET /v2.0/users"

// apiKeyConfig is the provider logged in with an API key of the demo fixture.
func (e *testEmulator) apiKeyConfig(user, key string) string {
	return e.rackspaceConfig(fmt.Sprintf("username = %q\napi_key = %q", user, key))
}

// demoUserValue is the state of one demo user as the data source must show it.
func demoUserValue(id, username string, enabled, mfa bool, factor, level string) knownvalue.Check {
	state := ""
	if mfa {
		state = "ACTIVE"
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":                         knownvalue.StringExact(id),
		"username":                   knownvalue.StringExact(username),
		"domain_id":                  knownvalue.StringExact(demoDomain),
		"enabled":                    knownvalue.Bool(enabled),
		"email":                      knownvalue.StringExact(username + "@example.com"),
		"multi_factor_enabled":       knownvalue.Bool(mfa),
		"factor_type":                knownvalue.StringExact(factor),
		"multi_factor_state":         knownvalue.StringExact(state),
		"user_mfa_enforcement_level": knownvalue.StringExact(level),
	})
}

// usernames checks the users attribute holds exactly these users, in this order.
func usernames(names ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(names))
	for i, n := range names {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"username": knownvalue.StringExact(n)})
	}
	return knownvalue.ListExact(checks)
}

func usersCheck(address string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("users"), want)
}

// A user-admin sees every user of its domain, sorted by name, with every attribute; the
// provider's filters narrow that.
func TestAccUsers_userAdmin(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.Identity().UpdateUser(emuidentity.DemoSMSUser, emuidentity.UserPatch{Locked: ptr(true)}))
	config := e.apiKeyConfig(demoAdmin, demoAdminAPIKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config + `data "authpolicy_users" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{usersCheck("data.authpolicy_users.all", knownvalue.ListExact([]knownvalue.Check{
					demoUserValue("10001", demoAdmin, true, true, "OTP", ""),
					demoUserValue("10004", demoDisabled, false, false, "", ""),
					demoUserValue("10006", demoManager, true, true, "OTP", ""),
					demoUserValue("10005", demoNoMFA, true, false, "", "REQUIRED"),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"username": knownvalue.StringExact(emuidentity.DemoSMSUser), "factor_type": knownvalue.StringExact("SMS"),
						"multi_factor_state": knownvalue.StringExact("LOCKED"),
					}),
					demoUserValue("10002", demoUser, true, false, "", ""),
				}))},
			},
			{
				Config: config + `
data "authpolicy_users" "without_mfa" {
  enabled              = true
  multi_factor_enabled = false
}
data "authpolicy_users" "disabled" {
  enabled = false
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					usersCheck("data.authpolicy_users.without_mfa", usernames(demoNoMFA, demoUser)),
					usersCheck("data.authpolicy_users.disabled", usernames(demoDisabled)),
				},
			},
		},
	})
}

// A user-manage user sees all but the user-admin; an identity:default user only itself; an
// identity admin's domain_id is sent to the API.
func TestAccUsers_visibility(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: e.apiKeyConfig(demoManager, emuidentity.DemoManagerAPIKey) + `data "authpolicy_users" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{usersCheck("data.authpolicy_users.all",
					usernames(demoDisabled, demoManager, demoNoMFA, emuidentity.DemoSMSUser, demoUser))},
			},
			{
				Config: e.apiKeyConfig(demoUser, emuidentity.DemoUserAPIKey) + `data "authpolicy_users" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{usersCheck("data.authpolicy_users.all",
					knownvalue.ListExact([]knownvalue.Check{demoUserValue("10002", demoUser, true, false, "", "")}))},
			},
			{
				Config: e.apiKeyConfig(emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey) + `
data "authpolicy_users" "other" {
  domain_id = "` + emuidentity.DemoOtherDomainID + `"
}`,
				ConfigStateChecks: []statecheck.StateCheck{usersCheck("data.authpolicy_users.other", usernames(emuidentity.DemoOtherAdminUser))},
			},
			{
				Config: e.apiKeyConfig(demoAdmin, demoAdminAPIKey) + `
data "authpolicy_users" "other" {
  domain_id = "` + emuidentity.DemoOtherDomainID + `"
}`,
				ExpectError: diagPattern("Rackspace Identity Refused The Request",
					"Listing the users of Rackspace Identity failed: rackspace identity: list users (page 1): HTTP 403 forbidden:",
					"Error code: 'GEN-006'; Not Authorized",
					"Only identity:admin and identity:service-admin users may set domain_id"),
			},
		},
	})
}

// usersQueries records the query of every user listing the emulator receives.
type usersQueries struct {
	mu   sync.Mutex
	seen []string
}

func (q *usersQueries) wrap(srv *emulator.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/v2.0/users" {
			q.mu.Lock()
			q.seen = append(q.seen, r.URL.RawQuery)
			q.mu.Unlock()
		}
		srv.ServeHTTP(w, r)
	})
}

// readsOf checks every read asked for exactly the pages of one listing, in order, and returns
// how many reads there were.
func (q *usersQueries) readsOf(t *testing.T, pages ...string) int {
	t.Helper()
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.seen) == 0 || len(q.seen)%len(pages) != 0 {
		t.Fatalf("the listings asked for %q, want reads of exactly %q each", q.seen, pages)
	}
	for i := 0; i < len(q.seen); i += len(pages) {
		if !slices.Equal(q.seen[i:i+len(pages)], pages) {
			t.Fatalf("a read asked for %q, want %q", q.seen[i:i+len(pages)], pages)
		}
	}
	return len(q.seen) / len(pages)
}

// 1,506 users are two pages of 1000: each read makes exactly those two requests, the second
// with the filter the Link header dropped.
func TestAccUsers_pages(t *testing.T) {
	for _, c := range []struct {
		name, user, key, args string
		pages                 []string
	}{
		{"user-admin", demoAdmin, demoAdminAPIKey, "", []string{"limit=1000", "limit=1000&marker=1000"}},
		{"identity admin with domain_id", emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey,
			`domain_id = "` + demoDomain + `"`,
			[]string{"domain_id=123456&limit=1000", "domain_id=123456&limit=1000&marker=1000"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := &usersQueries{}
			e := startEmulator(t, func(fx *emulator.Fixture) { fx.AddUsers(demoDomain, 1500) }, q.wrap)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: e.apiKeyConfig(c.user, c.key) + "data \"authpolicy_users\" \"all\" {\n" + c.args + "\n}\n",
					ConfigStateChecks: []statecheck.StateCheck{
						usersCheck("data.authpolicy_users.all", knownvalue.ListSizeExact(1506)),
						statecheck.ExpectKnownValue("data.authpolicy_users.all", tfjsonpath.New("users").AtSliceIndex(1505).AtMapKey("username"),
							knownvalue.StringExact("user-123456-01499")),
					},
				}},
			})
			reads := q.readsOf(t, c.pages...)
			if n := e.count(usersRoute, http.StatusOK); n != 2*reads {
				t.Errorf("%d answered listings for %d reads, want 2 per read", n, reads)
			}
		})
	}
}

// A 503 on the second page is retried and the listing completes; a second page that keeps
// failing fails the data source, naming the page, with no users in state.
func TestAccUsers_failingPage(t *testing.T) {
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddUsers(demoDomain, 1500) })
	config := e.apiKeyConfig(demoAdmin, demoAdminAPIKey) + `data "authpolicy_users" "all" {}`
	fault := func(count int) emulator.Fault {
		return emulator.Fault{API: emuidentity.Name, Route: usersRoute, Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable,
			After: 1, Count: count, RetryAfter: "0"}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { must(t)(e.srv.AddFault(fault(1))) },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					usersCheck("data.authpolicy_users.all", knownvalue.ListSizeExact(1506)),
				},
			},
			{
				PreConfig: func() {
					if n := e.count(usersRoute, http.StatusServiceUnavailable); n != 1 {
						t.Errorf("%d listings answered 503, want the one injected", n)
					}
					e.srv.ClearFaults()
					must(t)(e.srv.AddFault(fault(0)))
				},
				Config: config,
				ExpectError: diagPattern("Rackspace Identity Unavailable",
					"Listing the users of Rackspace Identity failed: rackspace identity: list users (page 2, marker=1000): HTTP 503",
					"Identity kept failing after several retries"),
			},
		},
	})
}
