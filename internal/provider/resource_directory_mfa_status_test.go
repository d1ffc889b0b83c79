package provider

import (
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"

	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

func (e *testEmulator) expectDemoDirectoryMFA(t *testing.T, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := e.directory(t, cloudSSODirectory).MFAAuthenticationStatus; got != want {
			return fmt.Errorf("directory %s has MFA %q on the emulator, want %q", cloudSSODirectory, got, want)
		}
		return nil
	}
}

func TestAccDirectoryMFAStatus_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	address := "authpolicy_directory_mfa_status.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectDemoDirectoryMFA(t, "Enabled"),
		Steps: []resource.TestStep{
			{
				Config: e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, false),
				Check:  e.expectDemoDirectoryMFA(t, "Disabled"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(cloudSSODirectory)),
				},
			},
			{
				Config: e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectDemoDirectoryMFA(t, "Enabled"),
			},
			{
				Config: e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, false),
				Check:  e.expectDemoDirectoryMFA(t, "Disabled"),
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     cloudSSODirectory,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccDirectoryMFAStatus_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{MFAAuthenticationStatus: ptr("Enabled")}))
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_directory_mfa_status.test", plancheck.ResourceActionUpdate),
				}},
				Check: e.expectDemoDirectoryMFA(t, "Disabled"),
			},
		},
	})
}

func TestAccDirectoryMFAStatus_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, true) + fmt.Sprintf(`
import {
  to = authpolicy_directory_mfa_status.test
  id = %q
}
`, cloudSSODirectory)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    importBlockSteps(config, "authpolicy_directory_mfa_status.test"),
	})
}

func TestAccDirectoryMFAStatus_invalidValues(t *testing.T) {
	badID := diagPattern("Invalid Attribute Value Match", "Attribute directory_id must be a CloudSSO directory ID: d- followed by 12 lowercase letters or digits")
	var cases []planRejection
	for _, id := range []string{"", "d-", "d-DEMO00000001", "d-demo0000001", "d-demo000000012", "directory-1", "d_demo00000001"} {
		cases = append(cases, planRejection{name: fmt.Sprintf("%q", id), want: badID, config: func(e *testEmulator) string {
			return e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(id, true)
		}})
	}
	withBlock := func(attrs string) func(*testEmulator) string {
		return func(*testEmulator) string {
			return "provider \"authpolicy\" {\n  cloudsso {\n" + attrs + "\n  }\n}\n" + directoryMFAConfig(cloudSSODirectory, true)
		}
	}
	cases = append(cases,
		planRejection{name: "unsupported region", config: withBlock(`region = "mars-1"` + "\naccess_key_id = \"a\"\naccess_key_secret = \"s\""),
			want: diagPattern("Unsupported CloudSSO Region", `CloudSSO has no endpoint in region "mars-1"`)},
		planRejection{name: "STS key without token", config: withBlock(`access_key_id = "STS.abc"` + "\naccess_key_secret = \"s\""),
			want: diagPattern("Missing STS Security Token", "is a temporary STS credential and needs its security_token")},
		planRejection{name: "rate above the API's", config: withBlock("access_key_id = \"a\"\naccess_key_secret = \"s\"\nmax_requests_per_second = 500"),
			want: diagPattern("Invalid Attribute Value", "Attribute cloudsso.max_requests_per_second value must be between 1 and 100, got: 500")},
		planRejection{name: "http endpoint", config: withBlock("endpoint = \"http://cloudsso.cn-shanghai.aliyuncs.com\"\naccess_key_id = \"a\"\naccess_key_secret = \"s\""),
			want: diagPattern("Invalid Endpoint", "plain http is accepted only for loopback addresses")},
		planRejection{name: "no secret", config: withBlock("access_key_id = \"a\""),
			want: diagPattern("Missing CloudSSO Setting", "The cloudsso block needs access_key_secret (or the ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variable).")},
	)
	testPlanRejections(t, cases)
}

func TestAccDirectoryMFAStatus_wrongSecret(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.cloudSSOConfig("not-the-secret") + directoryMFAConfig(cloudSSODirectory, false),
			ExpectError: diagPattern("CloudSSO Rejected The Request Signature", "SignatureDoesNotMatch",
				"the AccessKey secret does not belong to the AccessKey ID", "Check cloudsso.access_key_secret"),
		}},
	})
	if got := e.directory(t, cloudSSODirectory).MFAAuthenticationStatus; got != "Enabled" {
		t.Errorf("a rejected request changed the directory to %q", got)
	}
}

// A directory of another account is, to this AccessKey, a directory that does not exist.
func TestAccDirectoryMFAStatus_unknownDirectory(t *testing.T) {
	for name, id := range map[string]string{"no such directory": "d-000000000000", "other account's": cloudSSOOtherDir} {
		t.Run(name, func(t *testing.T) {
			e := newTestEmulator(t)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(id, false),
					ExpectError: diagPattern("CloudSSO Directory Not Found", "EntityNotExists.Directory",
						"No directory with this ID exists in the account of the AccessKey"),
				}},
			})
		})
	}
}

// 300 directories applied with -parallelism=50 against CloudSSO's enforced quota of 100 calls
// per second per account: the client-side limit keeps under it, any throttling is retried, and
// every directory ends as configured with no error.
func TestAccDirectoryMFAStatus_manyDirectoriesUnderQuota(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	// Terraform reads these itself; plugin-testing has no option for parallelism.
	t.Setenv("TF_CLI_ARGS_plan", "-parallelism=50")
	t.Setenv("TF_CLI_ARGS_apply", "-parallelism=50")
	t.Setenv("TF_CLI_ARGS_destroy", "-parallelism=50")

	const n = 300
	var ids []string
	for i := range n {
		ids = append(ids, fmt.Sprintf("d-load%08d", i))
	}
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddDirectories(ids...) })
	allAre := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			for _, id := range ids {
				if got := e.directory(t, id).MFAAuthenticationStatus; got != want {
					return fmt.Errorf("directory %s is %q on the emulator, want %q", id, got, want)
				}
			}
			return nil
		}
	}
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             allAre("Enabled"),
		Steps: []resource.TestStep{{
			Config: e.cloudSSOConfig(cloudSSOSecret) + fmt.Sprintf(`
locals {
  directory_ids = %s
}

resource "authpolicy_directory_mfa_status" "test" {
  count        = length(local.directory_ids)
  directory_id = local.directory_ids[count.index]
  enabled      = false
}
`, hclList(ids)),
			Check: allAre("Disabled"),
		}},
	})
	var calls, throttled int
	for _, c := range e.srv.Counts() {
		if c.API == emucloudsso.Name {
			calls += c.N
			if c.Status == http.StatusBadRequest {
				throttled += c.N
			}
		}
	}
	if calls < 3*n {
		t.Errorf("the emulator saw %d CloudSSO calls, want at least %d (a write, a read and a reset per directory)", calls, 3*n)
	}
	t.Logf("%d directories: %d CloudSSO calls, %d answered 400 (throttled and retried), %s in all",
		n, calls, throttled, time.Since(start).Round(time.Second))
}
