package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

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

const (
	acronisUser          = emuacronis.DemoUserID         // Demo Customer, MFA off there
	acronisEnrolledUser  = emuacronis.DemoEnrolledUserID // Enrolled Customer, TOTP set up
	acronisOtherUser     = emuacronis.DemoOtherUserID    // outside the demo client's subtree
	acronisUserAddress   = "authpolicy_tenant_user_mfa_status.test"
	acronisUserMFARoute  = "PUT /api/2/users/{user_id}/mfa/status"
	acronisGetUserRoute  = "GET /api/2/users/{user_id}"
	acronisPartnerUserID = "a1000000-0000-4000-8000-000000000001"
)

func tenantUserMFAConfig(userID string, enabled bool) string {
	return fmt.Sprintf(`
resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id = %q
  enabled = %t
}
`, userID, enabled)
}

func (e *testEmulator) user(t *testing.T, id string) emuacronis.UserState {
	t.Helper()
	return lookup(t, "user", e.srv.Acronis().User, id)
}

// expectUser checks the user's own switch and status on the emulator.
func (e *testEmulator) expectUser(t *testing.T, id string, switchOn bool, status string) acctest.TestCheckFunc {
	return func(*terraform.State) error {
		u := e.user(t, id)
		if u.MFAEnabled != switchOn || u.MFAStatus != status {
			return fmt.Errorf("user %s on the emulator: switch %v, mfa_status %q; want %v, %q", id, u.MFAEnabled, u.MFAStatus, switchOn, status)
		}
		return nil
	}
}

// userStateChecks check the enrolled user's state.
func userStateChecks(enabled bool, status string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(acronisUserAddress, tfjsonpath.New("enabled"), knownvalue.Bool(enabled)),
		statecheck.ExpectKnownValue(acronisUserAddress, tfjsonpath.New("mfa_status"), knownvalue.StringExact(status)),
		statecheck.ExpectKnownValue(acronisUserAddress, tfjsonpath.New("tenant_id"), knownvalue.StringExact(acronisEnrolled)),
		statecheck.ExpectKnownValue(acronisUserAddress, tfjsonpath.New("id"), knownvalue.StringExact(acronisEnrolledUser)),
	}
}

// The enrolled user, under a tenant that requires MFA: switched off (forcibly_disabled), on
// again (setup_required: switching off dropped the TOTP), imported, and switched off by destroy.
func TestAccTenantUserMFAStatus_lifecycle(t *testing.T) {
	e := newTestEmulator(t)
	config := func(enabled bool) string {
		return e.acronisConfig(acronisClientSecret) + tenantUserMFAConfig(acronisEnrolledUser, enabled)
	}
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectUser(t, acronisEnrolledUser, false, acronis.UserMFAForciblyDisabled),
		Steps: []acctest.TestStep{
			{
				Config:            config(false),
				Check:             e.expectUser(t, acronisEnrolledUser, false, acronis.UserMFAForciblyDisabled),
				ConfigStateChecks: userStateChecks(false, acronis.UserMFAForciblyDisabled),
			},
			{
				Config: config(true),
				ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acronisUserAddress, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(acronisUserAddress, tfjsonpath.New("mfa_status")),
					plancheck.ExpectKnownValue(acronisUserAddress, tfjsonpath.New("tenant_id"), knownvalue.StringExact(acronisEnrolled)),
				}},
				Check:             e.expectUser(t, acronisEnrolledUser, true, acronis.UserMFASetupRequired),
				ConfigStateChecks: userStateChecks(true, acronis.UserMFASetupRequired),
			},
			{
				ResourceName:      acronisUserAddress,
				ImportState:       true,
				ImportStateId:     acronisEnrolledUser,
				ImportStateVerify: true,
			},
		},
	})
	// Two writes and the destroy's; each write read the user back once.
	if n := e.count(acronisUserMFARoute, http.StatusOK); n != 3 {
		t.Errorf("%d switches, want 3", n)
	}
}

// Changes outside Terraform show as drift: an administrator switches the user off, and the
// next plan switches it on again. enabled reads true for setup_required as for enabled.
func TestAccTenantUserMFAStatus_drift(t *testing.T) {
	e := newTestEmulator(t)
	config := e.acronisConfig(acronisClientSecret) + tenantUserMFAConfig(acronisEnrolledUser, true)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: config, ConfigStateChecks: userStateChecks(true, acronis.UserMFAEnabled)},
			{
				PreConfig: func() {
					must(t)(e.srv.Acronis().UpdateUser(acronisEnrolledUser, emuacronis.UserPatch{MFAEnabled: ptr(false)}))
				},
				Config: config,
				ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acronisUserAddress, plancheck.ResourceActionUpdate),
				}},
				Check:             e.expectUser(t, acronisEnrolledUser, true, acronis.UserMFASetupRequired),
				ConfigStateChecks: userStateChecks(true, acronis.UserMFASetupRequired),
			},
			{
				// setup_required is switched on: nothing to change.
				Config: config,
				ConfigPlanChecks: acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// The tenant turns MFA off outside Terraform: the user reads back disabled, so the plan
// switches it on again, which the API refuses while the tenant's MFA is off; the diagnostic
// says to enable it for the tenant first. The state keeps what the API holds.
func TestAccTenantUserMFAStatus_tenantMFAOff(t *testing.T) {
	e := newTestEmulator(t)
	config := e.acronisConfig(acronisClientSecret) + tenantUserMFAConfig(acronisEnrolledUser, true)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					must(t)(e.srv.Acronis().UpdateTenant(acronisEnrolled, emuacronis.TenantPatch{MFAEnabled: ptr(false)}))
				},
				Config: config,
				ExpectError: diagPattern("Acronis Refused The Change",
					fmt.Sprintf("Updating the MFA status of user %s to enabled failed", acronisEnrolledUser), "HTTP 400",
					"Two-factor authentication can't be enabled for a user of a tenant where it is disabled.",
					"enable it for the tenant first (authpolicy_tenant_mfa_status"),
			},
			{
				// Both together: the tenant first, by reference.
				Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisEnrolled, true) + `
resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id    = "` + acronisEnrolledUser + `"
  enabled    = authpolicy_tenant_mfa_status.test.enabled
}
`,
				Check: e.expectUser(t, acronisEnrolledUser, true, acronis.UserMFAEnabled),
			},
		},
	})
	if n := e.count(acronisUserMFARoute, http.StatusBadRequest); n != 1 {
		t.Errorf("%d refused switches, want 1", n)
	}
}

// A user whose tenant's MFA is off can't be switched on; creating it is the one refused write.
func TestAccTenantUserMFAStatus_refusals(t *testing.T) {
	cases := []struct {
		name, userID string
		want         []string
		status       int
	}{
		{"tenant MFA off", acronisUser, []string{"Acronis Refused The Change",
			fmt.Sprintf("Setting the MFA status of user %s to enabled failed", acronisUser), "HTTP 400",
			"Two-factor authentication can't be enabled for a user of a tenant where it is disabled.",
			"A user's two-factor authentication can be switched on only while the user's tenant requires it"}, 400},
		{"outside the subtree", acronisOtherUser, []string{"Acronis User Not Accessible", "HTTP 403",
			"An API client may only act on users of its own tenant and the tenants below it. Check user_id"}, 403},
		{"unknown", "99999999-9999-4999-8999-999999999999", []string{"Acronis User Not Found", "HTTP 404",
			"User not found.", "No user has this ID. Check user_id."}, 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulator(t)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []acctest.TestStep{{
					Config:      e.acronisConfig(acronisClientSecret) + tenantUserMFAConfig(tc.userID, true),
					ExpectError: diagPattern(tc.want[0], tc.want[1:]...),
				}},
			})
			if n, refused := e.count(acronisUserMFARoute, 0), e.count(acronisUserMFARoute, tc.status); n != 1 || refused != 1 {
				t.Errorf("%d switches (%d refused), want the one, refused", n, refused)
			}
			if n := e.count(acronisGetUserRoute, 0); n != 0 {
				t.Errorf("%d reads after a refused write, want none", n)
			}
		})
	}
}

func TestAccTenantUserMFAStatus_importBlock(t *testing.T) {
	e := newTestEmulator(t)
	config := e.acronisConfig(acronisClientSecret) + tenantUserMFAConfig(acronisEnrolledUser, true) + fmt.Sprintf(`
import {
  to = authpolicy_tenant_user_mfa_status.test
  id = %q
}
`, acronisEnrolledUser)
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.expectUser(t, acronisEnrolledUser, false, acronis.UserMFAForciblyDisabled),
		Steps:                    importBlockSteps(config, acronisUserAddress),
	})
	if n := e.count(acronisUserMFARoute, 0); n != 1 {
		t.Errorf("want exactly the destroy's switch, got %d", n)
	}
}

// Destroy switches the user off; where the API refuses (a partner in production mode) the
// resource leaves the state with a warning instead of an error. plugin-testing can't assert
// warnings, so Delete is called as the framework would, with a real client.
func TestTenantUserMFAStatus_destroy(t *testing.T) {
	cases := []struct {
		name, userID string
		want         []string
		// switchOn and status are the user's on the emulator after the destroy.
		switchOn bool
		status   string
	}{
		{name: "customer user", userID: acronisEnrolledUser, status: acronis.UserMFAForciblyDisabled},
		{name: "partner in production mode", userID: acronisPartnerUserID, switchOn: true, status: acronis.UserMFAEnabled,
			want: []string{"warning Two-Factor Authentication Left On: Acronis refused to switch two-factor authentication off for user " +
				acronisPartnerUserID + ": Two-factor authentication can't be disabled for users of partner tenants in production mode. " +
				"User " + acronisPartnerUserID + " belongs to partner tenant " + acronisPartner + ", which is in production mode. " +
				"The API can't disable it for users of partner tenants in production mode. The resource is gone from the Terraform " +
				"state; the user keeps two-factor authentication."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulatorWith(t, withPartnerUser)
			ctx := context.Background()
			client, err := acronis.New(acronis.Config{Endpoint: e.URL, ClientID: acronisClientID, ClientSecret: acronisClientSecret})
			if err != nil {
				t.Fatal(err)
			}
			r, ok := NewTenantUserMFAStatusResource().(*settingsResource[tenantUserMFAStatusModel, *acronis.Client])
			if !ok {
				t.Fatal("the user resource is not a settings resource")
			}
			r.data = &providerData{acronis: client}
			var schemaResp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
			state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
			if diags := state.Set(ctx, &tenantUserMFAStatusModel{
				ID: types.StringValue(tc.userID), UserID: types.StringValue(tc.userID), TenantID: types.StringValue(acronisPartner),
				Enabled: types.BoolValue(true), MFAStatus: types.StringValue(acronis.UserMFAEnabled),
			}); diags.HasError() {
				t.Fatal(diags)
			}
			var resp resource.DeleteResponse
			r.Delete(ctx, resource.DeleteRequest{State: state}, &resp)
			var got []string
			for _, d := range resp.Diagnostics {
				got = append(got, strings.ToLower(d.Severity().String())+" "+d.Summary()+": "+d.Detail())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if err := e.expectUser(t, tc.userID, tc.switchOn, tc.status)(nil); err != nil {
				t.Error(err)
			}
			if n := e.count(acronisUserMFARoute, 0); n != 1 {
				t.Errorf("%d switches, want the one", n)
			}
		})
	}
}

// withPartnerUser adds a user with TOTP to the demo partner and turns the partner's MFA on:
// partners in production mode can't switch a user off.
func withPartnerUser(fx *emulator.Fixture) {
	for i := range fx.Acronis.Tenants {
		if fx.Acronis.Tenants[i].ID == acronisPartner {
			fx.Acronis.Tenants[i].MFAEnabled = true
			fx.Acronis.Tenants[i].UsersCount++
			fx.Acronis.Tenants[i].UsersWithTOTPCount++
		}
	}
	fx.Acronis.Users = append(fx.Acronis.Users, emuacronis.UserFixture{
		ID: acronisPartnerUserID, TenantID: acronisPartner, Login: "partner-admin", TOTP: true,
	})
}

// Creating the resource for a user who has not set up TOTP warns, from the status the write
// read back; plugin-testing can't assert warnings, so Create is called as the framework would.
func TestTenantUserMFAStatus_setupWarning(t *testing.T) {
	for name, tc := range map[string]struct {
		totp bool
		want []string
	}{
		"TOTP set up": {totp: true},
		"no TOTP": {want: []string{"warning User Without Two-Factor Authentication: User " + acronisEnrolledUser +
			" has not set up TOTP: they can't log in until they do."}},
	} {
		t.Run(name, func(t *testing.T) {
			e := newTestEmulator(t)
			must(t)(e.srv.Acronis().UpdateUser(acronisEnrolledUser, emuacronis.UserPatch{TOTP: ptr(tc.totp)}))
			ctx := context.Background()
			client, err := acronis.New(acronis.Config{Endpoint: e.URL, ClientID: acronisClientID, ClientSecret: acronisClientSecret})
			if err != nil {
				t.Fatal(err)
			}
			r, ok := NewTenantUserMFAStatusResource().(*settingsResource[tenantUserMFAStatusModel, *acronis.Client])
			if !ok {
				t.Fatal("the user resource is not a settings resource")
			}
			r.data = &providerData{acronis: client}
			var schemaResp resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &schemaResp)
			s := schemaResp.Schema
			objType := s.Type().TerraformType(ctx)
			unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
			plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(objType, map[string]tftypes.Value{
				"id": unknown, "tenant_id": unknown, "mfa_status": unknown,
				"user_id": tftypes.NewValue(tftypes.String, acronisEnrolledUser),
				"enabled": tftypes.NewValue(tftypes.Bool, true),
			})}
			resp := resource.CreateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(objType, nil)}}
			r.Create(ctx, resource.CreateRequest{Plan: plan}, &resp)
			var got []string
			for _, d := range resp.Diagnostics {
				got = append(got, strings.ToLower(d.Severity().String())+" "+d.Summary()+": "+d.Detail())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			var m tenantUserMFAStatusModel
			resp.Diagnostics.Append(resp.State.Get(ctx, &m)...)
			wantStatus := acronis.UserMFASetupRequired
			if tc.totp {
				wantStatus = acronis.UserMFAEnabled
			}
			if m.MFAStatus.ValueString() != wantStatus || m.TenantID.ValueString() != acronisEnrolled || m.ID.ValueString() != acronisEnrolledUser {
				t.Errorf("state %+v, want mfa_status %s", m, wantStatus)
			}
			if w, rd := e.count(acronisUserMFARoute, 0), e.count(acronisGetUserRoute, 0); w != 1 || rd != 1 {
				t.Errorf("%d writes and %d reads, want one of each", w, rd)
			}
		})
	}
}
