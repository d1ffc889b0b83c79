package provider

import (
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

	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const (
	domainPut             = "PUT /v2.0/RAX-AUTH/domains/{domainId}"
	sessionTimeoutAddress = "authpolicy_domain_session_timeout.test"
)

func sessionTimeoutConfig(timeout string) string {
	return sessionTimeoutConfigFor(demoDomain, timeout)
}

func sessionTimeoutConfigFor(domainID, timeout string) string {
	return fmt.Sprintf(`
resource "authpolicy_domain_session_timeout" "test" {
  domain_id                  = %q
  session_inactivity_timeout = %q
}
`, domainID, timeout)
}

// expectSessionTimeout checks the demo domain's timeout text on the emulator.
func (e *testEmulator) expectSessionTimeout(t *testing.T, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := e.domain(t, demoDomain).SessionInactivityTimeout; got != want {
			return fmt.Errorf("domain %s has timeout %q on the emulator, want %q", demoDomain, got, want)
		}
		return nil
	}
}

func TestAccDomainSessionTimeout_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectSessionTimeout(t, "PT15M"),
		Steps: []resource.TestStep{
			{
				Config: e.adminTOTPConfig() + sessionTimeoutConfig("PT30M"),
				Check:  e.expectSessionTimeout(t, "PT30M"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(sessionTimeoutAddress, tfjsonpath.New("session_inactivity_timeout"), knownvalue.StringExact("PT30M")),
					statecheck.ExpectKnownValue(sessionTimeoutAddress, tfjsonpath.New("id"), knownvalue.StringExact(demoDomain)),
				},
			},
			{
				Config: e.adminTOTPConfig() + sessionTimeoutConfig("PT8H"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(sessionTimeoutAddress, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectSessionTimeout(t, "PT8H"),
			},
			{
				ResourceName:      sessionTimeoutAddress,
				ImportState:       true,
				ImportStateId:     demoDomain,
				ImportStateVerify: true,
			},
		},
	})
	if n := e.count(domainPut, http.StatusOK); n != 3 {
		t.Errorf("%d writes, want 3: create, update, destroy", n)
	}
}

// The client sends the canonical form; state keeps the configured spelling, and a domain whose
// timeout is written another way is no change.
func TestAccDomainSessionTimeout_semanticEquality(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + sessionTimeoutConfig("PT90M")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  e.expectSessionTimeout(t, "PT1H30M"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(sessionTimeoutAddress, tfjsonpath.New("session_inactivity_timeout"), knownvalue.StringExact("PT90M")),
				},
			},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().UpdateDomain(demoDomain, emuidentity.DomainPatch{SessionInactivityTimeout: ptr("P0DT1H30M")}))
				},
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            e.expectSessionTimeout(t, "P0DT1H30M"),
			},
		},
	})
}

func TestAccDomainSessionTimeout_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + sessionTimeoutConfig("PT30M")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().UpdateDomain(demoDomain, emuidentity.DomainPatch{SessionInactivityTimeout: ptr("PT2H")}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(sessionTimeoutAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(sessionTimeoutAddress, tfjsonpath.New("session_inactivity_timeout"), knownvalue.StringExact("PT30M")),
				}},
				Check: e.expectSessionTimeout(t, "PT30M"),
			},
		},
	})
}

// A domain nobody configured reads as PT15M: importing it with that value writes nothing.
func TestAccDomainSessionTimeout_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + sessionTimeoutConfig("PT15M") + fmt.Sprintf(`
import {
  to = authpolicy_domain_session_timeout.test
  id = %q
}
`, demoDomain)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectSessionTimeout(t, "PT15M"),
		Steps:                    importBlockSteps(config, sessionTimeoutAddress),
	})
	if n := e.count(domainPut, 0); n != 1 {
		t.Errorf("want exactly the destroy's PUT, got %d PUTs", n)
	}
}

// A user-manager may set its own domain's timeout too.
func TestAccDomainSessionTimeout_manager(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectSessionTimeout(t, "PT15M"),
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", demoManager, demoManagerPass, demoManagerTOTP)) +
				sessionTimeoutConfig("PT5M"),
			Check: e.expectSessionTimeout(t, "PT5M"),
		}},
	})
}

func TestAccDomainSessionTimeout_invalidValues(t *testing.T) {
	outOfRange := func(v string) *regexp.Regexp {
		return diagPattern("Session Inactivity Timeout Out Of Range",
			fmt.Sprintf("Attribute session_inactivity_timeout %q is out of range: the session inactivity timeout must be "+
				"between PT5M (300 seconds) and PT24H (86400 seconds), e.g. PT30M or PT8H (Identity's default is PT15M).", v))
	}
	invalid := func(v, reason string) *regexp.Regexp {
		return diagPattern("Invalid Duration", fmt.Sprintf("Attribute session_inactivity_timeout is not a valid ISO 8601 duration: %q: %s", v, reason))
	}
	cases := []struct {
		name, domainID, timeout string
		want                    *regexp.Regexp
	}{
		{"below", demoDomain, "PT4M59S", outOfRange("PT4M59S")},
		{"above", demoDomain, "PT24H0.001S", outOfRange("PT24H0.001S")},
		{"two days", demoDomain, "P2D", outOfRange("P2D")},
		{"zero", demoDomain, "PT0S", outOfRange("PT0S")},
		{"beyond time.Duration", demoDomain, "P200000D", outOfRange("P200000D")},
		{"months", demoDomain, "P1M", invalid("P1M", "years, months and weeks are not allowed")},
		{"prose", demoDomain, "15 minutes", invalid("15 minutes", "whitespace is not allowed")},
		{"domain id", "12 34", "PT30M", diagPattern("Invalid Attribute Value Match", "Attribute domain_id must be a domain ID such as 123456")},
	}
	var rejections []planRejection
	for _, tc := range cases {
		rejections = append(rejections, planRejection{
			name: tc.name,
			config: func(e *testEmulator) string {
				return e.adminTOTPConfig() + sessionTimeoutConfigFor(tc.domainID, tc.timeout)
			},
			want: tc.want,
		})
	}
	testPlanRejections(t, rejections)
}

// The documented refusals: a default user, and a customer on another account's domain.
func TestAccDomainSessionTimeout_refused(t *testing.T) {
	want := diagPattern("Rackspace Identity Refused The Request", "HTTP 403", "Not Authorized",
		"needs the identity:user-admin or identity:user-manage role in that domain",
		"Identity gives customers the same 403 for a domain ID that does not exist")
	for name, tc := range map[string]struct{ provider, domainID string }{
		"default user":   {fmt.Sprintf("username = %q\npassword = %q", demoUser, demoUserPassword), demoDomain},
		"another domain": {fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey), emuidentity.DemoOtherDomainID},
	} {
		t.Run(name, func(t *testing.T) {
			e := newTestEmulator(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.rackspaceConfig(tc.provider) + sessionTimeoutConfigFor(tc.domainID, "PT1H"),
					ExpectError: want,
				}},
			})
			if n, refused := e.count(domainPut, 0), e.count(domainPut, http.StatusForbidden); n != 1 || refused != 1 {
				t.Errorf("%d PUTs (%d refused), want the one write, refused", n, refused)
			}
			if got := e.domain(t, tc.domainID).SessionInactivityTimeout; got != "PT15M" {
				t.Errorf("timeout %q after a refused change, want PT15M", got)
			}
		})
	}
}

// Rackspace staff get 404 for an unknown domain; the import finds nothing.
func TestAccDomainSessionTimeout_unknownDomain(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(`username = "rackspace-admin"`+"\n"+`password = "admin-password-1"`) +
				sessionTimeoutConfigFor("999999", "PT1H"),
			ResourceName:  sessionTimeoutAddress,
			ImportState:   true,
			ImportStateId: "999999",
			ExpectError:   regexp.MustCompile(`Cannot import non-existent remote object`),
		}},
	})
	if n := e.count("GET /v2.0/RAX-AUTH/domains/{domainId}", http.StatusNotFound); n != 1 {
		t.Errorf("want exactly one 404 from GET domain, got %d", n)
	}
}
