package provider

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

var _ datasource.DataSourceWithConfigure = &usersDataSource{}

// NewUsersDataSource returns the authpolicy_users data source.
func NewUsersDataSource() datasource.DataSource {
	return &usersDataSource{}
}

type usersDataSource struct {
	data *providerData
}

type usersModel struct {
	DomainID           types.String `tfsdk:"domain_id"`
	Enabled            types.Bool   `tfsdk:"enabled"`
	MultiFactorEnabled types.Bool   `tfsdk:"multi_factor_enabled"`
	Users              []userModel  `tfsdk:"users"`
}

type userModel struct {
	ID                      types.String `tfsdk:"id"`
	Username                types.String `tfsdk:"username"`
	DomainID                types.String `tfsdk:"domain_id"`
	Enabled                 types.Bool   `tfsdk:"enabled"`
	Email                   types.String `tfsdk:"email"`
	MultiFactorEnabled      types.Bool   `tfsdk:"multi_factor_enabled"`
	FactorType              types.String `tfsdk:"factor_type"`
	MultiFactorState        types.String `tfsdk:"multi_factor_state"`
	UserMFAEnforcementLevel types.String `tfsdk:"user_mfa_enforcement_level"`
}

func (d *usersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_users"
}

func (d *usersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Rackspace Cloud Identity users the provider's user can see (`GET /v2.0/users`), with " +
			"their multi-factor authentication settings, sorted by user name: a user-admin sees every user of its " +
			"domain, a user-manage user every user but the user-admin (and itself), an `identity:default` user only " +
			"itself. Every page is read (" + fmt.Sprint(rackspace.UsersPageSize) + " users per request).",
		Attributes: map[string]schema.Attribute{
			"domain_id": schema.StringAttribute{
				MarkdownDescription: "List this domain's users instead of the caller's own domain. Applied by Identity, " +
					"which allows it to `identity:admin` and `identity:service-admin` users only and refuses everyone " +
					"else (`403 GEN-006`).",
				Optional:   true,
				Validators: []validator.String{domainIDFormat.validator()},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Keep only the users whose `enabled` is this. Applied by the provider to the full " +
					"listing (Identity has no such filter on this call).",
				Optional: true,
			},
			"multi_factor_enabled": schema.BoolAttribute{
				MarkdownDescription: "Keep only the users whose `multi_factor_enabled` is this (`false` finds the " +
					"users still without multi-factor authentication). Applied by the provider to the full listing.",
				Optional: true,
			},
			"users": schema.ListNestedAttribute{
				MarkdownDescription: "The users, sorted by `username`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":        computed("The user's ID."),
					"username":  computed("The user's login name."),
					"domain_id": computed("The user's domain."),
					"enabled":   schema.BoolAttribute{MarkdownDescription: "Whether the user may log in.", Computed: true},
					"email":     computed("The user's email address; empty when it has none."),
					"multi_factor_enabled": schema.BoolAttribute{
						MarkdownDescription: "Whether the user has multi-factor authentication enabled.", Computed: true,
					},
					"factor_type": computed("`SMS` or `OTP` while multi-factor authentication is enabled, else empty."),
					"multi_factor_state": computed("`ACTIVE`, or `LOCKED` after too many wrong passcodes, while " +
						"multi-factor authentication is enabled; else empty."),
					"user_mfa_enforcement_level": computed("The user's own enforcement level, `DEFAULT` (the " +
						"domain's applies), `OPTIONAL` or `REQUIRED`; empty when it was never set, which acts as `DEFAULT`."),
				}},
			},
		},
	}
}

func (d *usersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *usersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m usersModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	identity, ok := identityClient(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	users, err := identity.ListUsers(ctx, rackspace.UserFilter{DomainID: m.DomainID.ValueString()})
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Listing the users of Rackspace Identity", err, usersAdvice))
		return
	}
	slices.SortFunc(users, func(a, b rackspace.UserInfo) int { return cmp.Compare(a.Username, b.Username) })
	m.Users = make([]userModel, 0, len(users))
	for _, u := range users {
		if !m.Enabled.IsNull() && u.Enabled != m.Enabled.ValueBool() ||
			!m.MultiFactorEnabled.IsNull() && u.MultiFactorEnabled != m.MultiFactorEnabled.ValueBool() {
			continue
		}
		m.Users = append(m.Users, userModel{
			ID:                      types.StringValue(u.ID),
			Username:                types.StringValue(u.Username),
			DomainID:                types.StringValue(u.DomainID),
			Enabled:                 types.BoolValue(u.Enabled),
			Email:                   types.StringValue(u.Email),
			MultiFactorEnabled:      types.BoolValue(u.MultiFactorEnabled),
			FactorType:              types.StringValue(u.FactorType),
			MultiFactorState:        types.StringValue(u.MultiFactorState),
			UserMFAEnforcementLevel: types.StringValue(u.MultiFactorEnforcementLevel),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// usersAdvice: the one refusal a listing meets is domain_id without an identity admin role.
var usersAdvice = map[kind]advice{
	rackspace.KindForbidden: {"", "Only identity:admin and identity:service-admin users may set domain_id; " +
		"leave it out to list the users of the provider's own domain."},
}
