package provider

import (
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"

	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// expectPolicy checks the policy on the emulator: nil history means unset, "" duration unset.
func (e *testEmulator) expectPolicy(t *testing.T, duration string, history *int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p := e.domain(t, demoDomain).PasswordPolicy
		if p == nil {
			return fmt.Errorf("domain %s has no password policy on the emulator", demoDomain)
		}
		gotHistory := "unset"
		if p.PasswordHistoryRestriction != nil {
			gotHistory = fmt.Sprint(*p.PasswordHistoryRestriction)
		}
		wantHistory := "unset"
		if history != nil {
			wantHistory = fmt.Sprint(*history)
		}
		if p.PasswordDuration != duration || gotHistory != wantHistory {
			return fmt.Errorf("emulator has duration %q history %s, want %q and %s", p.PasswordDuration, gotHistory, duration, wantHistory)
		}
		return nil
	}
}

func (e *testEmulator) expectNoPolicy(t *testing.T) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if p := e.domain(t, demoDomain).PasswordPolicy; p != nil {
			return fmt.Errorf("domain %s still has a password policy on the emulator: %+v", demoDomain, *p)
		}
		return nil
	}
}

func intp(n int) *int { return &n }

func durationDiag(value, reason string) *regexp.Regexp {
	return diagPattern("Invalid Duration", "Attribute password_duration is not a valid ISO 8601 duration: "+fmt.Sprintf("%q", value)+": "+reason)
}

func TestAccDomainPasswordPolicy_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectNoPolicy(t),
		Steps: []resource.TestStep{
			{
				Config: e.adminTOTPConfig() + passwordPolicyConfig(`
  password_duration            = "P90DT6H30M5S"
  password_history_restriction = 10`),
				Check: e.expectPolicy(t, "P90DT6H30M5S", intp(10)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("authpolicy_domain_password_policy.test", tfjsonpath.New("password_duration"), knownvalue.StringExact("P90DT6H30M5S")),
					statecheck.ExpectKnownValue("authpolicy_domain_password_policy.test", tfjsonpath.New("password_history_restriction"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue("authpolicy_domain_password_policy.test", tfjsonpath.New("id"), knownvalue.StringExact(demoDomain)),
				},
			},
			{
				// PT0S: passwords never expire; history 0 ignores it. Removing an attribute unsets it.
				Config: e.adminTOTPConfig() + passwordPolicyConfig(`
  password_duration = "PT0S"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_domain_password_policy.test", plancheck.ResourceActionUpdate),
				}},
				Check: e.expectPolicy(t, "PT0S", nil),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("authpolicy_domain_password_policy.test", tfjsonpath.New("password_history_restriction"), knownvalue.Null()),
				},
			},
			{
				Config: e.adminTOTPConfig() + passwordPolicyConfig(`
  password_history_restriction = 0`),
				Check: e.expectPolicy(t, "", intp(0)),
			},
			{
				ResourceName:      "authpolicy_domain_password_policy.test",
				ImportState:       true,
				ImportStateId:     demoDomain,
				ImportStateVerify: true,
			},
		},
	})
}

// P1D and PT24H are the same duration: a server or a colleague spelling it differently is not
// a change.
func TestAccDomainPasswordPolicy_semanticEquality(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + passwordPolicyConfig(`
  password_duration = "PT24H"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, Check: e.expectPolicy(t, "PT24H", nil)},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().SetPasswordPolicy(demoDomain, emuidentity.PasswordPolicyState{PasswordDuration: "P1D"}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: e.expectPolicy(t, "P1D", nil),
			},
		},
	})
}

// Changed or deleted outside Terraform: the plan puts it back.
func TestAccDomainPasswordPolicy_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + passwordPolicyConfig(`
  password_duration            = "P90D"
  password_history_restriction = 5`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, Check: e.expectPolicy(t, "P90D", intp(5))},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().SetPasswordPolicy(demoDomain,
						emuidentity.PasswordPolicyState{PasswordDuration: "P30D", PasswordHistoryRestriction: intp(2)}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_domain_password_policy.test", plancheck.ResourceActionUpdate),
				}},
				Check: e.expectPolicy(t, "P90D", intp(5)),
			},
			{
				PreConfig: func() { must(t)(e.srv.Identity().DeletePasswordPolicy(demoDomain)) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_domain_password_policy.test", plancheck.ResourceActionCreate),
				}},
				Check: e.expectPolicy(t, "P90D", intp(5)),
			},
		},
	})
}

func TestAccDomainPasswordPolicy_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.Identity().SetPasswordPolicy(demoDomain,
		emuidentity.PasswordPolicyState{PasswordDuration: "P60D", PasswordHistoryRestriction: intp(4)}))
	config := e.adminTOTPConfig() + passwordPolicyConfig(`
  password_duration            = "P60D"
  password_history_restriction = 4`) + fmt.Sprintf(`
import {
  to = authpolicy_domain_password_policy.test
  id = %q
}
`, demoDomain)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectNoPolicy(t),
		Steps:                    importBlockSteps(config, "authpolicy_domain_password_policy.test"),
	})
	if n := e.count("PUT /v2.0/RAX-AUTH/domains/{domainId}/password-policy", 0); n != 0 {
		t.Errorf("importing a matching policy made %d writes, want 0", n)
	}
}

func TestAccDomainPasswordPolicy_invalidValues(t *testing.T) {
	cases := []struct {
		name, attrs string
		want        *regexp.Regexp
	}{
		{"years", `password_duration = "P1Y"`, durationDiag("P1Y", "years, months and weeks are not allowed; use days, hours, minutes and seconds")},
		{"months", `password_duration = "P1M"`, durationDiag("P1M", `years, months and weeks are not allowed ("M" before "T" means months); for minutes put "T" first`)},
		{"weeks", `password_duration = "P2W"`, durationDiag("P2W", "years, months and weeks are not allowed")},
		{"negative", `password_duration = "-P1D"`, durationDiag("-P1D", `a "-" sign is not allowed, as durations can't be negative`)},
		{"prose", `password_duration = "90 days"`, durationDiag("90 days", "whitespace is not allowed")},
		{"history 11", `password_history_restriction = 11`, diagPattern("Invalid Attribute Value", "Attribute password_history_restriction value must be between 0 and 10, got: 11")},
		{"history -1", `password_history_restriction = -1`, diagPattern("Invalid Attribute Value", "Attribute password_history_restriction value must be between 0 and 10, got: -1")},
		{"neither", ``, diagPattern("Missing Attribute Configuration", "At least one of these attributes must be configured: [password_duration,password_history_restriction]")},
	}
	var rejections []planRejection
	for _, tc := range cases {
		rejections = append(rejections, planRejection{
			name:   tc.name,
			config: func(e *testEmulator) string { return e.adminTOTPConfig() + passwordPolicyConfig(tc.attrs) },
			want:   tc.want,
		})
	}
	testPlanRejections(t, rejections)
}

// Only a user-admin (or Rackspace staff) may manage password policies.
func TestAccDomainPasswordPolicy_userManageRefused(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", demoManager, demoManagerPass, demoManagerTOTP)) +
				passwordPolicyConfig(`password_duration = "P90D"`),
			ExpectError: diagPattern("Rackspace Identity Refused The Request", "HTTP 403", "Forbidden.",
				"lacks the identity:user-admin role of the domain"),
		}},
	})
	if p := e.domain(t, demoDomain).PasswordPolicy; p != nil {
		t.Errorf("a refused request left a policy: %+v", *p)
	}
}
