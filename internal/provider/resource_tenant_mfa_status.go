package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

var tenantIDFormat = acronisID("tenant_id", "tenant", "ID (a UUID) of the partner or customer tenant.")

type tenantMFAStatusModel struct {
	ID                        types.String `tfsdk:"id"`
	TenantID                  types.String `tfsdk:"tenant_id"`
	Enabled                   types.Bool   `tfsdk:"enabled"`
	MFAStatus                 types.String `tfsdk:"mfa_status"`
	UsersCount                types.Int64  `tfsdk:"users_count"`
	UsersWithTOTPEnabledCount types.Int64  `tfsdk:"users_with_totp_enabled_count"`
	UpdateAllowed             types.Bool   `tfsdk:"update_allowed"`
}

// NewTenantMFAStatusResource returns the authpolicy_tenant_mfa_status resource.
func NewTenantMFAStatusResource() resource.Resource {
	return newSettingsResource(tenantMFAStatusSpec())
}

// tenantMFAStatusSpec is the resource's spec, which its list resource shares.
func tenantMFAStatusSpec() settingSpec[tenantMFAStatusModel, *acronis.Client] {
	return settingSpec[tenantMFAStatusModel, *acronis.Client]{
		name: "tenant_mfa_status",
		description: "The two-factor authentication switch of an Acronis Cyber Protect Cloud tenant. When it " +
			"is on, every user of the tenant must set up two-factor authentication (TOTP) and can't log in until they do.",
		parent: tenantIDFormat,
		attributes: map[string]schema.Attribute{
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether two-factor authentication is required in the tenant.",
				Required:            true,
			},
			"mfa_status": schema.StringAttribute{
				MarkdownDescription: "The tenant's status as the API reports it: `" + acronis.MFAEnabled + "` or `" +
					acronis.MFADisabled + "` (a disable still in progress is waited for and shown as `" + acronis.MFADisabled + "`).",
				Computed: true,
			},
			"users_count": schema.Int64Attribute{
				MarkdownDescription: "Active users of the tenant, its folders and units included.",
				Computed:            true,
			},
			"users_with_totp_enabled_count": schema.Int64Attribute{
				MarkdownDescription: "How many of those users have set up TOTP.",
				Computed:            true,
			},
			"update_allowed": schema.BoolAttribute{
				MarkdownDescription: "Whether the API client may change the tenant's status.",
				Computed:            true,
			},
		},
		client: acronisClient,
		read: func(ctx context.Context, client *acronis.Client, m *tenantMFAStatusModel) error {
			status, err := client.GetTenantMFAStatus(ctx, m.TenantID.ValueString())
			if err == nil {
				m.setStatus(status)
			}
			return err
		},
		// The computed attributes come from the write's answer, so no read follows the write.
		write: func(ctx context.Context, client *acronis.Client, m *tenantMFAStatusModel) error {
			status, err := client.SetTenantMFAStatus(ctx, m.TenantID.ValueString(), m.Enabled.ValueBool())
			if err == nil {
				m.setStatus(status)
			}
			return err
		},
		// Disabled is the state of a tenant nobody configured.
		reset: func(ctx context.Context, client *acronis.Client, m *tenantMFAStatusModel) error {
			m.Enabled = types.BoolValue(false)
			_, err := client.SetTenantMFAStatus(ctx, m.TenantID.ValueString(), false)
			return err
		},
		subject:    func(m *tenantMFAStatusModel) string { return "the MFA status of tenant " + m.TenantID.ValueString() },
		value:      func(m *tenantMFAStatusModel) string { return mfaStatusFor(m.Enabled.ValueBool()).ValueString() },
		advice:     tenantMFAAdvice,
		modifyPlan: planTenantStatus,
		// The plan of a new resource could not warn without a read; the write's answer can.
		created: func(m *tenantMFAStatusModel) diag.Diagnostics {
			if !m.Enabled.ValueBool() {
				return nil
			}
			return enrolmentWarning(m.TenantID.ValueString(), m.UsersCount, m.UsersWithTOTPEnabledCount,
				"Two-factor authentication is now enabled: they can't log in until they set it up.")
		},
	}
}

// planTenantStatus plans mfa_status, which the configuration decides. For a change to a tenant in
// state it also surfaces what the API would refuse or what would lock users out, from the state
// Read has just refreshed. A new resource costs no read here: that would be one per tenant in
// every plan and again in the apply, and the write's answer carries the same facts.
func planTenantStatus(ctx context.Context, client *acronis.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan tenantMFAStatusModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.TenantID.IsUnknown() || plan.Enabled.IsUnknown() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state tenantMFAStatusModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if state.TenantID.Equal(plan.TenantID) {
			if state.Enabled.Equal(plan.Enabled) {
				return
			}
			if !state.UpdateAllowed.IsNull() && !state.UpdateAllowed.ValueBool() {
				resp.Diagnostics.Append(updateNotAllowed(ctx, client, plan.TenantID.ValueString()))
				return
			}
			if plan.Enabled.ValueBool() {
				resp.Diagnostics.Append(enrolmentWarning(plan.TenantID.ValueString(), state.UsersCount, state.UsersWithTOTPEnabledCount,
					"Once two-factor authentication is enabled they can't log in until they set it up.")...)
			}
		}
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("mfa_status"), mfaStatusFor(plan.Enabled.ValueBool()))...)
}

// enrolmentWarning warns, if some users of the tenant have not set up TOTP, that they are or
// will be locked out; then completes the sentence.
func enrolmentWarning(tenantID string, users, enrolled types.Int64, then string) diag.Diagnostics {
	var diags diag.Diagnostics
	if missing := users.ValueInt64() - enrolled.ValueInt64(); missing > 0 {
		diags.AddAttributeWarning(path.Root("enabled"), "Users Without Two-Factor Authentication",
			fmt.Sprintf("%d of the %d users of tenant %s have not set up TOTP. %s", missing, users.ValueInt64(), tenantID, then))
	}
	return diags
}

// updateNotAllowed explains why the API client can't change the tenant, naming the rule that
// applies: folders and units inherit the status of their parent.
func updateNotAllowed(ctx context.Context, client *acronis.Client, tenantID string) diag.Diagnostic {
	summary := "Tenant MFA Status Can't Be Changed"
	tenant, err := client.GetTenant(ctx, tenantID)
	if err == nil && (tenant.Kind == acronis.TenantKindUnit || tenant.Kind == acronis.TenantKindFolder) {
		return diag.NewAttributeErrorDiagnostic(path.Root("tenant_id"), summary, fmt.Sprintf(
			"Tenant %s is a %s. A %s inherits two-factor authentication from its parent tenant (%s) and its own "+
				"status can't be changed. Manage the parent's status instead.", tenantID, tenant.Kind, tenant.Kind, tenant.ParentID))
	}
	return diag.NewAttributeErrorDiagnostic(path.Root("tenant_id"), summary, fmt.Sprintf(
		"The API reports update_allowed = false for tenant %s: this API client may not change its two-factor "+
			"authentication status. Use an API client created in the tenant or one of its ancestors, whose role allows "+
			"managing the tenant.", tenantID))
}

func (m *tenantMFAStatusModel) setStatus(s *acronis.MFAStatus) {
	enabled := s.Status == acronis.MFAEnabled
	m.ID = m.TenantID
	m.Enabled = types.BoolValue(enabled)
	m.MFAStatus = mfaStatusFor(enabled)
	m.UsersCount = types.Int64Value(int64(s.UsersCount))
	m.UsersWithTOTPEnabledCount = types.Int64Value(int64(s.UsersWithTOTPEnabledCount))
	m.UpdateAllowed = types.BoolValue(s.UpdateAllowed)
}

func mfaStatusFor(enabled bool) types.String {
	if enabled {
		return types.StringValue(acronis.MFAEnabled)
	}
	return types.StringValue(acronis.MFADisabled)
}

// tenantMFAAdvice adds what is specific to a tenant's status to the generic advice per failure.
var tenantMFAAdvice = map[kind]advice{
	acronis.KindForbidden: {"Acronis Tenant Not Accessible",
		"An API client may only act on its own tenant and the tenants below it. Check tenant_id, or use an API client " +
			"created in this tenant or one of its ancestors."},
	acronis.KindNotFound: {"Acronis Tenant Not Found", "No tenant has this ID. Check tenant_id."},
	acronis.KindBusinessRule: {"Acronis Refused The Change",
		"Folder and unit tenants inherit two-factor authentication from their parent and can't be changed."},
}
