package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

type directoryPasswordPolicyModel struct {
	ID                         types.String `tfsdk:"id"`
	DirectoryID                types.String `tfsdk:"directory_id"`
	MinPasswordLength          types.Int64  `tfsdk:"min_password_length"`
	MinPasswordDifferentChars  types.Int64  `tfsdk:"min_password_different_chars"`
	PasswordNotContainUsername types.Bool   `tfsdk:"password_not_contain_username"`
	MaxPasswordAge             types.Int64  `tfsdk:"max_password_age"`
	PasswordReusePrevention    types.Int64  `tfsdk:"password_reuse_prevention"`
	MaxLoginAttempts           types.Int64  `tfsdk:"max_login_attempts"`
	MaxPasswordLength          types.Int64  `tfsdk:"max_password_length"`
	HardExpire                 types.Bool   `tfsdk:"hard_expire"`
	RequireLowerCaseChars      types.Bool   `tfsdk:"require_lower_case_chars"`
	RequireUpperCaseChars      types.Bool   `tfsdk:"require_upper_case_chars"`
	RequireNumbers             types.Bool   `tfsdk:"require_numbers"`
	RequireSymbols             types.Bool   `tfsdk:"require_symbols"`
}

// The settable attributes, in the order the diagnostics and docs name them.
var directoryPasswordPolicySettable = []string{"min_password_length", "min_password_different_chars",
	"password_not_contain_username", "max_password_age", "password_reuse_prevention", "max_login_attempts"}

// NewDirectoryPasswordPolicyResource returns the authpolicy_directory_password_policy resource.
func NewDirectoryPasswordPolicyResource() resource.Resource {
	return newSettingsResource(directoryPasswordPolicySpec())
}

// directoryPasswordPolicySpec is the resource's spec, which its twins may share.
//
// Each settable attribute is Optional and Computed: one left out of the configuration is not
// managed, and shows the directory's value. A create writes only what is configured and reads
// nothing back (one call, as for every settings resource), so the attributes it did not write
// are null until the next refresh. An update's plan keeps them from the refreshed state, and the
// write, which sees only the plan, sends them back as read.
func directoryPasswordPolicySpec() settingSpec[directoryPasswordPolicyModel, *cloudsso.Client] {
	matches := make([]path.Expression, len(directoryPasswordPolicySettable))
	for i, a := range directoryPasswordPolicySettable {
		matches[i] = path.MatchRoot(a)
	}
	return settingSpec[directoryPasswordPolicyModel, *cloudsso.Client]{
		name: "directory_password_policy",
		description: "The password policy of an Alibaba Cloud CloudSSO directory: the rules for the passwords of its " +
			"users who log in to the user portal with a user name and password. Set only the attributes you want " +
			"to manage; the others keep the directory's values.",
		parent: directoryIDFormat,
		attributes: map[string]schema.Attribute{
			"min_password_length": settableInt(cloudsso.MinPasswordLengthRange,
				"The minimum number of characters of a password", cloudsso.DefaultMinPasswordLength, ""),
			"min_password_different_chars": settableInt(cloudsso.MinPasswordDifferentCharsRange,
				"The minimum number of different characters in a password", cloudsso.DefaultMinPasswordDifferentChars,
				" `0` means no limit. It may not exceed `min_password_length` (the directory's current one when "+
					"`min_password_length` is not set here). The console page gave 4 for a new directory in an "+
					"earlier revision."),
			"password_not_contain_username": schema.BoolAttribute{
				MarkdownDescription: fmt.Sprintf("Whether a password may not contain the user name. Not managed when "+
					"left out. A new directory has `%t`, which destroy restores.", cloudsso.DefaultPasswordNotContainUsername),
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"max_password_age": settableInt(cloudsso.MaxPasswordAgeRange,
				"How many days a password may be used", cloudsso.DefaultMaxPasswordAge, ""),
			"password_reuse_prevention": settableInt(cloudsso.PasswordReusePreventionRange,
				"How many previous passwords a new one may not repeat", cloudsso.DefaultPasswordReusePrevention,
				" `0` turns the check off. Passwords set before 2024-01-05 are not in the history."),
			"max_login_attempts": settableInt(cloudsso.MaxLoginAttemptsRange,
				"How many wrong passwords in a row lock a user out for one hour", cloudsso.DefaultMaxLoginAttempts,
				" `0` means unlimited."),
			"max_password_length":      readOnlyInt("The maximum number of characters of a password."),
			"hard_expire":              readOnlyBool("Whether a user whose password has expired can no longer log on."),
			"require_lower_case_chars": readOnlyBool("Whether a password must contain a lowercase letter."),
			"require_upper_case_chars": readOnlyBool("Whether a password must contain an uppercase letter."),
			"require_numbers":          readOnlyBool("Whether a password must contain a digit."),
			"require_symbols":          readOnlyBool("Whether a password must contain a symbol."),
		},
		validators: []resource.ConfigValidator{resourcevalidator.AtLeastOneOf(matches...)},
		client:     cloudSSOClient,
		read: func(ctx context.Context, client *cloudsso.Client, m *directoryPasswordPolicyModel) error {
			p, err := client.GetPasswordPolicy(ctx, m.DirectoryID.ValueString())
			if err != nil {
				return err
			}
			m.MinPasswordLength = types.Int64Value(p.MinPasswordLength)
			m.MinPasswordDifferentChars = types.Int64Value(p.MinPasswordDifferentChars)
			m.PasswordNotContainUsername = types.BoolValue(p.PasswordNotContainUsername)
			m.MaxPasswordAge = types.Int64Value(p.MaxPasswordAge)
			m.PasswordReusePrevention = types.Int64Value(p.PasswordReusePrevention)
			m.MaxLoginAttempts = types.Int64Value(p.MaxLoginAttempts)
			m.MaxPasswordLength = types.Int64Value(p.MaxPasswordLength)
			m.HardExpire = types.BoolValue(p.HardExpire)
			m.RequireLowerCaseChars = types.BoolValue(p.RequireLowerCaseChars)
			m.RequireUpperCaseChars = types.BoolValue(p.RequireUpperCaseChars)
			m.RequireNumbers = types.BoolValue(p.RequireNumbers)
			m.RequireSymbols = types.BoolValue(p.RequireSymbols)
			return nil
		},
		// SetPasswordPolicy answers with a request ID only. What the plan leaves unknown (on a
		// create, what is not configured and the read-only six) is stored as null rather than
		// read back, and the next refresh fills it in.
		write: func(ctx context.Context, client *cloudsso.Client, m *directoryPasswordPolicyModel) error {
			if err := client.SetPasswordPolicy(ctx, m.DirectoryID.ValueString(), m.settings()); err != nil {
				return err
			}
			for _, v := range []*types.Int64{&m.MinPasswordLength, &m.MinPasswordDifferentChars, &m.MaxPasswordAge,
				&m.PasswordReusePrevention, &m.MaxLoginAttempts, &m.MaxPasswordLength} {
				if v.IsUnknown() {
					*v = types.Int64Null()
				}
			}
			for _, v := range []*types.Bool{&m.PasswordNotContainUsername, &m.HardExpire, &m.RequireLowerCaseChars,
				&m.RequireUpperCaseChars, &m.RequireNumbers, &m.RequireSymbols} {
				if v.IsUnknown() {
					*v = types.BoolNull()
				}
			}
			return nil
		},
		// The console's defaults for a new directory, all six at once.
		reset: func(ctx context.Context, client *cloudsso.Client, m *directoryPasswordPolicyModel) error {
			return client.SetPasswordPolicy(ctx, m.DirectoryID.ValueString(), cloudsso.DefaultPasswordPolicy())
		},
		subject: func(m *directoryPasswordPolicyModel) string {
			return "the password policy of directory " + m.DirectoryID.ValueString()
		},
		advice:     directoryPasswordPolicyAdvice,
		modifyPlan: checkDifferentChars,
	}
}

// settings are the values the plan knows: what is configured, and on an update what the
// refreshed state holds for the rest.
func (m *directoryPasswordPolicyModel) settings() cloudsso.PasswordPolicySettings {
	i := func(v types.Int64) *int64 {
		if v.IsNull() || v.IsUnknown() {
			return nil
		}
		n := v.ValueInt64()
		return &n
	}
	var s cloudsso.PasswordPolicySettings
	s.MinPasswordLength, s.MinPasswordDifferentChars = i(m.MinPasswordLength), i(m.MinPasswordDifferentChars)
	s.MaxPasswordAge, s.PasswordReusePrevention, s.MaxLoginAttempts = i(m.MaxPasswordAge), i(m.PasswordReusePrevention), i(m.MaxLoginAttempts)
	if !m.PasswordNotContainUsername.IsNull() && !m.PasswordNotContainUsername.IsUnknown() {
		b := m.PasswordNotContainUsername.ValueBool()
		s.PasswordNotContainUsername = &b
	}
	return s
}

// checkDifferentChars refuses at plan more different characters than the minimum length,
// whenever both are known: from the configuration, or for the one left out of it, from the
// refreshed state. On a create with one of them left out, only CloudSSO can tell.
func checkDifferentChars(ctx context.Context, _ *cloudsso.Client, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan directoryPasswordPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	d, l := plan.MinPasswordDifferentChars, plan.MinPasswordLength
	if resp.Diagnostics.HasError() || d.IsNull() || d.IsUnknown() || l.IsNull() || l.IsUnknown() {
		return
	}
	if cloudsso.CheckDifferentChars(d.ValueInt64(), l.ValueInt64()) == nil {
		return
	}
	var configured types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("min_password_length"), &configured)...)
	length := "min_password_length"
	if configured.IsNull() {
		length = "the directory's current min_password_length"
	}
	resp.Diagnostics.AddAttributeError(path.Root("min_password_different_chars"), "Invalid Password Policy",
		fmt.Sprintf("min_password_different_chars (%d) must not exceed %s (%d): a password can't need more different "+
			"characters than its minimum length. Lower min_password_different_chars or raise min_password_length.",
			d.ValueInt64(), length, l.ValueInt64()))
}

// settableInt is one of the settable integers: Optional and Computed, its range checked by the
// client's rule.
func settableInt(r cloudsso.IntRange, what string, def int, more string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: fmt.Sprintf("%s, from %d to %d (CloudSSO's `%s`).%s Not managed when left out. A new directory has `%d`, "+
			"which destroy restores.",
			what, r.Min, r.Max, r.Param, more, def),
		Optional:      true,
		Computed:      true,
		Validators:    []validator.Int64{intRangeValidator{r}},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

func readOnlyInt(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description + " CloudSSO offers no way to change it.",
		Computed:            true,
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
}

func readOnlyBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: description + " CloudSSO offers no way to change it.",
		Computed:            true,
		PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
	}
}

// intRangeValidator applies a range of the CloudSSO client to an attribute.
type intRangeValidator struct{ r cloudsso.IntRange }

func (v intRangeValidator) Description(context.Context) string {
	return fmt.Sprintf("value must be from %d to %d", v.r.Min, v.r.Max)
}

func (v intRangeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v intRangeValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueInt64(); v.r.Check(n) != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s must be from %d to %d (CloudSSO's %s), got: %d", req.Path, v.r.Min, v.r.Max, v.r.Param, n))
	}
}

// directoryPasswordPolicyAdvice adds what is specific to a directory's password policy to
// CloudSSO's advice.
var directoryPasswordPolicyAdvice = map[kind]advice{
	cloudsso.KindForbidden: {text: "The RAM identity of the AccessKey needs " + cloudsso.RAMActionGetPasswordPolicy +
		" and " + cloudsso.RAMActionSetPasswordPolicy + " on the directory."},
	cloudsso.KindBadRequest: {text: "CloudSSO found the request invalid; the message above says why. " +
		"min_password_different_chars may not exceed min_password_length, which is the directory's current value " +
		"when min_password_length is not set here."},
}
