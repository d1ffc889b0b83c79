package provider

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

const (
	mfaLevelOptional          = "OPTIONAL"
	mfaLevelRequired          = "REQUIRED"
	mfaLevelRackspaceMandated = "RACKSPACE_MANDATED"
)

// The levels a customer may set; RACKSPACE_MANDATED is only ever set by Rackspace.
var settableMFALevels = []string{mfaLevelRequired, mfaLevelOptional}

type domainMFAEnforcementModel struct {
	ID               types.String `tfsdk:"id"`
	DomainID         types.String `tfsdk:"domain_id"`
	EnforcementLevel types.String `tfsdk:"enforcement_level"`
}

// NewDomainMFAEnforcementResource returns the authpolicy_domain_mfa_enforcement resource.
func NewDomainMFAEnforcementResource() resource.Resource {
	return newSettingsResource(domainMFAEnforcementSpec())
}

// domainMFAEnforcementSpec is the resource's spec, which its list resource shares.
func domainMFAEnforcementSpec() settingSpec[domainMFAEnforcementModel, *rackspace.Session] {
	return settingSpec[domainMFAEnforcementModel, *rackspace.Session]{
		name: "domain_mfa_enforcement",
		description: "The multi-factor authentication enforcement level of a Rackspace Cloud Identity domain: " +
			"whether every user of the domain must use multi-factor authentication.",
		parent: domainIDFormat,
		attributes: map[string]schema.Attribute{
			"enforcement_level": schema.StringAttribute{
				MarkdownDescription: "`REQUIRED` makes multi-factor authentication mandatory for every user of the domain " +
					"(users may still be exempted one by one); `OPTIONAL` lets each user choose. One of `" +
					strings.Join(settableMFALevels, "`, `") + "`.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(settableMFALevels...)},
			},
		},
		client: identityClient,
		read: func(ctx context.Context, identity *rackspace.Session, m *domainMFAEnforcementModel) error {
			domain, err := identity.GetDomain(ctx, m.DomainID.ValueString())
			if err != nil {
				return err
			}
			// Identity omits the level of a domain that never had one set and treats it as OPTIONAL.
			m.EnforcementLevel = types.StringValue(cmp.Or(domain.MultiFactorEnforcementLevel, mfaLevelOptional))
			return nil
		},
		write: func(ctx context.Context, identity *rackspace.Session, m *domainMFAEnforcementModel) error {
			return identity.SetDomainMFAEnforcement(ctx, m.DomainID.ValueString(), m.EnforcementLevel.ValueString())
		},
		// A domain nobody configured is at OPTIONAL; one at RACKSPACE_MANDATED stays there.
		reset: func(ctx context.Context, identity *rackspace.Session, m *domainMFAEnforcementModel) error {
			if m.EnforcementLevel.ValueString() == mfaLevelRackspaceMandated {
				return nil
			}
			m.EnforcementLevel = types.StringValue(mfaLevelOptional)
			return identity.SetDomainMFAEnforcement(ctx, m.DomainID.ValueString(), mfaLevelOptional)
		},
		subject: func(m *domainMFAEnforcementModel) string {
			return "the multi-factor enforcement level of domain " + m.DomainID.ValueString()
		},
		value:      func(m *domainMFAEnforcementModel) string { return m.EnforcementLevel.ValueString() },
		advice:     domainMFAAdvice,
		modifyPlan: refuseMandatedChange,
	}
}

// refuseMandatedChange fails the plan of a change to a domain that state, as just refreshed,
// shows at RACKSPACE_MANDATED, which no customer request can change. A new resource's domain is
// not read here: that would cost a request per domain in every plan and again in the apply, and
// Identity's own refusal of the write says the same.
func refuseMandatedChange(ctx context.Context, _ *rackspace.Session, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
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

// domainMFAAdvice adds what is specific to a domain's enforcement level to Identity's advice.
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
	rackspace.KindNotFound: {summary: "Rackspace Domain Not Found", text: "Check domain_id: no domain has that ID."},
}
