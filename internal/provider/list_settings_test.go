package provider

import (
	"fmt"
	"net/http"
	"testing"

	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// listQuery is a .tfquery.hcl body: a list block of resourceType with no configuration.
func listQuery(resourceType string, includeResource bool) string {
	return fmt.Sprintf(`
list %q "all" {
  provider         = authpolicy
  include_resource = %t
}
`, resourceType, includeResource)
}

func identityIs(attr, id string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{attr: knownvalue.StringExact(id)}
}

// TestAccDomainMFAEnforcementList_query: a user-admin lists its own domain only; an identity admin
// every domain but one at RACKSPACE_MANDATED.
func TestAccDomainMFAEnforcementList_query(t *testing.T) {
	e := newTestEmulator(t)
	address := "authpolicy_domain_mfa_enforcement.all"
	staff := e.apiKeyConfig(emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.adminAPIKeyConfig()},
			{
				Query:  true,
				Config: listQuery("authpolicy_domain_mfa_enforcement", true),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 1),
					querycheck.ExpectIdentity(address, identityIs("domain_id", demoDomain)),
					querycheck.ExpectResourceDisplayName(address, queryfilter.ByResourceIdentity(identityIs("domain_id", demoDomain)),
						knownvalue.StringExact("Demo Company")),
					querycheck.ExpectResourceKnownValues(address, queryfilter.ByResourceIdentity(identityIs("domain_id", demoDomain)),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(demoDomain)},
							{Path: tfjsonpath.New("enforcement_level"), KnownValue: knownvalue.StringExact("OPTIONAL")},
						}),
				},
			},
			{Config: staff},
			{
				Query:  true,
				Config: listQuery("authpolicy_domain_mfa_enforcement", false),
				QueryResultChecks: []querycheck.QueryResultCheck{
					// Every domain but the one at RACKSPACE_MANDATED, which no configuration could state.
					querycheck.ExpectLength(address, 3),
					querycheck.ExpectIdentity(address, identityIs("domain_id", emuidentity.DemoOtherDomainID)),
					querycheck.ExpectIdentity(address, identityIs("domain_id", emuidentity.DemoStaffDomainID)),
					querycheck.ExpectNoIdentity(address, identityIs("domain_id", emuidentity.DemoMandatedDomainID)),
				},
			},
		},
	})
}

// TestAccDomainPasswordPolicyList_query: only domains that have a password policy are listed,
// whether the query includes the resource or not, since a domain without one has nothing to
// import; each domain is read once.
func TestAccDomainPasswordPolicyList_query(t *testing.T) {
	history := 4
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) {
		for i, d := range fx.Identity.Domains {
			if d.ID == emuidentity.DemoOtherDomainID {
				fx.Identity.Domains[i].PasswordPolicy = &emuidentity.PasswordPolicyFixture{
					PasswordDuration: "P90D", PasswordHistoryRestriction: &history,
				}
			}
		}
	})
	address := "authpolicy_domain_password_policy.all"
	staff := e.apiKeyConfig(emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.adminAPIKeyConfig()},
			{
				// The user-admin's own domain has no policy.
				Query:             true,
				Config:            listQuery("authpolicy_domain_password_policy", false),
				QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength(address, 0)},
			},
			{Config: staff},
			{
				PreConfig: func() { e.srv.ResetCounts() },
				Query:     true,
				Config:    listQuery("authpolicy_domain_password_policy", false),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 1),
					querycheck.ExpectIdentity(address, identityIs("domain_id", emuidentity.DemoOtherDomainID)),
				},
			},
			{
				Query:  true,
				Config: listQuery("authpolicy_domain_password_policy", true),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 1),
					querycheck.ExpectResourceKnownValues(address, queryfilter.ByResourceIdentity(identityIs("domain_id", emuidentity.DemoOtherDomainID)),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("password_duration"), KnownValue: knownvalue.StringExact("P90D")},
							{Path: tfjsonpath.New("password_history_restriction"), KnownValue: knownvalue.Int64Exact(4)},
						}),
				},
			},
		},
	})
	// The identity admin's two queries: one listing and one policy read per domain each.
	if l, p := e.count("GET /v2.0/RAX-AUTH/domains", http.StatusOK), e.count("GET /v2.0/RAX-AUTH/domains/{domainId}/password-policy", 0); l != 2 || p != 8 {
		t.Errorf("%d domain listings and %d policy reads, want 2 and 8", l, p)
	}
}

// TestAccDirectoryMFAStatusList_query lists the directories of the credentials' account, each
// with its identity and, when asked, its status.
func TestAccDirectoryMFAStatusList_query(t *testing.T) {
	e := newTestEmulator(t)
	address := "authpolicy_directory_mfa_status.all"
	acctest.ParallelTest(t, acctest.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: e.cloudSSOConfig(cloudSSOSecret)},
			{
				Query:  true,
				Config: listQuery("authpolicy_directory_mfa_status", true),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(address, 1),
					querycheck.ExpectIdentity(address, identityIs("directory_id", cloudSSODirectory)),
					querycheck.ExpectResourceDisplayName(address, queryfilter.ByResourceIdentity(identityIs("directory_id", cloudSSODirectory)),
						knownvalue.StringExact(emucloudsso.DemoDirectoryName+" ("+emucloudsso.DefaultRegion+")")),
					querycheck.ExpectResourceKnownValues(address, queryfilter.ByResourceIdentity(identityIs("directory_id", cloudSSODirectory)),
						[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("enabled"), KnownValue: knownvalue.Bool(true)}}),
				},
			},
		},
	})
}
