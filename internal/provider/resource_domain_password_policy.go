package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/isoduration"
)

var (
	_ resource.ResourceWithConfigure        = &domainPasswordPolicyResource{}
	_ resource.ResourceWithImportState      = &domainPasswordPolicyResource{}
	_ resource.ResourceWithConfigValidators = &domainPasswordPolicyResource{}
	_ resource.ResourceWithModifyPlan       = &domainPasswordPolicyResource{}
)

// maxPasswordHistory is Identity's password.history.max default.
const maxPasswordHistory = 10

// NewDomainPasswordPolicyResource returns the authpolicy_domain_password_policy resource.
func NewDomainPasswordPolicyResource() resource.Resource {
	return &domainPasswordPolicyResource{settingsResource{parent: domainIDFormat}}
}

type domainPasswordPolicyResource struct {
	settingsResource
}

type domainPasswordPolicyModel struct {
	ID                         types.String              `tfsdk:"id"`
	DomainID                   types.String              `tfsdk:"domain_id"`
	PasswordDuration           isoduration.DurationValue `tfsdk:"password_duration"`
	PasswordHistoryRestriction types.Int64               `tfsdk:"password_history_restriction"`
}

func (r *domainPasswordPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_domain_password_policy"
}

func (r *domainPasswordPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The password policy of a Rackspace Cloud Identity domain: how long a password may be used, " +
			"and how many earlier passwords a new one may not repeat. It applies to every user of the domain at once.",
		Attributes: map[string]schema.Attribute{
			"domain_id": domainIDAttribute(),
			"password_duration": schema.StringAttribute{
				MarkdownDescription: "How long a password may be used after it was set, as an ISO-8601 duration with days, " +
					"hours, minutes and seconds only (e.g. `P90D`, `P90DT6H30M5S`, `PT12H`; years, months and weeks are " +
					"not accepted). `PT0S` means passwords never expire. Equal durations written differently (`P1D` and " +
					"`PT24H`) are the same value and cause no change.",
				CustomType: isoduration.DurationType{},
				Optional:   true,
			},
			"password_history_restriction": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many previous passwords a new password may not repeat, from 0 to %d. "+
					"`0` ignores the history, though a password can never be changed to itself.", maxPasswordHistory),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, maxPasswordHistory)},
			},
			"id": idAttribute("domain_id"),
		},
	}
}

func (r *domainPasswordPolicyResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("password_duration"), path.MatchRoot("password_history_restriction")),
	}
}

// ModifyPlan fails the plan of a new or changed policy when the provider has no rackspace block:
// the apply could only fail, after other objects of the run may already have changed.
func (r *domainPasswordPolicyResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		r.data.rackspaceOrDiag(&resp.Diagnostics)
	}
}

func (r *domainPasswordPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *domainPasswordPolicyModel, diags *diag.Diagnostics) {
		r.write(ctx, m, "Setting", diags)
	})
}

func (r *domainPasswordPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, identity := rackspaceState[domainPasswordPolicyModel](ctx, r.data, req.State, &resp.Diagnostics)
	if identity == nil {
		return
	}
	domainID := state.DomainID.ValueString()
	policy, err := identity.GetPasswordPolicy(ctx, domainID)
	if isNotFound(err) {
		// Identity answers 404 when the domain has no policy: it was deleted outside Terraform.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Reading the password policy of domain "+domainID, err, passwordPolicyAdvice))
		return
	}

	state.PasswordDuration = isoduration.NewDurationNull()
	if policy.Duration != "" {
		state.PasswordDuration = isoduration.NewDurationValue(policy.Duration)
	}
	state.PasswordHistoryRestriction = types.Int64Null()
	if policy.HistoryRestriction != nil {
		state.PasswordHistoryRestriction = types.Int64Value(int64(*policy.HistoryRestriction))
	}
	state.ID = state.DomainID
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *domainPasswordPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *domainPasswordPolicyModel, diags *diag.Diagnostics) {
		r.write(ctx, m, "Updating", diags)
	})
}

// Delete removes the policy: a domain without one has passwords that never expire and no
// history restriction.
func (r *domainPasswordPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, identity := rackspaceState[domainPasswordPolicyModel](ctx, r.data, req.State, &resp.Diagnostics)
	if identity == nil {
		return
	}
	domainID := state.DomainID.ValueString()
	if err := identity.DeletePasswordPolicy(ctx, domainID); err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Deleting the password policy of domain "+domainID, err, passwordPolicyAdvice))
	}
}

// write sends the whole policy. State keeps the planned values rather than Identity's echo:
// Identity echoes the duration as sent, and semantic equality covers any other spelling.
func (r *domainPasswordPolicyResource) write(ctx context.Context, m *domainPasswordPolicyModel, verb string, diags *diag.Diagnostics) {
	svc := r.data.rackspaceOrDiag(diags)
	if svc == nil {
		return
	}
	policy := rackspace.PasswordPolicy{Duration: m.PasswordDuration.ValueString()}
	if !m.PasswordHistoryRestriction.IsNull() {
		n := int(m.PasswordHistoryRestriction.ValueInt64())
		policy.HistoryRestriction = &n
	}
	domainID := m.DomainID.ValueString()
	if err := svc.session.SetPasswordPolicy(ctx, domainID, policy); err != nil {
		diags.Append(apiErrorDiag(verb+" the password policy of domain "+domainID, err, passwordPolicyAdvice))
		return
	}
	m.ID = m.DomainID
}

var passwordPolicyAdvice = map[kind]advice{
	rackspace.KindForbidden: {text: "Identity answers 403 Forbidden both when the caller lacks the identity:user-admin role " +
		"of the domain (user-manage and default users can't manage password policies) and when no domain has this " +
		"ID. Check domain_id, and log in as the domain's user-admin."},
	rackspace.KindBadRequest: {text: "Check password_duration (days, hours, minutes and seconds only) and " +
		"password_history_restriction (0 to 10)."},
}
