package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/isoduration"
)

// maxPasswordHistory is Identity's password.history.max default.
const maxPasswordHistory = 10

type domainPasswordPolicyModel struct {
	ID                         types.String              `tfsdk:"id"`
	DomainID                   types.String              `tfsdk:"domain_id"`
	PasswordDuration           isoduration.DurationValue `tfsdk:"password_duration"`
	PasswordHistoryRestriction types.Int64               `tfsdk:"password_history_restriction"`
}

// NewDomainPasswordPolicyResource returns the authpolicy_domain_password_policy resource.
func NewDomainPasswordPolicyResource() resource.Resource {
	return newSettingsResource(domainPasswordPolicySpec())
}

// domainPasswordPolicySpec is the resource's spec, which its list resource shares.
func domainPasswordPolicySpec() settingSpec[domainPasswordPolicyModel, *rackspace.Session] {
	return settingSpec[domainPasswordPolicyModel, *rackspace.Session]{
		name: "domain_password_policy",
		description: "The password policy of a Rackspace Cloud Identity domain: how long a password may be used, " +
			"and how many earlier passwords a new one may not repeat. It applies to every user of the domain at once.",
		parent: domainIDFormat,
		attributes: map[string]schema.Attribute{
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
		},
		validators: []resource.ConfigValidator{
			resourcevalidator.AtLeastOneOf(path.MatchRoot("password_duration"), path.MatchRoot("password_history_restriction")),
		},
		client: identityClient,
		// Identity answers 404 when the domain has no policy: it was deleted outside Terraform.
		read: func(ctx context.Context, identity *rackspace.Session, m *domainPasswordPolicyModel) error {
			policy, err := identity.GetPasswordPolicy(ctx, m.DomainID.ValueString())
			if err != nil {
				return err
			}
			m.PasswordDuration = isoduration.NewDurationNull()
			if policy.Duration != "" {
				m.PasswordDuration = isoduration.NewDurationValue(policy.Duration)
			}
			m.PasswordHistoryRestriction = types.Int64Null()
			if policy.HistoryRestriction != nil {
				m.PasswordHistoryRestriction = types.Int64Value(int64(*policy.HistoryRestriction))
			}
			return nil
		},
		// State keeps the planned values rather than Identity's echo: Identity echoes the duration
		// as sent, and semantic equality covers any other spelling.
		write: func(ctx context.Context, identity *rackspace.Session, m *domainPasswordPolicyModel) error {
			policy := rackspace.PasswordPolicy{Duration: m.PasswordDuration.ValueString()}
			if !m.PasswordHistoryRestriction.IsNull() {
				n := int(m.PasswordHistoryRestriction.ValueInt64())
				policy.HistoryRestriction = &n
			}
			return identity.SetPasswordPolicy(ctx, m.DomainID.ValueString(), policy)
		},
		// A domain without a policy has passwords that never expire and no history restriction.
		reset: func(ctx context.Context, identity *rackspace.Session, m *domainPasswordPolicyModel) error {
			return identity.DeletePasswordPolicy(ctx, m.DomainID.ValueString())
		},
		subject: func(m *domainPasswordPolicyModel) string {
			return "the password policy of domain " + m.DomainID.ValueString()
		},
		advice: passwordPolicyAdvice,
		// Identity's 404 says only this: a missing domain is 403, as a domain of another account.
		unset: "the domain has no password policy: its passwords never expire and no password history is kept",
	}
}

var passwordPolicyAdvice = map[kind]advice{
	rackspace.KindForbidden: {text: "Identity answers 403 Forbidden both when the caller lacks the identity:user-admin role " +
		"of the domain (user-manage and default users can't manage password policies) and when no domain has this " +
		"ID. Check domain_id, and log in as the domain's user-admin."},
	rackspace.KindBadRequest: {text: "Check password_duration (days, hours, minutes and seconds only) and " +
		"password_history_restriction (0 to 10)."},
}
