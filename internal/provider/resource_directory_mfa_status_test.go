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

// The ID formats of the vendor resources; testdata/invalid has one case per attribute for the
// wiring (validator and import ID).
func TestVendorIDFormats(t *testing.T) {
	for _, tc := range []struct {
		format    parentIDFormat
		good, bad []string
	}{
		{tenantIDFormat, []string{acronisCustomer, "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}, []string{"", "customer-2",
			"22222222-2222-4222-8222-22222222222A", "{22222222-2222-4222-8222-222222222222}", "1415032"}},
		{directoryIDFormat, []string{cloudSSODirectory, "d-00fc2p61abcd"}, []string{"", "d-", "d-DEMO00000001",
			"d-demo0000001", "d-demo000000012", "directory-1", "d_demo00000001"}},
	} {
		for _, id := range tc.good {
			if !tc.format.pattern.MatchString(id) {
				t.Errorf("%s %q refused", tc.format.attr, id)
			}
		}
		for _, id := range tc.bad {
			if tc.format.pattern.MatchString(id) {
				t.Errorf("%s %q accepted", tc.format.attr, id)
			}
		}
	}
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
