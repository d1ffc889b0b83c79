package provider

import (
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"

	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const (
	mandatedDomain   = "777777"
	mandatedAdmin    = "mandated-admin"
	mandatedPassword = "mandated-password-1"
	mandatedTOTP     = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"
)

// expectDomainMFA checks the level on the emulator, not only in state.
func (e *testEmulator) expectDomainMFA(t *testing.T, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := e.domain(t, demoDomain).MFAEnforcementLevel; got != want {
			return fmt.Errorf("domain %s is at %q on the emulator, want %q", demoDomain, got, want)
		}
		return nil
	}
}

func TestAccDomainMFAEnforcement_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectDomainMFA(t, mfaLevelOptional),
		Steps: []resource.TestStep{
			{
				Config: e.adminTOTPConfig() + domainMFAConfig("REQUIRED"),
				Check:  e.expectDomainMFA(t, "REQUIRED"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("authpolicy_domain_mfa_enforcement.test", tfjsonpath.New("enforcement_level"), knownvalue.StringExact("REQUIRED")),
					statecheck.ExpectKnownValue("authpolicy_domain_mfa_enforcement.test", tfjsonpath.New("id"), knownvalue.StringExact(demoDomain)),
				},
			},
			{
				Config: e.adminTOTPConfig() + domainMFAConfig("OPTIONAL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_domain_mfa_enforcement.test", plancheck.ResourceActionUpdate),
				}},
				Check: e.expectDomainMFA(t, "OPTIONAL"),
			},
			{
				ResourceName:      "authpolicy_domain_mfa_enforcement.test",
				ImportState:       true,
				ImportStateId:     demoDomain,
				ImportStateVerify: true,
			},
		},
	})
}

// A change made outside Terraform shows as drift, and apply puts the configured level back.
func TestAccDomainMFAEnforcement_drift(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: e.adminTOTPConfig() + domainMFAConfig("REQUIRED")},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().UpdateDomain(demoDomain, emuidentity.DomainPatch{MFAEnforcementLevel: ptr("OPTIONAL")}))
				},
				Config: e.adminTOTPConfig() + domainMFAConfig("REQUIRED"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_domain_mfa_enforcement.test", plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue("authpolicy_domain_mfa_enforcement.test", tfjsonpath.New("enforcement_level"), knownvalue.StringExact("REQUIRED")),
				}},
				Check: e.expectDomainMFA(t, "REQUIRED"),
			},
		},
	})
}

// An import block adopts the domain's current level; the next plan is empty.
func TestAccDomainMFAEnforcement_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + domainMFAConfig("OPTIONAL") + fmt.Sprintf(`
import {
  to = authpolicy_domain_mfa_enforcement.test
  id = %q
}
`, demoDomain)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    importBlockSteps(config, "authpolicy_domain_mfa_enforcement.test"),
	})
	// Importing a never-set level and keeping OPTIONAL needs no write at all.
	if n := e.count("PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor", 0); n != 1 {
		t.Errorf("want exactly the destroy's PUT, got %d PUTs", n)
	}
}

func TestAccDomainMFAEnforcement_invalidValues(t *testing.T) {
	oneOf := func(got string) *regexp.Regexp {
		return diagPattern("Invalid Attribute Value Match", `Attribute enforcement_level value must be one of: ["REQUIRED" "OPTIONAL"], got: "`+got+`"`)
	}
	badID := diagPattern("Invalid Attribute Value Match", "Attribute domain_id must be a domain ID such as 123456")
	cases := []struct {
		domainID, level string
		want            *regexp.Regexp
	}{
		{demoDomain, "required", oneOf("required")},
		{demoDomain, "RACKSPACE_MANDATED", oneOf("RACKSPACE_MANDATED")},
		{demoDomain, "", oneOf("")},
		{"", "REQUIRED", badID},
		{"12 34", "REQUIRED", badID},
		{"../123456", "REQUIRED", badID},
	}
	var rejections []planRejection
	for _, tc := range cases {
		rejections = append(rejections, planRejection{
			name: fmt.Sprintf("%q/%q", tc.domainID, tc.level),
			config: func(e *testEmulator) string {
				return e.adminTOTPConfig() + fmt.Sprintf(`
resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = %q
  enforcement_level = %q
}
`, tc.domainID, tc.level)
			},
			want: tc.want,
		})
	}
	testPlanRejections(t, rejections)
}

// A RACKSPACE_MANDATED domain can't be changed. Creating the resource costs no read at plan
// time, so Identity's refusal of the one write is the diagnostic; a domain already in state
// (here imported) fails the plan, with no write.
func TestAccDomainMFAEnforcement_rackspaceMandated(t *testing.T) {
	const putRoute = "PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor"
	provider := fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", mandatedAdmin, mandatedPassword, mandatedTOTP)
	resourceBlock := fmt.Sprintf(`
resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = %q
  enforcement_level = "OPTIONAL"
}
`, mandatedDomain)
	t.Run("create", func(t *testing.T) {
		e := newTestEmulator(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{{
				Config: e.rackspaceConfig(provider) + resourceBlock,
				ExpectError: diagPattern("Domain Enforcement Is RACKSPACE_MANDATED",
					"Setting the multi-factor enforcement level of domain 777777 to OPTIONAL", "HTTP 403",
					"Domain multi-factor enforcement level RACKSPACE_MANDATED can only be changed by Rackspace",
					"open a Rackspace support ticket"),
			}},
		})
		if n, refused := e.count(putRoute, 0), e.count(putRoute, http.StatusForbidden); n != 1 || refused != 1 {
			t.Errorf("%d PUTs (%d refused), want the one write, refused", n, refused)
		}
		if n := e.count("GET /v2.0/RAX-AUTH/domains/{domainId}", 0); n != 0 {
			t.Errorf("%d reads of the domain, want none", n)
		}
		if got := e.domain(t, mandatedDomain).MFAEnforcementLevel; got != "RACKSPACE_MANDATED" {
			t.Errorf("domain is at %q, want it untouched", got)
		}
	})
	t.Run("in state", func(t *testing.T) {
		e := newTestEmulator(t)
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{{
				Config: e.rackspaceConfig(provider) + resourceBlock + fmt.Sprintf(`
import {
  to = authpolicy_domain_mfa_enforcement.test
  id = %q
}
`, mandatedDomain),
				ExpectError: diagPattern("Domain Enforcement Is RACKSPACE_MANDATED",
					"Rackspace has set the multi-factor enforcement level of domain 777777 to RACKSPACE_MANDATED",
					"Open a Rackspace support ticket"),
			}},
		})
		if n := e.count(putRoute, 0); n != 0 {
			t.Errorf("the plan failed but %d PUTs reached the emulator", n)
		}
		if got := e.domain(t, mandatedDomain).MFAEnforcementLevel; got != "RACKSPACE_MANDATED" {
			t.Errorf("domain is at %q, want it untouched", got)
		}
	})
}

// A user-admin without MFA of their own is refused by Identity; the diagnostic says what to
// set up on that account.
func TestAccDomainMFAEnforcement_callerWithoutMFA(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.Identity().UpdateUser(demoAdmin, emuidentity.UserPatch{MFAEnabled: ptr(false)}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey)) + domainMFAConfig("REQUIRED"),
			ExpectError: diagPattern("Multi-Factor Authentication Required For The Caller", "HTTP 403",
				"You must have Multi-Factor Authentication set as optional or enabled for your profile",
				"Add an authenticator-app device or a phone to the account the provider logs in as"),
		}},
	})
	if got := e.domain(t, demoDomain).MFAEnforcementLevel; got != "" {
		t.Errorf("domain level is %q after a refused change, want it never set", got)
	}
}

func TestAccDomainMFAEnforcement_defaultUserRefused(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q", demoUser, demoUserPassword)) + domainMFAConfig("REQUIRED"),
			ExpectError: diagPattern("Rackspace Identity Refused The Request", "HTTP 403", "Not Authorized",
				"needs the identity:user-manage or identity:user-admin role"),
		}},
	})
}

// Identity answers 404 for an unknown domain (to Rackspace staff; customers get 403), and Read
// then drops the resource from state: importing one finds nothing to import.
func TestAccDomainMFAEnforcement_unknownDomain(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(`username = "rackspace-admin"`+"\n"+`password = "admin-password-1"`) + `
resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = "999999"
  enforcement_level = "OPTIONAL"
}
`,
			ResourceName:  "authpolicy_domain_mfa_enforcement.test",
			ImportState:   true,
			ImportStateId: "999999",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
	if n := e.count("GET /v2.0/RAX-AUTH/domains/{domainId}", http.StatusNotFound); n != 1 {
		t.Errorf("want exactly one 404 from GET domain, got %d", n)
	}
}
