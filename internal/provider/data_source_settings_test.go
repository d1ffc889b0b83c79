package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// twinConfig is the data-source twin of typ read for the parent attr = id.
func twinConfig(typ, attr, id string) string {
	return fmt.Sprintf("\ndata %q \"test\" {\n  %s = %q\n}\n", typ, attr, id)
}

// twinCase is one data-source twin against the demo fixture: what the shared tests need of it.
type twinCase struct {
	typ, attr, id string
	api           string
	provider      func(e *testEmulator) string
	// readRoute is the one request a read makes; other routes are logins only.
	readRoute string
	logins    []string
	// readAction is, for CloudSSO, the one action a read calls.
	readAction string
	// values sets the setting out of band to something other than its default, and returns the
	// checks of the values the twin must then show.
	values func(t *testing.T, e *testEmulator) []statecheck.StateCheck
	// missing is a well-formed parent ID of no object, and the error that reading it gives.
	missing     string
	missingDiag *regexp.Regexp
	// pass sets the setting so that the check block of the twin's page passes; fail changes it
	// out of band so that it fails, with these messages, in order.
	pass, fail func(t *testing.T, e *testEmulator)
	failed     []string
	// none, for a setting a parent may lack, removes it, after which the page's check fails
	// with noneFailed.
	none       func(t *testing.T, e *testEmulator)
	noneFailed []string
}

func twinValue(typ, attr string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data."+typ+".test", tfjsonpath.New(attr), want)
}

var twinHistory = 5

var twinCases = []twinCase{
	{
		typ: "authpolicy_domain_mfa_enforcement", attr: "domain_id", id: demoDomain, api: emuidentity.Name,
		provider:  (*testEmulator).adminAPIKeyConfig,
		readRoute: "GET /v2.0/RAX-AUTH/domains/{domainId}", logins: []string{"POST /v2.0/tokens"},
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setDomainMFA(t, "REQUIRED")
			return []statecheck.StateCheck{
				twinValue("authpolicy_domain_mfa_enforcement", "enforcement_level", knownvalue.StringExact("REQUIRED")),
			}
		},
		missing: "999999", missingDiag: diagPattern("Rackspace Domain Not Found",
			"Reading the multi-factor enforcement level of domain 999999 failed", "HTTP 404",
			"Check domain_id: no domain has that ID."),
		pass:   func(t *testing.T, e *testEmulator) { e.setDomainMFA(t, "REQUIRED") },
		fail:   func(t *testing.T, e *testEmulator) { e.setDomainMFA(t, "OPTIONAL") },
		failed: []string{"Domain 123456 does not require multi-factor authentication: its level is OPTIONAL."},
	},
	{
		typ: "authpolicy_domain_password_policy", attr: "domain_id", id: demoDomain, api: emuidentity.Name,
		provider:  (*testEmulator).adminAPIKeyConfig,
		readRoute: "GET /v2.0/RAX-AUTH/domains/{domainId}/password-policy", logins: []string{"POST /v2.0/tokens"},
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setPasswordPolicy(t, "P90DT6H")
			return []statecheck.StateCheck{
				twinValue("authpolicy_domain_password_policy", "password_duration", knownvalue.StringExact("P90DT6H")),
				twinValue("authpolicy_domain_password_policy", "password_history_restriction", knownvalue.Int64Exact(5)),
				twinValue("authpolicy_domain_password_policy", "configured", knownvalue.Bool(true)),
			}
		},
		// Identity answers 403 for a missing domain, as for one the caller may not manage.
		missing: "999999", missingDiag: diagPattern("Rackspace Identity Refused The Request",
			"Reading the password policy of domain 999999 failed", "HTTP 403",
			"Identity answers 403 Forbidden both when the caller lacks the identity:user-admin role",
			"and when no domain has this ID. Check domain_id"),
		pass:   func(t *testing.T, e *testEmulator) { e.setPasswordPolicy(t, "P90D") },
		fail:   func(t *testing.T, e *testEmulator) { e.setPasswordPolicy(t, "P180D") },
		failed: []string{"Passwords of domain 123456 must expire within 90 days (P90D or less); the policy says P180D."},
		none:   func(t *testing.T, e *testEmulator) { must(t)(e.srv.Identity().DeletePasswordPolicy(demoDomain)) },
		noneFailed: []string{
			"Passwords of domain 123456 must expire within 90 days (P90D or less); the policy says never.",
			"Passwords of domain 123456 must not repeat any of the last 5.",
		},
	},
	{
		typ: "authpolicy_tenant_mfa_status", attr: "tenant_id", id: acronisCustomer, api: emuacronis.Name,
		provider:  func(e *testEmulator) string { return e.acronisConfig(acronisClientSecret) },
		readRoute: emuacronis.RouteGetMFAStatus, logins: []string{emuacronis.RouteToken},
		// The customer's 5 users and the 2 of them with TOTP (the demo fixture), its unit's none.
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			must(t)(e.srv.Acronis().UpdateTenant(acronisCustomer, emuacronis.TenantPatch{MFAEnabled: ptr(true)}))
			return []statecheck.StateCheck{
				twinValue("authpolicy_tenant_mfa_status", "enabled", knownvalue.Bool(true)),
				twinValue("authpolicy_tenant_mfa_status", "mfa_status", knownvalue.StringExact("enabled")),
				twinValue("authpolicy_tenant_mfa_status", "users_count", knownvalue.Int64Exact(5)),
				twinValue("authpolicy_tenant_mfa_status", "users_with_totp_enabled_count", knownvalue.Int64Exact(2)),
				twinValue("authpolicy_tenant_mfa_status", "update_allowed", knownvalue.Bool(true)),
			}
		},
		missing: "99999999-9999-4999-8999-999999999999", missingDiag: diagPattern("Acronis Tenant Not Found",
			"Reading the MFA status of tenant 99999999-9999-4999-8999-999999999999 failed", "HTTP 404",
			"No tenant has this ID. Check tenant_id."),
		// Every one of the customer's 5 users has set up TOTP.
		pass: func(t *testing.T, e *testEmulator) {
			// The count includes the demo user object, which must then have TOTP too.
			must(t)(e.srv.Acronis().UpdateUser(emuacronis.DemoUserID, emuacronis.UserPatch{TOTP: ptr(true)}))
			must(t)(e.srv.Acronis().UpdateTenant(acronisCustomer, emuacronis.TenantPatch{MFAEnabled: ptr(true), UsersWithTOTPCount: ptr(5)}))
			if got := e.tenant(t, acronisCustomer).UsersCount; got != 5 {
				t.Fatalf("the demo customer has %d users, want 5", got)
			}
		},
		fail: func(t *testing.T, e *testEmulator) {
			must(t)(e.srv.Acronis().UpdateTenant(acronisCustomer, emuacronis.TenantPatch{MFAEnabled: ptr(false)}))
		},
		failed: []string{"Two-factor authentication is off for tenant " + acronisCustomer + "."},
	},
	{
		typ: "authpolicy_directory_mfa_status", attr: "directory_id", id: cloudSSODirectory, api: emucloudsso.Name,
		provider:  func(e *testEmulator) string { return e.cloudSSOConfig(cloudSSOSecret) },
		readRoute: emucloudsso.RoutePost, readAction: cloudSSOReadAction,
		// New directories start Enabled: Disabled shows the read is not a default.
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setDirectoryMFA(t, "Disabled")
			return []statecheck.StateCheck{twinValue("authpolicy_directory_mfa_status", "enabled", knownvalue.Bool(false))}
		},
		missing: "d-missing00001", missingDiag: diagPattern("CloudSSO Directory Not Found",
			"Reading the MFA status of directory d-missing00001 failed", "EntityNotExists.Directory",
			"No directory with this ID exists"),
		pass:   func(t *testing.T, e *testEmulator) { e.setDirectoryMFA(t, "Enabled") },
		fail:   func(t *testing.T, e *testEmulator) { e.setDirectoryMFA(t, "Disabled") },
		failed: []string{"CloudSSO directory " + cloudSSODirectory + " lets users log in with a password alone: MFA is Disabled."},
	},
	{
		typ: "authpolicy_directory_password_policy", attr: "directory_id", id: cloudSSODirectory, api: emucloudsso.Name,
		provider:  func(e *testEmulator) string { return e.cloudSSOConfig(cloudSSOSecret) },
		readRoute: emucloudsso.RoutePost, readAction: "GetPasswordPolicy",
		// Values other than the console's defaults show the read is not a default.
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setDirectoryPasswordPolicy(t, 60, 14)
			return []statecheck.StateCheck{
				twinValue("authpolicy_directory_password_policy", "max_password_age", knownvalue.Int64Exact(60)),
				twinValue("authpolicy_directory_password_policy", "min_password_length", knownvalue.Int64Exact(14)),
				twinValue("authpolicy_directory_password_policy", "min_password_different_chars", knownvalue.Int64Exact(3)),
				twinValue("authpolicy_directory_password_policy", "password_not_contain_username", knownvalue.Bool(true)),
				twinValue("authpolicy_directory_password_policy", "password_reuse_prevention", knownvalue.Int64Exact(1)),
				twinValue("authpolicy_directory_password_policy", "max_login_attempts", knownvalue.Int64Exact(5)),
				twinValue("authpolicy_directory_password_policy", "max_password_length", knownvalue.Int64Exact(32)),
				twinValue("authpolicy_directory_password_policy", "hard_expire", knownvalue.Bool(true)),
			}
		},
		missing: "d-missing00001", missingDiag: diagPattern("CloudSSO Directory Not Found",
			"Reading the password policy of directory d-missing00001 failed", "EntityNotExists.Directory",
			"No directory with this ID exists"),
		pass: func(t *testing.T, e *testEmulator) { e.setDirectoryPasswordPolicy(t, 90, 12) },
		fail: func(t *testing.T, e *testEmulator) { e.setDirectoryPasswordPolicy(t, 120, 8) },
		failed: []string{
			"Passwords of CloudSSO directory " + cloudSSODirectory + " may be used for more than 90 days.",
			"Passwords of CloudSSO directory " + cloudSSODirectory + " may be shorter than 12 characters.",
		},
	},
	{
		typ: "authpolicy_tenant_user_mfa_status", attr: "user_id", id: emuacronis.DemoEnrolledUserID, api: emuacronis.Name,
		provider:  func(e *testEmulator) string { return e.acronisConfig(acronisClientSecret) },
		readRoute: emuacronis.RouteGetUser, logins: []string{emuacronis.RouteToken},
		// The enrolled user has set up TOTP; switched off by an administrator it is forcibly_disabled.
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setUserMFA(t, false)
			return []statecheck.StateCheck{
				twinValue("authpolicy_tenant_user_mfa_status", "enabled", knownvalue.Bool(false)),
				twinValue("authpolicy_tenant_user_mfa_status", "mfa_status", knownvalue.StringExact("forcibly_disabled")),
				twinValue("authpolicy_tenant_user_mfa_status", "tenant_id", knownvalue.StringExact(acronisEnrolled)),
			}
		},
		missing: "99999999-9999-4999-8999-999999999999", missingDiag: diagPattern("Acronis User Not Found",
			"99999999-9999-4999-8999-999999999999", "HTTP 404", "No user has this ID. Check user_id."),
		pass: func(t *testing.T, e *testEmulator) {
			if got := e.user(t, emuacronis.DemoEnrolledUserID).MFAStatus; got != "enabled" {
				t.Fatalf("the demo's enrolled user is %s, want enabled", got)
			}
		},
		fail: func(t *testing.T, e *testEmulator) { e.setUserMFA(t, false) },
		failed: []string{"User " + emuacronis.DemoEnrolledUserID +
			" signs in without two-factor authentication: its status is forcibly_disabled."},
	},
	{
		typ: "authpolicy_domain_user_mfa_enforcement", attr: "user_id", id: demoUserID, api: emuidentity.Name,
		provider:  (*testEmulator).adminAPIKeyConfig,
		readRoute: "GET /v2.0/users/{userId}", logins: []string{"POST /v2.0/tokens"},
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setUserLevel(t, "OPTIONAL")
			return []statecheck.StateCheck{
				twinValue("authpolicy_domain_user_mfa_enforcement", "enforcement_level", knownvalue.StringExact("OPTIONAL")),
			}
		},
		missing: "99999", missingDiag: diagPattern("Rackspace User Not Found",
			"Reading the multi-factor enforcement level of user 99999 failed", "HTTP 404",
			"Identity answers 404 \"User not found\" both when no user has this ID"),
		pass:   func(t *testing.T, e *testEmulator) { e.setUserLevel(t, "REQUIRED") },
		fail:   func(t *testing.T, e *testEmulator) { e.setUserLevel(t, "DEFAULT") },
		failed: []string{"User 10002 may log in without multi-factor authentication: its level is DEFAULT."},
	},
	{
		typ: "authpolicy_domain_session_timeout", attr: "domain_id", id: demoDomain, api: emuidentity.Name,
		provider:  (*testEmulator).adminAPIKeyConfig,
		readRoute: "GET /v2.0/RAX-AUTH/domains/{domainId}", logins: []string{"POST /v2.0/tokens"},
		values: func(t *testing.T, e *testEmulator) []statecheck.StateCheck {
			e.setSessionTimeout(t, "PT45M")
			return []statecheck.StateCheck{
				twinValue("authpolicy_domain_session_timeout", "session_inactivity_timeout", knownvalue.StringExact("PT45M")),
			}
		},
		missing: "999999", missingDiag: diagPattern("Rackspace Domain Not Found",
			"Reading the session inactivity timeout of domain 999999 failed", "HTTP 404",
			"Check domain_id: no domain has that ID."),
		pass:   func(t *testing.T, e *testEmulator) { e.setSessionTimeout(t, "PT30M") },
		fail:   func(t *testing.T, e *testEmulator) { e.setSessionTimeout(t, "PT1H") },
		failed: []string{"Idle sessions of domain 123456 last longer than 30 minutes: the timeout is PT1H."},
	},
}

func (e *testEmulator) setUserLevel(t *testing.T, level string) {
	must(t)(e.srv.Identity().UpdateUser("demo-user", emuidentity.UserPatch{MFAEnforcementLevel: &level}))
}

func (e *testEmulator) setSessionTimeout(t *testing.T, timeout string) {
	must(t)(e.srv.Identity().UpdateDomain(demoDomain, emuidentity.DomainPatch{SessionInactivityTimeout: &timeout}))
}

func (e *testEmulator) setUserMFA(t *testing.T, on bool) {
	must(t)(e.srv.Acronis().UpdateUser(emuacronis.DemoEnrolledUserID, emuacronis.UserPatch{MFAEnabled: &on}))
}

func (e *testEmulator) setDomainMFA(t *testing.T, level string) {
	must(t)(e.srv.Identity().UpdateDomain(demoDomain, emuidentity.DomainPatch{MFAEnforcementLevel: ptr(level)}))
}

func (e *testEmulator) setPasswordPolicy(t *testing.T, duration string) {
	must(t)(e.srv.Identity().SetPasswordPolicy(demoDomain, emuidentity.PasswordPolicyState{
		PasswordDuration: duration, PasswordHistoryRestriction: &twinHistory}))
}

func (e *testEmulator) setDirectoryPasswordPolicy(t *testing.T, maxAge, minLength int) {
	must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{
		PasswordPolicy: &emucloudsso.PasswordPolicyPatch{MaxPasswordAge: &maxAge, MinPasswordLength: &minLength}}))
}

func (e *testEmulator) setDirectoryMFA(t *testing.T, status string) {
	must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{MFAAuthenticationStatus: ptr(status)}))
}

// Each twin stores the setting as its resource would, read out of band, and writes nothing.
func TestAccSettingsTwin_values(t *testing.T) {
	for _, tc := range twinCases {
		t.Run(tc.typ, func(t *testing.T) {
			var actions cloudSSOActions
			e := startEmulator(t, nil, actions.wrap)
			checks := append(tc.values(t, e),
				twinValue(tc.typ, tc.attr, knownvalue.StringExact(tc.id)),
				twinValue(tc.typ, "id", knownvalue.StringExact(tc.id)))
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config:            tc.provider(e) + twinConfig(tc.typ, tc.attr, tc.id),
					ConfigStateChecks: checks,
				}},
			})
			e.checkOnlyReads(t, tc, &actions)
		})
	}
}

// checkOnlyReads asserts that the emulator saw the twin's read route and logins, nothing else.
func (e *testEmulator) checkOnlyReads(t *testing.T, tc twinCase, actions *cloudSSOActions) {
	t.Helper()
	if e.count(tc.readRoute, http.StatusOK) == 0 {
		t.Errorf("no successful %s", tc.readRoute)
	}
	for _, c := range e.srv.Counts() {
		if c.Route != tc.readRoute && !slices.Contains(tc.logins, c.Route) {
			t.Errorf("the data source made %d requests to %s; want only %s and logins", c.N, c.Route, tc.readRoute)
		}
	}
	actions.mu.Lock()
	defer actions.mu.Unlock()
	for action, n := range actions.n {
		if action != "" && action != tc.readAction {
			t.Errorf("the data source called %s %d times; want only %s", action, n, tc.readAction)
		}
	}
}

// A domain without a password policy reads as one: configured false, every value null.
func TestAccDomainPasswordPolicyTwin_none(t *testing.T) {
	e := newTestEmulator(t)
	if p := e.domain(t, demoDomain).PasswordPolicy; p != nil {
		t.Fatalf("the demo domain has a password policy: %+v", *p)
	}
	typ := "authpolicy_domain_password_policy"
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{{
			Config: e.adminAPIKeyConfig() + twinConfig(typ, "domain_id", demoDomain),
			ConfigStateChecks: []statecheck.StateCheck{
				twinValue(typ, "configured", knownvalue.Bool(false)),
				twinValue(typ, "password_duration", knownvalue.Null()),
				twinValue(typ, "password_history_restriction", knownvalue.Null()),
				twinValue(typ, "domain_id", knownvalue.StringExact(demoDomain)),
				twinValue(typ, "id", knownvalue.StringExact(demoDomain)),
			},
		}},
	})
	if n := e.count("GET /v2.0/RAX-AUTH/domains/{domainId}/password-policy", http.StatusNotFound); n == 0 {
		t.Error("the emulator answered no 404 for the policy: the test did not read a domain without one")
	}
}

// A parent that does not exist is an error naming it, not an empty setting.
func TestAccSettingsTwin_missingParent(t *testing.T) {
	for _, tc := range twinCases {
		t.Run(tc.typ, func(t *testing.T) {
			e := newTestEmulator(t)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config:      tc.provider(e) + twinConfig(tc.typ, tc.attr, tc.missing),
					ExpectError: tc.missingDiag,
				}},
			})
		})
	}
}

// Every twin's schema builds from its resource's attributes, each computed, with the resource's
// description; only the parent ID is an argument.
func TestSettingsTwin_schema(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	resources := map[string]resource.Resource{}
	for _, f := range p.Resources(ctx) {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "authpolicy"}, &m)
		resources[m.TypeName] = r
	}
	twins := 0
	for _, f := range p.DataSources(ctx) {
		d := f()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "authpolicy"}, &m)
		r, ok := resources[m.TypeName]
		if !ok {
			continue
		}
		twins++
		var ds datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &ds)
		var rs resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &rs)
		if ds.Diagnostics.HasError() {
			t.Errorf("%s: %v", m.TypeName, ds.Diagnostics)
			continue
		}
		if diags := ds.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: %v", m.TypeName, diags)
		}
		for name, ra := range rs.Schema.Attributes {
			da, ok := ds.Schema.Attributes[name]
			switch {
			case !ok:
				t.Errorf("%s: the twin lacks %s", m.TypeName, name)
			case da.GetMarkdownDescription() == "":
				t.Errorf("%s.%s: the twin has no description", m.TypeName, name)
			case ra.IsRequired() && name != "id" && ra.GetMarkdownDescription() != "" &&
				strings.Contains(ra.GetMarkdownDescription(), "replaces the resource"):
				// The parent ID: an argument of the twin, whose change replaces nothing.
				if !da.IsRequired() || strings.Contains(da.GetMarkdownDescription(), "replaces") {
					t.Errorf("%s.%s: want a required parent ID without the resource's replace note", m.TypeName, name)
				}
			case !da.IsComputed() || da.IsOptional() || da.IsRequired():
				t.Errorf("%s.%s: want computed only", m.TypeName, name)
			case da.GetMarkdownDescription() != ra.GetMarkdownDescription() && name != "id":
				t.Errorf("%s.%s: description %q, want the resource's %q", m.TypeName, name, da.GetMarkdownDescription(), ra.GetMarkdownDescription())
			case da.GetType() != ra.GetType():
				t.Errorf("%s.%s: type %v, want the resource's %v", m.TypeName, name, da.GetType(), ra.GetType())
			}
		}
		for name := range ds.Schema.Attributes {
			if _, ok := rs.Schema.Attributes[name]; !ok && name != configuredAttr {
				t.Errorf("%s: the twin has %s, which the resource lacks", m.TypeName, name)
			}
		}
	}
	for name := range resources {
		if !slices.ContainsFunc(twinCases, func(tc twinCase) bool { return tc.typ == name }) {
			t.Errorf("data.%s has no entry in twinCases (data_source_settings_test.go)", name)
		}
	}
	if twins != len(resources) {
		t.Errorf("%d of the %d settings resources have a data-source twin", twins, len(resources))
	}
}

// TestAccSettingsTwin_check runs the check blocks of the twins' pages through the CLI: they
// pass, each read costing one request, and after out-of-band changes each fails with its own
// message as a warning, which does not fail the run. plugin-testing shows no warnings (a failed
// check block is not an error to it), so the test drives the CLI itself.
func TestAccSettingsTwin_check(t *testing.T) {
	tf := cliTerraform(t)
	e := newTestEmulator(t)
	blocks := map[string]bool{}
	provider := "provider \"authpolicy\" {\n"
	var config strings.Builder
	for _, tc := range twinCases {
		if !blocks[tc.api] {
			blocks[tc.api] = true
			provider += faultServices[tc.api].block(e)
		}
		tc.pass(t, e)
		raw, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", tc.typ, "data-source.tf"))
		if err != nil {
			t.Fatal(err)
		}
		// The pages' directory ID is made up; the tenant and domain are the demo fixture's.
		config.WriteString(strings.ReplaceAll(string(raw), "d-00fc2p61abcd", cloudSSODirectory) + "\n")
	}
	cli := newCLIDir(t, tf, serveForCLI(t), provider+"}\n"+config.String())
	cli.must("init", "-input=false", "-no-color")

	e.srv.ResetCounts()
	out := cli.must("plan", "-input=false", "-no-color")
	checkWarnings(t, out, nil)
	// One read per twin, and one login for each API that has them (CloudSSO signs each request).
	want := len(twinCases)
	logins := map[string]bool{}
	// Twins of one API may share a route (CloudSSO's every action is POST /): one read each.
	reads := map[string]int{}
	for _, tc := range twinCases {
		reads[tc.readRoute]++
	}
	for _, tc := range twinCases {
		if n := e.count(tc.readRoute, http.StatusOK); n != reads[tc.readRoute] {
			t.Errorf("%s: %d successful %s, want %d", tc.typ, n, tc.readRoute, reads[tc.readRoute])
		}
		for _, l := range tc.logins {
			if !logins[l] {
				logins[l] = true
				want++
			}
		}
	}
	if n := e.srv.Total(); n != want {
		t.Errorf("the plan made %d requests, want %d (one read per twin, one login per API): %+v", n, want, e.srv.Counts())
	}

	var failed []string
	for _, tc := range twinCases {
		tc.fail(t, e)
		failed = append(failed, tc.failed...)
	}
	checkWarnings(t, cli.must("apply", "-input=false", "-no-color", "-auto-approve"), failed)

	// A parent without the setting fails its check too (the other checks still fail as before).
	failed = nil
	for _, tc := range twinCases {
		if tc.none == nil {
			failed = append(failed, tc.failed...)
			continue
		}
		tc.none(t, e)
		failed = append(failed, tc.noneFailed...)
	}
	checkWarnings(t, cli.must("plan", "-input=false", "-no-color"), failed)
}

// checkWarnings asserts that the CLI's output holds one "Check block assertion failed" warning
// for each message, in the order of the configuration, each warning with its own message.
func checkWarnings(t *testing.T, out string, messages []string) {
	t.Helper()
	const header = "Warning: Check block assertion failed"
	parts := strings.Split(out, header)[1:]
	if len(parts) != len(messages) {
		t.Errorf("%d check warnings, want %d:\n%s", len(parts), len(messages), out)
		return
	}
	for i, m := range messages {
		if !diagPattern("", m).MatchString(corpusSpace.ReplaceAllString(parts[i], " ")) {
			t.Errorf("check warning %d lacks %q:\n%s%s", i+1, m, header, parts[i])
		}
	}
}

// cliTerraform is the Terraform the acceptance tests use, for tests that run it themselves.
func cliTerraform(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run Terraform")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		t.Skip("set TF_ACC_TERRAFORM_PATH to a Terraform 1.5 or later (check blocks)")
	}
	return tf
}

// cliDir is a working directory with a configuration, for the Terraform CLI against the
// provider that serveForCLI serves.
type cliDir struct {
	t        *testing.T
	tf, dir  string
	reattach string
}

func newCLIDir(t *testing.T, tf, reattach, config string) *cliDir {
	t.Helper()
	dir := t.TempDir()
	main := `terraform {
  required_providers {
    authpolicy = { source = "` + providerAddress + `" }
  }
}
` + config
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cliDir{t: t, tf: tf, dir: dir, reattach: reattach}
}

// must runs a Terraform command, which must exit 0, and returns its output.
func (c *cliDir) must(args ...string) string {
	c.t.Helper()
	cmd := exec.Command(c.tf, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+c.reattach, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
