package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

var acronisUserIDFormat = acronisID("user_id", "user", "ID (a UUID) of the Acronis user.")

type tenantUserMFAStatusModel struct {
	ID        types.String `tfsdk:"id"`
	UserID    types.String `tfsdk:"user_id"`
	TenantID  types.String `tfsdk:"tenant_id"`
	Enabled   types.Bool   `tfsdk:"enabled"`
	MFAStatus types.String `tfsdk:"mfa_status"`
}

// NewTenantUserMFAStatusResource returns the authpolicy_tenant_user_mfa_status resource.
func NewTenantUserMFAStatusResource() resource.Resource {
	return newSettingsResource(tenantUserMFAStatusSpec())
}

// tenantUserMFAStatusSpec is the resource's spec.
func tenantUserMFAStatusSpec() settingSpec[tenantUserMFAStatusModel, *acronis.Client] {
	return settingSpec[tenantUserMFAStatusModel, *acronis.Client]{
		name: "tenant_user_mfa_status",
		description: "The two-factor authentication switch of one user of an Acronis Cyber Protect Cloud tenant. " +
			"It has effect only while the user's tenant requires two-factor authentication (`authpolicy_tenant_mfa_status`): " +
			"switched off, the user logs in with a password alone; switched on, with TOTP once set up.",
		parent: acronisUserIDFormat,
		attributes: map[string]schema.Attribute{
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether two-factor authentication is switched on for the user. Read back as `true` when " +
					"`mfa_status` is `" + acronis.UserMFAEnabled + "` or `" + acronis.UserMFASetupRequired + "`, `false` otherwise.",
				Required: true,
			},
			"mfa_status": schema.StringAttribute{
				MarkdownDescription: "The user's status as the API reports it: " + userMFAStatusList() + ".",
				Computed:            true,
			},
			"tenant_id": schema.StringAttribute{
				MarkdownDescription: "The tenant the user belongs to.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		client: acronisClient,
		read: func(ctx context.Context, client *acronis.Client, m *tenantUserMFAStatusModel) error {
			u, err := client.GetUser(ctx, m.UserID.ValueString())
			if err == nil {
				m.setUser(u)
				m.Enabled = types.BoolValue(acronis.UserMFAOn(u.MFAStatus))
			}
			return err
		},
		// The API answers the switch with no content, so the status that results, and the
		// tenant, are read back: two requests per write. The switch has taken effect by then, so
		// a failed read-back still keeps the resource, its status unknown until the next refresh,
		// rather than leave a change in the API that the state does not know about.
		write: func(ctx context.Context, client *acronis.Client, m *tenantUserMFAStatusModel) error {
			if err := client.SetUserMFAStatus(ctx, m.UserID.ValueString(), m.Enabled.ValueBool()); err != nil {
				return err
			}
			u, err := client.GetUser(ctx, m.UserID.ValueString())
			if err != nil {
				m.ID, m.MFAStatus = m.UserID, types.StringNull()
				if m.TenantID.IsUnknown() {
					m.TenantID = types.StringNull()
				}
				return &settingWarning{summary: "Two-Factor Status Not Read Back", detail: fmt.Sprintf(
					"Two-factor authentication was switched %s for user %s, but reading the user's status afterwards "+
						"failed: %v. mfa_status stays empty until the next refresh reads it.",
					map[bool]string{true: "on", false: "off"}[m.Enabled.ValueBool()], m.UserID.ValueString(), err)}
			}
			m.setUser(u)
			return nil
		},
		// Switched off, as nobody configured it; where the API refuses (a partner in production
		// mode), the user is left as is with a warning.
		reset: func(ctx context.Context, client *acronis.Client, m *tenantUserMFAStatusModel) error {
			err := client.SetUserMFAStatus(ctx, m.UserID.ValueString(), false)
			var apiErr *acronis.Error
			if errors.As(err, &apiErr) && apiErr.Kind == acronis.KindBusinessRule {
				return &settingWarning{summary: "Two-Factor Authentication Left On", detail: fmt.Sprintf(
					"Acronis refused to switch two-factor authentication off for user %s: %s %s The API can't disable it for "+
						"users of partner tenants in production mode. The resource is gone from the Terraform state; the user "+
						"keeps two-factor authentication.", m.UserID.ValueString(), apiErr.Message, apiErr.Info)}
			}
			return err
		},
		subject: func(m *tenantUserMFAStatusModel) string { return "the MFA status of user " + m.UserID.ValueString() },
		value: func(m *tenantUserMFAStatusModel) string {
			if m.Enabled.ValueBool() {
				return "enabled"
			}
			return "disabled"
		},
		advice: tenantUserMFAAdvice,
		created: func(m *tenantUserMFAStatusModel) diag.Diagnostics {
			var diags diag.Diagnostics
			if m.MFAStatus.ValueString() == acronis.UserMFASetupRequired {
				diags.AddAttributeWarning(path.Root("enabled"), "User Without Two-Factor Authentication",
					fmt.Sprintf("User %s has not set up TOTP: they can't log in until they do.", m.UserID.ValueString()))
			}
			return diags
		},
	}
}

func (m *tenantUserMFAStatusModel) setUser(u *acronis.User) {
	m.ID = m.UserID
	m.TenantID = types.StringValue(u.TenantID)
	m.MFAStatus = types.StringValue(u.MFAStatus)
}

func userMFAStatusList() string {
	quoted := make([]string, len(acronis.UserMFAStatuses))
	for i, s := range acronis.UserMFAStatuses {
		quoted[i] = "`" + s + "`"
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1] + " (" +
		"`" + acronis.UserMFADisabled + "`: the tenant does not require two-factor authentication; `" +
		acronis.UserMFAForciblyDisabled + "`: it does, but the user's switch is off; `" + acronis.UserMFASetupRequired +
		"`: switched on, TOTP not set up yet; `" + acronis.UserMFAEnabled + "`: switched on and set up)"
}

// tenantUserMFAAdvice adds what is specific to a user's switch to the generic advice per failure.
var tenantUserMFAAdvice = map[kind]advice{
	acronis.KindForbidden: {"Acronis User Not Accessible",
		"An API client may only act on users of its own tenant and the tenants below it. Check user_id, or use an API " +
			"client created in the user's tenant or one of its ancestors."},
	acronis.KindNotFound: {"Acronis User Not Found", "No user has this ID. Check user_id."},
	acronis.KindBusinessRule: {"Acronis Refused The Change",
		"A user's two-factor authentication can be switched on only while the user's tenant requires it: enable it for " +
			"the tenant first (authpolicy_tenant_mfa_status, referenced or in depends_on). It can't be switched off for " +
			"users of partner tenants in production mode, where two-factor authentication is mandatory."},
}
