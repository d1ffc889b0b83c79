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
	demoUserID     = "10002" // demo-user, identity:default in the demo domain
	demoSMSUserID  = "10003"
	otherAdminID   = "30001" // the other customer's user-admin
	mandatedUserID = "30002" // mandated-admin
	userMFAPut     = "PUT /v2.0/users/{userId}/RAX-AUTH/multi-factor"
	userGet        = "GET /v2.0/users/{userId}"
	userMFAAddress = "authpolicy_domain_user_mfa_enforcement.test"
)

func userMFAConfig(userID, level string) string {
	return fmt.Sprintf(`
resource "authpolicy_domain_user_mfa_enforcement" "test" {
  user_id           = %q
  enforcement_level = %q
}
`, userID, level)
}

// expectUserMFA checks the level on the emulator ("" is never set), not only in state.
func (e *testEmulator) expectUserMFA(t *testing.T, username, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := lookup(t, "user", e.srv.Identity().User, username).MFAEnforcementLevel; got != want {
			return fmt.Errorf("user %s is at %q on the emulator, want %q", username, got, want)
		}
		return nil
	}
}

func TestAccDomainUserMFAEnforcement_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		// Destroy hands the user back to the domain's level.
		CheckDestroy: e.expectUserMFA(t, demoUser, "DEFAULT"),
		Steps: []resource.TestStep{
			{
				Config: e.adminTOTPConfig() + userMFAConfig(demoUserID, "REQUIRED"),
				Check:  e.expectUserMFA(t, demoUser, "REQUIRED"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userMFAAddress, tfjsonpath.New("enforcement_level"), knownvalue.StringExact("REQUIRED")),
					statecheck.ExpectKnownValue(userMFAAddress, tfjsonpath.New("id"), knownvalue.StringExact(demoUserID)),
					statecheck.ExpectKnownValue(userMFAAddress, tfjsonpath.New("user_id"), knownvalue.StringExact(demoUserID)),
				},
			},
			{
				Config: e.adminTOTPConfig() + userMFAConfig(demoUserID, "OPTIONAL"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userMFAAddress, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectUserMFA(t, demoUser, "OPTIONAL"),
			},
			{
				ResourceName:      userMFAAddress,
				ImportState:       true,
				ImportStateId:     demoUserID,
				ImportStateVerify: true,
			},
		},
	})
	if n := e.count(userMFAPut, http.StatusNoContent); n != 3 {
		t.Errorf("%d writes, want 3: create, update, destroy", n)
	}
}

// A change made outside Terraform shows as drift, and apply puts the configured level back.
func TestAccDomainUserMFAEnforcement_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + userMFAConfig(demoUserID, "REQUIRED")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.Identity().UpdateUser(demoUser, emuidentity.UserPatch{MFAEnforcementLevel: ptr("OPTIONAL")}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(userMFAAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(userMFAAddress, tfjsonpath.New("enforcement_level"), knownvalue.StringExact("REQUIRED")),
				}},
				Check: e.expectUserMFA(t, demoUser, "REQUIRED"),
			},
		},
	})
}

// An import block adopts a level never set as DEFAULT; the next plan is empty and nothing is
// written until the destroy.
func TestAccDomainUserMFAEnforcement_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.adminTOTPConfig() + userMFAConfig(demoUserID, "DEFAULT") + fmt.Sprintf(`
import {
  to = authpolicy_domain_user_mfa_enforcement.test
  id = %q
}
`, demoUserID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    importBlockSteps(config, userMFAAddress),
	})
	if n := e.count(userMFAPut, 0); n != 1 {
		t.Errorf("want exactly the destroy's PUT, got %d PUTs", n)
	}
}

func TestAccDomainUserMFAEnforcement_invalidValues(t *testing.T) {
	oneOf := func(got string) *regexp.Regexp {
		return diagPattern("Invalid Attribute Value Match",
			`Attribute enforcement_level value must be one of: ["DEFAULT" "REQUIRED" "OPTIONAL"], got: "`+got+`"`)
	}
	badID := diagPattern("Invalid Attribute Value Match", "Attribute user_id must be a user ID such as",
		"with no '/' and no whitespace")
	cases := []struct {
		userID, level string
		want          *regexp.Regexp
	}{
		{demoUserID, "required", oneOf("required")},
		{demoUserID, "RACKSPACE_MANDATED", oneOf("RACKSPACE_MANDATED")},
		{demoUserID, "", oneOf("")},
		{"", "REQUIRED", badID},
		{"100 02", "REQUIRED", badID},
		{"10002/RAX-AUTH", "REQUIRED", badID},
		{"../10002", "REQUIRED", badID},
	}
	var rejections []planRejection
	for _, tc := range cases {
		rejections = append(rejections, planRejection{
			name:   fmt.Sprintf("%q/%q", tc.userID, tc.level),
			config: func(e *testEmulator) string { return e.adminTOTPConfig() + userMFAConfig(tc.userID, tc.level) },
			want:   tc.want,
		})
	}
	testPlanRejections(t, rejections)
}

// The documented refusals, each with Identity's message and what to do.
func TestAccDomainUserMFAEnforcement_refused(t *testing.T) {
	forbidden := []string{"Rackspace Identity Refused The Request", "HTTP 403", "Not Authorized",
		"identity:default users can't set any level, not even their own", "Log in as the user's domain's user-admin"}
	cases := []struct {
		name, provider, userID, username string
		want                             *regexp.Regexp
		status                           int
	}{
		{"default user on itself", fmt.Sprintf("username = %q\npassword = %q", demoUser, demoUserPassword),
			demoUserID, demoUser, diagPattern(forbidden[0], forbidden[1:]...), http.StatusForbidden},
		{"user-admin on another domain's user", fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey),
			otherAdminID, emuidentity.DemoOtherAdminUser, diagPattern(forbidden[0], forbidden[1:]...), http.StatusForbidden},
		{"RACKSPACE_MANDATED domain", fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", mandatedAdmin, mandatedPassword, mandatedTOTP),
			mandatedUserID, mandatedAdmin, diagPattern("Domain Enforcement Is RACKSPACE_MANDATED",
				"Setting the multi-factor enforcement level of user 30002 to OPTIONAL", "HTTP 403",
				"Cannot update user enforcement level when domain enforcement is RACKSPACE_MANDATED",
				"Open a Rackspace support ticket"), http.StatusForbidden},
		{"unknown user", fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey),
			"99999", "", diagPattern("Rackspace User Not Found", "HTTP 404", "User not found",
				"both when no user has this ID and when the user exists but the caller may not see it"), http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulator(t)
			before := ""
			if tc.username != "" {
				before = lookup(t, "user", e.srv.Identity().User, tc.username).MFAEnforcementLevel
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.rackspaceConfig(tc.provider) + userMFAConfig(tc.userID, "OPTIONAL"),
					ExpectError: tc.want,
				}},
			})
			if n, refused := e.count(userMFAPut, 0), e.count(userMFAPut, tc.status); n != 1 || refused != 1 {
				t.Errorf("%d PUTs (%d answered %d), want the one write, refused", n, refused, tc.status)
			}
			if tc.username != "" {
				if got := lookup(t, "user", e.srv.Identity().User, tc.username).MFAEnforcementLevel; got != before {
					t.Errorf("level %q after a refused change, want %q", got, before)
				}
			}
		})
	}
}

// A user the provider can't see reads as 404 and leaves state like a deleted one: the plan
// creates it again. Seen again by its domain's user-admin, it is unchanged.
func TestAccDomainUserMFAEnforcement_notVisible(t *testing.T) {
	e := newTestEmulator(t)
	asDefault := e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q", demoUser, demoUserPassword))
	config := userMFAConfig(demoSMSUserID, "REQUIRED")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectUserMFA(t, emuidentity.DemoSMSUser, "DEFAULT"),
		Steps: []resource.TestStep{
			{Config: e.adminTOTPConfig() + config},
			{
				// The refresh drops the resource, so the plan creates it again.
				Config:             asDefault + config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           e.adminTOTPConfig() + config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            e.expectUserMFA(t, emuidentity.DemoSMSUser, "REQUIRED"),
			},
		},
	})
	if n := e.count(userGet, http.StatusNotFound); n != 1 {
		t.Errorf("%d reads answered 404, want the default user's refresh", n)
	}
	if n := e.count(userMFAPut, http.StatusForbidden); n != 0 {
		t.Errorf("%d writes refused, want none", n)
	}
}
