package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// tenantMFAQuery is a .tfquery.hcl body: a list block with config. The provider block is the
// configuration's, from the step before.
func tenantMFAQuery(includeResource bool, config string) string {
	return fmt.Sprintf(`
list "authpolicy_tenant_mfa_status" "all" {
  provider         = authpolicy
  include_resource = %t
  config {
%s
  }
}
`, includeResource, config)
}

// TestAccTenantMFAStatusList_query lists the demo partner's subtree: its customers (the folder
// and the unit inherit and are never listed), each with its identity and, when asked, the
// resource as Read stores it.
func TestAccTenantMFAStatusList_query(t *testing.T) {
	var fleet []string
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fleet = fx.AddCustomerFleet(3) })
	address := "authpolicy_tenant_mfa_status.all"
	byTenant := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(id)})
	}
	subtree := fmt.Sprintf("    tenant_id = %q\n    subtree   = true", acronisPartner)
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.acronisConfig(acronisClientSecret) + tenantsConfig(acronisPartner, false)},
			{
				Query:  true,
				Config: tenantMFAQuery(true, subtree),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 5),
					querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(fleet[2])}),
					querycheck.ExpectResourceDisplayName(address, byTenant(acronisEnrolled), knownvalue.StringExact("Enrolled Customer (customer)")),
					querycheck.ExpectResourceKnownValues(address, byTenant(acronisEnrolled), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("tenant_id"), KnownValue: knownvalue.StringExact(acronisEnrolled)},
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(acronisEnrolled)},
						{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)},
						{Path: tfjsonpath.New("mfa_status"), KnownValue: knownvalue.StringExact("enabled")},
						{Path: tfjsonpath.New("users_count"), KnownValue: knownvalue.Int64Exact(3)},
						{Path: tfjsonpath.New("users_with_totp_enabled_count"), KnownValue: knownvalue.Int64Exact(3)},
						{Path: tfjsonpath.New("update_allowed"), KnownValue: knownvalue.Bool(true)},
					}),
					querycheck.ExpectResourceKnownValues(address, byTenant(acronisCustomer), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(false)},
						{Path: tfjsonpath.New("users_count"), KnownValue: knownvalue.Int64Exact(5)},
					}),
				},
			},
			{
				// Children of the API client's own tenant, identities only.
				Query:  true,
				Config: tenantMFAQuery(false, `    kinds = ["customer"]`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 5),
					querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(acronisCustomer)}),
				},
			},
			{
				Query:       true,
				Config:      tenantMFAQuery(false, `    kinds = ["customer", "unit"]`),
				ExpectError: regexp.MustCompile(`(?s)Tenant Kind Without Its Own MFA Status.*kinds includes "unit": a unit tenant\s+inherits`),
			},
		},
	})
}

// TestAccTenantMFAStatusList_requests: with include_resource the query reads each listed
// tenant's status once; without it, it only lists.
func TestAccTenantMFAStatusList_requests(t *testing.T) {
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddCustomerFleet(3) })
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.acronisConfig(acronisClientSecret)},
			{
				PreConfig:         func() { e.srv.ResetCounts() },
				Query:             true,
				Config:            tenantMFAQuery(false, fmt.Sprintf("    tenant_id = %q", acronisPartner)),
				QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("authpolicy_tenant_mfa_status.all", 5)},
			},
		},
	})
	if l, s := e.count(emuacronis.RouteListTenants, http.StatusOK), e.count(emuacronis.RouteGetMFAStatus, 0); l == 0 || s != 0 {
		t.Errorf("%d listings and %d status reads, want listings only", l, s)
	}
}

// TestAccTenantMFAStatusList_limitAndGone: the query's limit caps the results, and a tenant
// deleted between the listing and its read (its status answers 404) is left out, as a refresh
// would drop it.
func TestAccTenantMFAStatusList_limitAndGone(t *testing.T) {
	var fleet []string
	e := startEmulator(t, func(fx *emulator.Fixture) { fleet = fx.AddCustomerFleet(3) }, func(srv *emulator.Server) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/2/tenants/"+fleet[1]+"/mfa/status" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusNotFound)
				_, _ = fmt.Fprintf(w, `{"error":{"code":1005,"domain":"PlatformAccountServer","message":"Tenant not found.","details":{"info":""}}}`)
				return
			}
			srv.ServeHTTP(w, r)
		})
	})
	address := "authpolicy_tenant_mfa_status.all"
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.acronisConfig(acronisClientSecret)},
			{
				Query:  true,
				Config: strings.Replace(tenantMFAQuery(false, ""), "include_resource", "limit = 2\n  include_resource", 1),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 2),
					// Sorted by name: "Customer 1" and "Customer 2" come first.
					querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(fleet[0])}),
					querycheck.ExpectIdentity(address, map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(fleet[1])}),
				},
			},
			{
				Query:  true,
				Config: tenantMFAQuery(true, ""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 4),
					querycheck.ExpectNoIdentity(address, map[string]knownvalue.Check{"tenant_id": knownvalue.StringExact(fleet[1])}),
				},
			},
		},
	})
}
