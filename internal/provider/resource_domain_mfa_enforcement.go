package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

var (
	_ resource.ResourceWithConfigure   = &domainMFAEnforcementResource{}
	_ resource.ResourceWithImportState = &domainMFAEnforcementResource{}
	_ resource.ResourceWithModifyPlan  = &domainMFAEnforcementResource{}
)

const (
	mfaLevelOptional          = "OPTIONAL"
	mfaLevelRequired          = "REQUIRED"
	mfaLevelRackspaceMandated = "RACKSPACE_MANDATED"
)

// The levels a customer may set; RACKSPACE_MANDATED is only ever set by Rackspace.
var settableMFALevels = []string{mfaLevelRequired, mfaLevelOptional}

// NewDomainMFAEnforcementResource returns the authpolicy_domain_mfa_enforcement resource.
func NewDomainMFAEnforcementResource() resource.Resource {
	return &domainMFAEnforcementResource{settingsResource{parent: domainIDFormat}}
}

type domainMFAEnforcementResource struct {
	settingsResource
}

type domainMFAEnforcementModel struct {
	ID               types.String `tfsdk:"id"`
	DomainID         types.String `tfsdk:"domain_id"`
	EnforcementLevel types.String `tfsdk:"enforcement_level"`
}

func (r *domainMFAEnforcementResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_domain_mfa_enforcement"
}

func (r *domainMFAEnforcementResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The multi-factor authentication enforcement level of a Rackspace Cloud Identity domain: " +
			"whether every user of the domain must use multi-factor authentication.",
		Attributes: map[string]schema.Attribute{
			"domain_id": domainIDAttribute(),
			"enforcement_level": schema.StringAttribute{
				MarkdownDescription: "`REQUIRED` makes multi-factor authentication mandatory for every user of the domain " +
					"(users may still be exempted one by one); `OPTIONAL` lets each user choose. One of `" +
					strings.Join(settableMFALevels, "`, `") + "`.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(settableMFALevels...)},
			},
			"id": idAttribute("domain_id"),
		},
	}
}

// ModifyPlan fails a plan the apply could only fail, after other objects of the run may already
// have changed: when the provider has no rackspace block, and for a change to a domain that
// state, as just refreshed, shows at RACKSPACE_MANDATED, which no customer request can change.
// A new resource's domain is not read here: that would cost a request per domain in every plan
// and again in the apply, and Identity's own refusal of the write says the same.
func (r *domainMFAEnforcementResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() && r.data.rackspaceOrDiag(&resp.Diagnostics) == nil {
		return
	}
	if req.State.Raw.IsNull() {
		return
	}
	var state domainMFAEnforcementModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.EnforcementLevel.ValueString() != mfaLevelRackspaceMandated {
		return
	}
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddWarning("Domain Left At RACKSPACE_MANDATED",
			fmt.Sprintf("Domain %s is at RACKSPACE_MANDATED, which only Rackspace can change. Destroying this "+
				"resource removes it from Terraform and leaves the domain as it is.", state.DomainID.ValueString()))
		return
	}
	var plan domainMFAEnforcementModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !state.DomainID.Equal(plan.DomainID) {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("enforcement_level"), "Domain Enforcement Is RACKSPACE_MANDATED",
		fmt.Sprintf("Rackspace has set the multi-factor enforcement level of domain %s to RACKSPACE_MANDATED, which "+
			"customers can't change through the API. Open a Rackspace support ticket to change it, or remove this "+
			"resource from the configuration.", plan.DomainID.ValueString()))
}

func (r *domainMFAEnforcementResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *domainMFAEnforcementModel, diags *diag.Diagnostics) {
		r.write(ctx, m, "Setting", diags)
	})
}

func (r *domainMFAEnforcementResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, identity := rackspaceState[domainMFAEnforcementModel](ctx, r.data, req.State, &resp.Diagnostics)
	if identity == nil {
		return
	}
	domain, err := identity.GetDomain(ctx, state.DomainID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag(fmt.Sprintf("Reading domain %s", state.DomainID.ValueString()), err, domainMFAAdvice))
		return
	}
	level := domain.MultiFactorEnforcementLevel
	if level == "" {
		// Identity omits the level of a domain that never had one set and treats it as OPTIONAL.
		level = mfaLevelOptional
	}
	state.EnforcementLevel = types.StringValue(level)
	state.ID = state.DomainID
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *domainMFAEnforcementResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *domainMFAEnforcementModel, diags *diag.Diagnostics) {
		r.write(ctx, m, "Updating", diags)
	})
}

// Delete returns the domain to OPTIONAL, the level of a domain nobody has configured.
func (r *domainMFAEnforcementResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state domainMFAEnforcementModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.EnforcementLevel.ValueString() == mfaLevelRackspaceMandated {
		return
	}
	state.EnforcementLevel = types.StringValue(mfaLevelOptional)
	r.write(ctx, &state, "Resetting", &resp.Diagnostics)
}

func (r *domainMFAEnforcementResource) write(ctx context.Context, m *domainMFAEnforcementModel, verb string, diags *diag.Diagnostics) {
	svc := r.data.rackspaceOrDiag(diags)
	if svc == nil {
		return
	}
	domainID, level := m.DomainID.ValueString(), m.EnforcementLevel.ValueString()
	if err := svc.session.SetDomainMFAEnforcement(ctx, domainID, level); err != nil {
		diags.Append(apiErrorDiag(fmt.Sprintf("%s the multi-factor enforcement level of domain %s to %s", verb, domainID, level), err, domainMFAAdvice))
		return
	}
	m.ID = m.DomainID
}

// domainMFAAdvice adds what is specific to this API to the generic advice per failure.
var domainMFAAdvice = map[kind]advice{
	rackspace.KindForbidden: {text: "Changing a domain's enforcement level needs the identity:user-manage or identity:user-admin " +
		"role in that domain (or a Rackspace identity:admin); an identity:default user can't. Log in as the domain's " +
		"user-admin, or ask for the role."},
	rackspace.KindMFAPrecondition: {text: "Identity changes a domain's enforcement level only for a caller who has multi-factor " +
		"authentication enabled on their own account, or whose own enforcement level is OPTIONAL. Add an " +
		"authenticator-app device or a phone to the account the provider logs in as, enable multi-factor " +
		"authentication on it (then configure totp_secret), or ask an administrator to set that user's own " +
		"enforcement level to OPTIONAL."},
	rackspace.KindRackspaceMandated: {text: "The domain is at RACKSPACE_MANDATED, which only Rackspace can change: open a " +
		"Rackspace support ticket."},
	rackspace.KindNotFound: {text: "Check domain_id: no domain has that ID."},
}
