package provider

import (
	"cmp"
	"context"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// identityUserIDFormat: Identity's user IDs are 32 hexadecimal digits in its samples and numbers in
// older accounts; nothing documents their form, so any ID is taken that starts with a letter
// or digit and can't leave its place in the request path.
var identityUserIDFormat = parentIDFormat{attr: "user_id", pattern: regexp.MustCompile(`^[A-Za-z0-9][^/\s]*$`),
	description: "ID of the Rackspace Cloud Identity user (the `id` that `data.authpolicy_users` lists; " +
		"32 hexadecimal digits in Rackspace's samples).",
	want: "a user ID such as cc0068ca9558433bb14472dbd16dde2f or 10001 (starting with a letter or digit, " +
		"with no '/' and no whitespace)"}

type domainUserMFAEnforcementModel struct {
	ID               types.String `tfsdk:"id"`
	UserID           types.String `tfsdk:"user_id"`
	EnforcementLevel types.String `tfsdk:"enforcement_level"`
}

// NewDomainUserMFAEnforcementResource returns the authpolicy_domain_user_mfa_enforcement resource.
func NewDomainUserMFAEnforcementResource() resource.Resource {
	return newSettingsResource(domainUserMFAEnforcementSpec())
}

// domainUserMFAEnforcementSpec is the resource's spec, which its data source shares.
func domainUserMFAEnforcementSpec() settingSpec[domainUserMFAEnforcementModel, *rackspace.Session] {
	return settingSpec[domainUserMFAEnforcementModel, *rackspace.Session]{
		name: "domain_user_mfa_enforcement",
		description: "The multi-factor authentication enforcement level of one Rackspace Cloud Identity user: " +
			"whether the user follows the domain's level, or is exempted from it, or must use multi-factor " +
			"authentication whatever the domain says.",
		parent: identityUserIDFormat,
		attributes: map[string]schema.Attribute{
			"enforcement_level": schema.StringAttribute{
				MarkdownDescription: "`DEFAULT` follows the domain's enforcement level; `REQUIRED` makes multi-factor " +
					"authentication mandatory for this user even where the domain's level is `OPTIONAL`; `OPTIONAL` " +
					"exempts the user even where the domain requires it. One of `" +
					strings.Join(rackspace.UserMFALevels, "`, `") + "`.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(rackspace.UserMFALevels...)},
			},
		},
		client: identityClient,
		// Identity answers 404 for a user the caller may not see as for a deleted one: either
		// way the resource leaves state.
		read: func(ctx context.Context, identity *rackspace.Session, m *domainUserMFAEnforcementModel) error {
			u, err := identity.GetUser(ctx, m.UserID.ValueString())
			if err != nil {
				return err
			}
			// Identity omits a level never set, which means DEFAULT.
			m.EnforcementLevel = types.StringValue(cmp.Or(u.MultiFactorEnforcementLevel, rackspace.UserMFALevelDefault))
			return nil
		},
		write: func(ctx context.Context, identity *rackspace.Session, m *domainUserMFAEnforcementModel) error {
			return identity.SetUserMFAEnforcement(ctx, m.UserID.ValueString(), m.EnforcementLevel.ValueString())
		},
		// DEFAULT hands the user back to the domain's level.
		reset: func(ctx context.Context, identity *rackspace.Session, m *domainUserMFAEnforcementModel) error {
			m.EnforcementLevel = types.StringValue(rackspace.UserMFALevelDefault)
			return identity.SetUserMFAEnforcement(ctx, m.UserID.ValueString(), rackspace.UserMFALevelDefault)
		},
		subject: func(m *domainUserMFAEnforcementModel) string {
			return "the multi-factor enforcement level of user " + m.UserID.ValueString()
		},
		value:  func(m *domainUserMFAEnforcementModel) string { return m.EnforcementLevel.ValueString() },
		advice: userMFAAdvice,
	}
}

// userMFAAdvice adds what is specific to a user's enforcement level to Identity's advice.
var userMFAAdvice = map[kind]advice{
	rackspace.KindForbidden: {text: "Identity lets a user-admin (identity:user-admin) set the level of any user of " +
		"their own domain, themselves included, and a user-manager (identity:user-manage) that of themselves, the " +
		"domain's other users at or below their level and the domain's user-admin. identity:default users can't set " +
		"any level, not even their own, and Rackspace identity:admin users can't set their own. Log in as the user's " +
		"domain's user-admin, or check user_id."},
	rackspace.KindNotFound: {summary: "Rackspace User Not Found", text: "Identity answers 404 \"User not found\" both " +
		"when no user has this ID and when the user exists but the caller may not see it: a user of another domain, or " +
		"any other user when the provider logs in as an identity:default user. Check user_id, and that the provider " +
		"logs in as the user-admin or a user-manager of the user's domain."},
	rackspace.KindRackspaceMandated: {text: "The user's domain is at RACKSPACE_MANDATED: Identity refuses every change " +
		"to its users' enforcement levels, which only Rackspace can make. Open a Rackspace support ticket; to stop " +
		"managing the level without changing it, run terraform state rm on this resource."},
}
