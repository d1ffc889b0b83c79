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

	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

const passwordPolicyAddress = "authpolicy_directory_password_policy.test"

func directoryPasswordPolicyConfig(directoryID, attrs string) string {
	return fmt.Sprintf(`
resource "authpolicy_directory_password_policy" "test" {
  directory_id = %q
%s
}
`, directoryID, attrs)
}

// consoleDefaults is a new directory's policy (the console's defaults), which destroy restores.
var consoleDefaults = emucloudsso.PasswordPolicyState{
	MinPasswordLength: 8, MaxPasswordLength: 32, MinPasswordDifferentChars: 3, PasswordNotContainUsername: true,
	MaxPasswordAge: 90, PasswordReusePrevention: 1, MaxLoginAttempts: 5, HardExpire: true,
	RequireLowerCaseChars: true, RequireUpperCaseChars: true, RequireNumbers: true, RequireSymbols: true,
}

// expectDirectoryPolicy checks the demo directory's policy on the emulator: the defaults as edit
// leaves them.
func (e *testEmulator) expectDirectoryPolicy(t *testing.T, edit func(p *emucloudsso.PasswordPolicyState)) resource.TestCheckFunc {
	return func(*terraform.State) error {
		want := consoleDefaults
		if edit != nil {
			edit(&want)
		}
		if got := e.directory(t, cloudSSODirectory).PasswordPolicy; got != want {
			return fmt.Errorf("directory %s has the policy %+v on the emulator, want %+v", cloudSSODirectory, got, want)
		}
		return nil
	}
}

func int64State(attr string, v int64) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(passwordPolicyAddress, tfjsonpath.New(attr), knownvalue.Int64Exact(v))
}

func boolState(attr string, v bool) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(passwordPolicyAddress, tfjsonpath.New(attr), knownvalue.Bool(v))
}

// Create writes what is configured and nothing else; an update adds fields; an attribute taken
// out of the configuration stops being managed and keeps its value; import reads all twelve;
// destroy puts all six back to the console's defaults.
func TestAccDirectoryPasswordPolicy_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	provider := e.cloudSSOConfig(cloudSSOSecret)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectDirectoryPolicy(t, nil),
		Steps: []resource.TestStep{
			{
				Config: provider + directoryPasswordPolicyConfig(cloudSSODirectory, `
  min_password_length          = 12
  min_password_different_chars = 10
  max_password_age             = 30
`),
				Check: e.expectDirectoryPolicy(t, func(p *emucloudsso.PasswordPolicyState) {
					p.MinPasswordLength, p.MinPasswordDifferentChars, p.MaxPasswordAge = 12, 10, 30
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					int64State("min_password_length", 12),
					int64State("min_password_different_chars", 10),
					int64State("max_password_age", 30),
					statecheck.ExpectKnownValue(passwordPolicyAddress, tfjsonpath.New("id"), knownvalue.StringExact(cloudSSODirectory)),
				},
			},
			{
				Config: provider + directoryPasswordPolicyConfig(cloudSSODirectory, `
  min_password_length           = 12
  min_password_different_chars  = 10
  max_password_age              = 45
  password_not_contain_username = false
  password_reuse_prevention     = 24
  max_login_attempts            = 0
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(passwordPolicyAddress, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectDirectoryPolicy(t, func(p *emucloudsso.PasswordPolicyState) {
					p.MinPasswordLength, p.MinPasswordDifferentChars, p.MaxPasswordAge = 12, 10, 45
					p.PasswordNotContainUsername, p.PasswordReusePrevention, p.MaxLoginAttempts = false, 24, 0
				}),
				// The update's state holds the refreshed read-only values.
				ConfigStateChecks: []statecheck.StateCheck{
					int64State("max_password_age", 45),
					int64State("max_login_attempts", 0),
					boolState("password_not_contain_username", false),
					int64State("max_password_length", 32),
					boolState("hard_expire", true),
					boolState("require_lower_case_chars", true),
					boolState("require_upper_case_chars", true),
					boolState("require_numbers", true),
					boolState("require_symbols", true),
				},
			},
			{
				// Left out, an attribute is no longer managed: no change is planned, the
				// directory keeps its value, and state shows it.
				Config: provider + directoryPasswordPolicyConfig(cloudSSODirectory, `
  max_password_age = 45
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: e.expectDirectoryPolicy(t, func(p *emucloudsso.PasswordPolicyState) {
					p.MinPasswordLength, p.MinPasswordDifferentChars, p.MaxPasswordAge = 12, 10, 45
					p.PasswordNotContainUsername, p.PasswordReusePrevention, p.MaxLoginAttempts = false, 24, 0
				}),
				ConfigStateChecks: []statecheck.StateCheck{
					int64State("min_password_length", 12),
					int64State("password_reuse_prevention", 24),
				},
			},
			{
				ResourceName:                         passwordPolicyAddress,
				ImportState:                          true,
				ImportStateId:                        cloudSSODirectory,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "directory_id",
			},
		},
	})
}

// A change outside Terraform to a managed value is drift that the next apply undoes; one to a
// value left out of the configuration is not, and state follows it.
func TestAccDirectoryPasswordPolicy_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSODirectory, "  max_password_age = 30\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{
						PasswordPolicy: &emucloudsso.PasswordPolicyPatch{MaxPasswordAge: ptr(60)}}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(passwordPolicyAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(passwordPolicyAddress, tfjsonpath.New("max_password_age"), knownvalue.Int64Exact(30)),
				}},
				Check: e.expectDirectoryPolicy(t, func(p *emucloudsso.PasswordPolicyState) { p.MaxPasswordAge = 30 }),
			},
			{
				PreConfig: func() {
					must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{
						PasswordPolicy: &emucloudsso.PasswordPolicyPatch{MaxLoginAttempts: ptr(9)}}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{int64State("max_login_attempts", 9)},
				Check: e.expectDirectoryPolicy(t, func(p *emucloudsso.PasswordPolicyState) {
					p.MaxPasswordAge, p.MaxLoginAttempts = 30, 9
				}),
			},
		},
	})
}

// An import block adopts the directory's policy: values that match plan nothing, and the
// attributes left out are read, not written.
func TestAccDirectoryPasswordPolicy_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{
		PasswordPolicy: &emucloudsso.PasswordPolicyPatch{MaxPasswordAge: ptr(60), MaxLoginAttempts: ptr(7)}}))
	config := e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSODirectory, "  max_password_age = 60\n") +
		fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", passwordPolicyAddress, cloudSSODirectory)
	steps := importBlockSteps(config, passwordPolicyAddress)
	steps[0].ConfigStateChecks = []statecheck.StateCheck{int64State("max_login_attempts", 7), int64State("min_password_length", 8)}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    steps,
	})
}

// More different characters than the minimum length is refused at plan, whether both are
// configured or the length is the directory's current one; no Set is sent.
func TestAccDirectoryPasswordPolicy_differentCharsAtPlan(t *testing.T) {
	testPlanRejections(t, []planRejection{{
		name: "both configured",
		config: func(e *testEmulator) string {
			return e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSODirectory,
				"  min_password_length = 10\n  min_password_different_chars = 11\n")
		},
		want: diagPattern("Invalid Password Policy", "min_password_different_chars (11) must not exceed min_password_length (10)",
			"Lower min_password_different_chars or raise min_password_length."),
	}})

	e := newTestEmulator(t)
	provider := e.cloudSSOConfig(cloudSSOSecret)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: provider + directoryPasswordPolicyConfig(cloudSSODirectory, "  min_password_different_chars = 3\n")},
			{
				Config: provider + directoryPasswordPolicyConfig(cloudSSODirectory, "  min_password_different_chars = 9\n"),
				ExpectError: diagPattern("Invalid Password Policy",
					"min_password_different_chars (9) must not exceed the directory's current min_password_length (8)"),
			},
		},
	})
	// CloudSSO would have refused the Set with a 400: none means none was sent.
	if n := e.count("POST /{$}", http.StatusBadRequest); n != 0 {
		t.Errorf("CloudSSO answered %d requests with 400: the plan let a Set through", n)
	}
	if got := e.directory(t, cloudSSODirectory).PasswordPolicy; got != consoleDefaults {
		t.Errorf("policy %+v after destroy", got)
	}
}

// On a create with the length left out, only CloudSSO knows the length: its refusal is
// explained, and the directory is unchanged.
func TestAccDirectoryPasswordPolicy_refusedByCloudSSO(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSODirectory,
				"  min_password_different_chars = 20\n"),
			ExpectError: diagPattern("CloudSSO Rejected The Request",
				"Setting the password policy of directory "+cloudSSODirectory+" failed: cloudsso:",
				"InvalidParameter.MinPasswordDifferentChars",
				"which is the directory's current value when min_password_length is not set here."),
		}},
	})
	if got := e.directory(t, cloudSSODirectory).PasswordPolicy; got != consoleDefaults {
		t.Errorf("a refused create changed the policy to %+v", got)
	}
}

// A directory of another account is, to this AccessKey, a directory that does not exist.
func TestAccDirectoryPasswordPolicy_unknownDirectory(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSOOtherDir, "  max_password_age = 7\n"),
			ExpectError: regexp.MustCompile(`CloudSSO Directory Not Found[\s\S]*EntityNotExists.Directory`),
		}},
	})
	if got := e.directory(t, cloudSSOOtherDir).PasswordPolicy; got != consoleDefaults {
		t.Errorf("the other account's directory changed to %+v", got)
	}
}

// A create sends only what is configured: values set elsewhere before stay, and the next
// refresh shows them.
func TestAccDirectoryPasswordPolicy_createKeepsTheRest(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{
		PasswordPolicy: &emucloudsso.PasswordPolicyPatch{MinPasswordLength: ptr(16), MaxLoginAttempts: ptr(9)}}))
	config := e.cloudSSOConfig(cloudSSOSecret) + directoryPasswordPolicyConfig(cloudSSODirectory, "  max_password_age = 30\n")
	kept := func(p *emucloudsso.PasswordPolicyState) {
		p.MaxPasswordAge, p.MinPasswordLength, p.MaxLoginAttempts = 30, 16, 9
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config, Check: e.expectDirectoryPolicy(t, kept)},
			{
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(passwordPolicyAddress, "min_password_length", "16"),
					resource.TestCheckResourceAttr(passwordPolicyAddress, "max_login_attempts", "9"),
					resource.TestCheckResourceAttr(passwordPolicyAddress, "max_password_length", "32"),
					resource.TestCheckResourceAttr(passwordPolicyAddress, "require_symbols", "true"),
				),
			},
		},
	})
}
