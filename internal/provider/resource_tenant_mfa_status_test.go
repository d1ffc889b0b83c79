package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

func (e *testEmulator) expectTenantMFA(t *testing.T, id string, want bool) acctest.TestCheckFunc {
	return func(*terraform.State) error {
		if got := e.tenant(t, id).MFAEnabled; got != want {
			return fmt.Errorf("tenant %s has MFA enabled=%v on the emulator, want %v", id, got, want)
		}
		return nil
	}
}

func TestAccTenantMFAStatus_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	address := "authpolicy_tenant_mfa_status.test"
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectTenantMFA(t, acronisCustomer, false),
		Steps: []acctest.TestStep{
			{
				Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisCustomer, true),
				Check:  e.expectTenantMFA(t, acronisCustomer, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("mfa_status"), knownvalue.StringExact("enabled")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("users_count"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("users_with_totp_enabled_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("update_allowed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(acronisCustomer)),
				},
			},
			{
				Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisCustomer, false),
				ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
				Check: e.expectTenantMFA(t, acronisCustomer, false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("mfa_status"), knownvalue.StringExact("disabled")),
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     acronisCustomer,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccTenantMFAStatus_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisCustomer, true)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.Acronis().UpdateTenant(acronisCustomer, emuacronis.TenantPatch{MFAEnabled: ptr(false)}))
				},
				Config: config,
				ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("authpolicy_tenant_mfa_status.test", plancheck.ResourceActionUpdate),
				}},
				Check: e.expectTenantMFA(t, acronisCustomer, true),
			},
		},
	})
}

func TestAccTenantMFAStatus_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisEnrolled, true) + fmt.Sprintf(`
import {
  to = authpolicy_tenant_mfa_status.test
  id = %q
}
`, acronisEnrolled)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectTenantMFA(t, acronisEnrolled, false),
		Steps:                    importBlockSteps(config, "authpolicy_tenant_mfa_status.test"),
	})
	if n := e.count("PUT "+acronisMFAStatusRoute, 0); n != 1 {
		t.Errorf("want exactly the destroy's PUT, got %d", n)
	}
}

// Disabling can pass through disable_in_progress: the apply waits for it and records disabled.
func TestAccTenantMFAStatus_disableInProgress(t *testing.T) {
	e := newTestEmulator(t)
	must(t)(e.srv.Acronis().UpdateTenant(acronisEnrolled, emuacronis.TenantPatch{DisableInProgressReads: ptr(2)}))
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisEnrolled, false),
			// Checked right after apply, before any refresh: the apply itself polled until the
			// API stopped answering disable_in_progress.
			Check: acctest.ComposeTestCheckFunc(
				e.expectTenantMFA(t, acronisEnrolled, false),
				func(*terraform.State) error {
					if left := e.tenant(t, acronisEnrolled).DisableInProgressLeft; left != 0 {
						return fmt.Errorf("the apply returned while the API still had %d disable_in_progress answers to give", left)
					}
					return nil
				},
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("authpolicy_tenant_mfa_status.test", tfjsonpath.New("mfa_status"), knownvalue.StringExact("disabled")),
				statecheck.ExpectKnownValue("authpolicy_tenant_mfa_status.test", tfjsonpath.New("enabled"), knownvalue.Bool(false)),
			},
		}},
	})
}

// Units and folders inherit MFA from their parent. Creating the resource costs no read at plan
// time, so the API's refusal of the one write is the diagnostic; a tenant already in state
// (here imported, with update_allowed = false) fails the plan, saying why, with no write.
func TestAccTenantMFAStatus_inheritedTenants(t *testing.T) {
	for kind, id := range map[string]string{"unit": acronisUnit, "folder": acronisFolder} {
		t.Run(kind+"/create", func(t *testing.T) {
			e := newTestEmulator(t)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(id, true),
					ExpectError: diagPattern("Acronis Refused The Change",
						fmt.Sprintf("Setting the MFA status of tenant %s to enabled failed", id), "HTTP 400",
						fmt.Sprintf("MFA status cannot be changed for tenants of kind '%s'", kind),
						"Folder and unit tenants inherit two-factor authentication from their parent"),
				}},
			})
			if n, refused := e.count("PUT "+acronisMFAStatusRoute, 0), e.count("PUT "+acronisMFAStatusRoute, http.StatusBadRequest); n != 1 || refused != 1 {
				t.Errorf("%d PUTs (%d refused), want the one write, refused", n, refused)
			}
			if n := e.count("GET "+acronisMFAStatusRoute, 0); n != 0 {
				t.Errorf("%d reads of the status, want none", n)
			}
		})
		t.Run(kind+"/in state", func(t *testing.T) {
			e := newTestEmulator(t)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(id, true) + fmt.Sprintf(`
import {
  to = authpolicy_tenant_mfa_status.test
  id = %q
}
`, id),
					ExpectError: diagPattern("Tenant MFA Status Can't Be Changed",
						fmt.Sprintf("Tenant %s is a %s. A %s inherits two-factor authentication from its parent tenant", id, kind, kind),
						"Manage the parent's status instead."),
				}},
			})
			if n := e.count("PUT "+acronisMFAStatusRoute, 0); n != 0 {
				t.Errorf("the plan failed but %d PUTs reached the emulator", n)
			}
		})
	}
}

func TestAccTenantMFAStatus_outsideSubtree(t *testing.T) {
	e := newTestEmulator(t)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisOtherCustomer, true),
			ExpectError: diagPattern("Acronis Tenant Not Accessible", "HTTP 403",
				"An API client may only act on its own tenant and the tenants below it"),
		}},
	})
}

func TestAccTenantMFAStatus_badClientSecret(t *testing.T) {
	e := newTestEmulator(t)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig("not-the-secret") + tenantMFAConfig(acronisCustomer, true),
			ExpectError: diagPattern("Acronis API Client Rejected", "HTTP 401", "invalid_client",
				"Check acronis.client_id and acronis.client_secret"),
		}},
	})
	if n := e.count(acronisTokenRoute, 0); n != 1 {
		t.Errorf("a rejected client secret was sent %d times, want once", n)
	}
}

// plugin-testing can't assert warnings, so the enrolment warning is checked by calling
// ModifyPlan and Create as the framework would, with a real client against the emulator. A
// change to a tenant in state warns at plan time from the refreshed state, with no request; a
// new resource warns at apply time from the write's answer.
func TestTenantMFAStatus_enrolmentWarning(t *testing.T) {
	const notEnrolled = "warning Users Without Two-Factor Authentication: 3 of the 5 users of tenant " + acronisCustomer +
		" have not set up TOTP. "
	cases := []struct {
		name     string
		tenantID string
		// state is the refreshed state of a change; nil plans a new resource, which Create applies.
		state   *tenantMFAStatusModel
		enabled bool
		want    []string // "severity summary: detail" of each diagnostic
		// wantPuts is how many writes the emulator must have seen.
		wantPuts int
	}{
		{name: "planning to enable, users not enrolled", tenantID: acronisCustomer, state: refreshedTenant(acronisCustomer, 5, 2), enabled: true,
			want: []string{notEnrolled + "Once two-factor authentication is enabled they can't log in until they set it up."}},
		{name: "planning to enable, every user enrolled", tenantID: acronisEnrolled, state: refreshedTenant(acronisEnrolled, 4, 4), enabled: true},
		{name: "planning to disable", tenantID: acronisCustomer, state: refreshedTenant(acronisCustomer, 5, 2)},
		{name: "creating enabled, users not enrolled", tenantID: acronisCustomer, enabled: true, wantPuts: 1,
			want: []string{notEnrolled + "Two-factor authentication is now enabled: they can't log in until they set it up."}},
		{name: "creating enabled, every user enrolled", tenantID: acronisEnrolled, enabled: true, wantPuts: 1},
		{name: "creating disabled", tenantID: acronisCustomer, wantPuts: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulator(t)
			ctx := context.Background()
			client, err := acronis.New(acronis.Config{Endpoint: e.URL, ClientID: acronisClientID, ClientSecret: acronisClientSecret})
			if err != nil {
				t.Fatal(err)
			}
			r, ok := NewTenantMFAStatusResource().(*settingsResource[tenantMFAStatusModel, *acronis.Client])
			if !ok {
				t.Fatal("the tenant resource is not a settings resource")
			}
			r.data = &providerData{acronis: client}
			var schemaResp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
			s := schemaResp.Schema
			objType := s.Type().TerraformType(ctx)
			unknown := func(typ tftypes.Type) tftypes.Value { return tftypes.NewValue(typ, tftypes.UnknownValue) }
			plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(objType, map[string]tftypes.Value{
				"id":                            unknown(tftypes.String),
				"tenant_id":                     tftypes.NewValue(tftypes.String, tc.tenantID),
				"enabled":                       tftypes.NewValue(tftypes.Bool, tc.enabled),
				"mfa_status":                    unknown(tftypes.String),
				"users_count":                   unknown(tftypes.Number),
				"users_with_totp_enabled_count": unknown(tftypes.Number),
				"update_allowed":                unknown(tftypes.Bool),
			})}
			state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(objType, nil)}
			if tc.state != nil {
				tc.state.Enabled = types.BoolValue(!tc.enabled)
				tc.state.MFAStatus = mfaStatusFor(!tc.enabled)
				if diags := state.Set(ctx, tc.state); diags.HasError() {
					t.Fatal(diags)
				}
			}
			planResp := resource.ModifyPlanResponse{Plan: plan}
			r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan, State: state}, &planResp)
			diags := planResp.Diagnostics
			var status types.String
			diags.Append(planResp.Plan.GetAttribute(ctx, path.Root("mfa_status"), &status)...)
			if want := mfaStatusFor(tc.enabled); !status.Equal(want) {
				t.Errorf("planned mfa_status %s, want %s", status, want)
			}
			if n := e.srv.Total(); n != 0 {
				t.Errorf("planning made %d requests, want none", n)
			}
			if tc.state == nil {
				createResp := resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(objType, nil)}}
				r.Create(ctx, resource.CreateRequest{Plan: planResp.Plan}, &createResp)
				diags.Append(createResp.Diagnostics...)
			}

			var got []string
			for _, d := range diags {
				got = append(got, strings.ToLower(d.Severity().String())+" "+d.Summary()+": "+d.Detail())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if n := e.count("PUT "+acronisMFAStatusRoute, 0); n != tc.wantPuts {
				t.Errorf("%d writes, want %d", n, tc.wantPuts)
			}
		})
	}
}

// refreshedTenant is the state Read leaves for a tenant whose status the API may change.
func refreshedTenant(id string, users, enrolled int64) *tenantMFAStatusModel {
	return &tenantMFAStatusModel{
		ID: types.StringValue(id), TenantID: types.StringValue(id),
		UsersCount: types.Int64Value(users), UsersWithTOTPEnabledCount: types.Int64Value(enrolled),
		UpdateAllowed: types.BoolValue(true),
	}
}

func tenantsMFAConfig(ids []string) string {
	return fmt.Sprintf(`
locals {
  tenant_ids = %s
}

resource "authpolicy_tenant_mfa_status" "test" {
  count     = length(local.tenant_ids)
  tenant_id = local.tenant_ids[count.index]
  enabled   = true
}
`, hclList(ids))
}

// One token per provider process, whatever the number of resources: 20 tenants fetch as many
// tokens as 1 does.
func TestAccTenantMFAStatus_oneTokenForManyResources(t *testing.T) {
	if os.Getenv(acctest.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", acctest.EnvTfAcc)
	}
	tokens := func(n int) int {
		var got int
		t.Run(fmt.Sprintf("%d tenants", n), func(t *testing.T) {
			var ids []string
			e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { ids = manyCustomers(fx, n) })
			acctest.Test(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config: e.acronisConfig(acronisClientSecret) + tenantsMFAConfig(ids),
					Check: func(*terraform.State) error {
						for _, id := range ids {
							if !e.tenant(t, id).MFAEnabled {
								return fmt.Errorf("tenant %s was not enabled", id)
							}
						}
						return nil
					},
				}},
			})
			got = e.count(acronisTokenRoute, 0)
		})
		return got
	}
	one, twenty := tokens(1), tokens(20)
	if one == 0 || twenty != one {
		t.Errorf("1 tenant fetched %d tokens, 20 tenants fetched %d: want the same, non-zero", one, twenty)
	}
}

// The API rejects each token after 15 requests, so every command sees its token refused mid-run;
// the apply of 20 tenants still converges. Against a run where tokens never expire, it fetches
// more tokens (the refused ones were replaced) but never more than one per refusal (refusals
// of the same token share one replacement). 15 is above Terraform's default parallelism of 10,
// so a new token outlives the requests in flight when the old one died, as with real expiry.
func TestAccTenantMFAStatus_tokenExpiresMidRun(t *testing.T) {
	if os.Getenv(acctest.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", acctest.EnvTfAcc)
	}
	apply := func(maxUses int) (tokens, refused int) {
		t.Run(fmt.Sprintf("token max uses %d", maxUses), func(t *testing.T) {
			var ids []string
			e := newTestEmulatorWith(t, func(fx *emulator.Fixture) {
				ids = manyCustomers(fx, 20)
				fx.Acronis.Settings = &emuacronis.SettingsFixture{TokenMaxUses: maxUses}
			})
			acctest.Test(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config: e.acronisConfig(acronisClientSecret) + tenantsMFAConfig(ids),
					Check: func(*terraform.State) error {
						for _, id := range ids {
							if !e.tenant(t, id).MFAEnabled {
								return fmt.Errorf("tenant %s was not enabled", id)
							}
						}
						return nil
					},
				}},
			})
			tokens = e.count(acronisTokenRoute, 200)
			refused = e.count("GET "+acronisMFAStatusRoute, 401) + e.count("PUT "+acronisMFAStatusRoute, 401)
		})
		return tokens, refused
	}
	baseline, _ := apply(0)
	tokens, refused := apply(15)
	switch {
	case refused == 0:
		t.Fatal("no request was refused for its token: the test did not exercise a token expiring mid-run")
	case tokens <= baseline:
		t.Errorf("%d refusals, yet %d tokens as without expiry: refused tokens were not replaced", refused, tokens)
	case tokens > baseline+refused:
		t.Errorf("%d tokens for %d refusals and a baseline of %d: more than one new token per refusal", tokens, refused, baseline)
	}
	t.Logf("baseline %d tokens; with expiry every 15 requests: %d refusals, %d tokens", baseline, refused, tokens)
}
