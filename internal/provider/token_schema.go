package provider

import (
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	epschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// The data source and the ephemeral resource share one schema. The framework gives each its own
// attribute types, so the attributes are described once here and built into both.

type tokenStringAttr struct {
	name        string
	description string
	optional    bool
	computed    bool
	sensitive   bool
	validators  []validator.String
}

func tokenStringAttrs() []tokenStringAttr {
	root := path.MatchRoot
	return []tokenStringAttr{
		{name: "tenant_id", optional: true, computed: true,
			description: "Tenant to scope the token to. Defaults to the user's default tenant.",
			// An empty tenant_id would silently mean the default tenant; leaving it out says so.
			validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		{name: "username", optional: true,
			description: "Log in as this user instead of reusing the provider's login. Needs `password` or `api_key`.",
			validators:  []validator.String{stringvalidator.LengthAtLeast(1)}},
		{name: "password", optional: true, sensitive: true,
			description: "Password of `username`.",
			validators: []validator.String{
				stringvalidator.AlsoRequires(root("username")),
				stringvalidator.ConflictsWith(root("api_key")),
			}},
		{name: "api_key", optional: true, sensitive: true,
			description: "API key of `username`. API-key logins are never challenged for a second factor.",
			validators:  []validator.String{stringvalidator.AlsoRequires(root("username"))}},
		{name: "totp_secret", optional: true, sensitive: true,
			description: "Base32 secret of `username`'s authenticator-app device, to answer the multi-factor challenge. Only with `password`.",
			validators: []validator.String{
				totpSecretValidator(),
				stringvalidator.AlsoRequires(root("password")),
				stringvalidator.ConflictsWith(root("passcode")),
			}},
		{name: "passcode", optional: true, sensitive: true,
			description: "A one-time passcode for `username`'s multi-factor challenge. Only with `password`.",
			validators: []validator.String{
				passcodeValidator(),
				stringvalidator.AlsoRequires(root("password")),
			}},
		{name: "id", computed: true, sensitive: true, description: "The token, to send as `X-Auth-Token`."},
		{name: "expires", computed: true, description: "When the token expires (RFC 3339, UTC)."},
		{name: "issued", computed: true, description: "When the token was issued (RFC 3339, UTC)."},
		{name: "tenant_name", computed: true, description: "Name of the tenant the token is scoped to."},
		{name: "user_id", computed: true, description: "ID of the user the token belongs to."},
		{name: "user_name", computed: true, description: "Name of the user the token belongs to."},
		{name: "domain_id", computed: true, description: "The user's domain."},
		{name: "default_region", computed: true, description: "The user's default region (empty when unset)."},
	}
}

const (
	authenticatedByDescription = "How the user proved who they are, e.g. `[\"PASSWORD\", \"OTPPASSCODE\"]` for a password " +
		"login answered with an authenticator-app passcode, `[\"APIKEY\"]` for an API key."
	rolesDescription   = "The user's roles: `id`, `name`, `description`, and `tenant_id` for roles granted on one tenant."
	catalogDescription = "The service catalog: each service's `name`, `type` and `endpoints` " +
		"(`region`, `tenant_id`, `public_url`, `internal_url`)."
)

var (
	roleFields     = []string{"id", "name", "description", "tenant_id"}
	endpointFields = []string{"region", "tenant_id", "public_url", "internal_url"}
)

func tokenDataSourceSchema(description string) dsschema.Schema {
	attrs := map[string]dsschema.Attribute{}
	for _, a := range tokenStringAttrs() {
		attrs[a.name] = dsschema.StringAttribute{MarkdownDescription: a.description, Optional: a.optional,
			Computed: a.computed, Sensitive: a.sensitive, Validators: a.validators}
	}
	strings := func(names []string) map[string]dsschema.Attribute {
		m := map[string]dsschema.Attribute{}
		for _, n := range names {
			m[n] = dsschema.StringAttribute{Computed: true}
		}
		return m
	}
	endpoints := strings(endpointFields)
	services := map[string]dsschema.Attribute{
		"name": dsschema.StringAttribute{Computed: true},
		"type": dsschema.StringAttribute{Computed: true},
		"endpoints": dsschema.ListNestedAttribute{Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: endpoints}},
	}
	attrs["authenticated_by"] = dsschema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: authenticatedByDescription}
	attrs["roles"] = dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: rolesDescription,
		NestedObject: dsschema.NestedAttributeObject{Attributes: strings(roleFields)}}
	attrs["service_catalog"] = dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: catalogDescription,
		NestedObject: dsschema.NestedAttributeObject{Attributes: services}}
	return dsschema.Schema{MarkdownDescription: description, Attributes: attrs}
}

func tokenEphemeralSchema(description string) epschema.Schema {
	attrs := map[string]epschema.Attribute{}
	for _, a := range tokenStringAttrs() {
		attrs[a.name] = epschema.StringAttribute{MarkdownDescription: a.description, Optional: a.optional,
			Computed: a.computed, Sensitive: a.sensitive, Validators: a.validators}
	}
	strings := func(names []string) map[string]epschema.Attribute {
		m := map[string]epschema.Attribute{}
		for _, n := range names {
			m[n] = epschema.StringAttribute{Computed: true}
		}
		return m
	}
	endpoints := strings(endpointFields)
	services := map[string]epschema.Attribute{
		"name": epschema.StringAttribute{Computed: true},
		"type": epschema.StringAttribute{Computed: true},
		"endpoints": epschema.ListNestedAttribute{Computed: true,
			NestedObject: epschema.NestedAttributeObject{Attributes: endpoints}},
	}
	attrs["authenticated_by"] = epschema.ListAttribute{Computed: true, ElementType: types.StringType,
		MarkdownDescription: authenticatedByDescription}
	attrs["roles"] = epschema.ListNestedAttribute{Computed: true, MarkdownDescription: rolesDescription,
		NestedObject: epschema.NestedAttributeObject{Attributes: strings(roleFields)}}
	attrs["service_catalog"] = epschema.ListNestedAttribute{Computed: true, MarkdownDescription: catalogDescription,
		NestedObject: epschema.NestedAttributeObject{Attributes: services}}
	return epschema.Schema{MarkdownDescription: description, Attributes: attrs}
}

type tokenModel struct {
	TenantID        types.String `tfsdk:"tenant_id"`
	Username        types.String `tfsdk:"username"`
	Password        types.String `tfsdk:"password"`
	APIKey          types.String `tfsdk:"api_key"`
	TOTPSecret      types.String `tfsdk:"totp_secret"`
	Passcode        types.String `tfsdk:"passcode"`
	ID              types.String `tfsdk:"id"`
	Expires         types.String `tfsdk:"expires"`
	Issued          types.String `tfsdk:"issued"`
	TenantName      types.String `tfsdk:"tenant_name"`
	UserID          types.String `tfsdk:"user_id"`
	UserName        types.String `tfsdk:"user_name"`
	DomainID        types.String `tfsdk:"domain_id"`
	DefaultRegion   types.String `tfsdk:"default_region"`
	AuthenticatedBy types.List   `tfsdk:"authenticated_by"`
	Roles           types.List   `tfsdk:"roles"`
	ServiceCatalog  types.List   `tfsdk:"service_catalog"`
}

type tokenRoleModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	TenantID    types.String `tfsdk:"tenant_id"`
}

type tokenServiceModel struct {
	Name      types.String         `tfsdk:"name"`
	Type      types.String         `tfsdk:"type"`
	Endpoints []tokenEndpointModel `tfsdk:"endpoints"`
}

type tokenEndpointModel struct {
	Region      types.String `tfsdk:"region"`
	TenantID    types.String `tfsdk:"tenant_id"`
	PublicURL   types.String `tfsdk:"public_url"`
	InternalURL types.String `tfsdk:"internal_url"`
}

func stringObjectType(names []string) types.ObjectType {
	t := map[string]attr.Type{}
	for _, n := range names {
		t[n] = types.StringType
	}
	return types.ObjectType{AttrTypes: t}
}

var (
	roleObjectType    = stringObjectType(roleFields)
	serviceObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"name":      types.StringType,
		"type":      types.StringType,
		"endpoints": types.ListType{ElemType: stringObjectType(endpointFields)},
	}}
)

// validateTokenOverrides holds the one rule the declarative validators can't say: a username
// override needs a credential of its own.
func validateTokenOverrides(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	var m tokenModel
	diags.Append(config.Get(ctx, &m)...)
	if diags.HasError() || m.Username.IsNull() || m.Username.IsUnknown() {
		return
	}
	if m.Password.IsNull() && m.APIKey.IsNull() {
		diags.AddAttributeError(path.Root("username"), "Missing Credential For Username",
			"username logs in as another user and needs that user's password or api_key. To reuse the "+
				"provider's own login, remove username.")
	}
}

// credentials returns what to log in with, and whether that is another user than the
// provider's own login.
func (m *tokenModel) credentials(provider rackspace.Credentials) (rackspace.Credentials, bool) {
	if !m.Username.IsNull() {
		return rackspace.Credentials{
			Username:   m.Username.ValueString(),
			Password:   m.Password.ValueString(),
			APIKey:     m.APIKey.ValueString(),
			TOTPSecret: m.TOTPSecret.ValueString(),
			Passcode:   m.Passcode.ValueString(),
			TenantID:   m.TenantID.ValueString(),
		}, true
	}
	creds := provider
	if m.TenantID.ValueString() != "" {
		creds.TenantID = m.TenantID.ValueString()
	}
	return creds, false
}

// setAccess copies a login's result into the model.
func (m *tokenModel) setAccess(ctx context.Context, a *rackspace.Access) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(a.Token.ID)
	m.Expires = timeValue(a.Token.Expires)
	m.Issued = timeValue(a.Token.Issued)
	m.TenantID, m.TenantName = types.StringValue(""), types.StringValue("")
	if a.Token.Tenant != nil {
		m.TenantID = types.StringValue(a.Token.Tenant.ID)
		m.TenantName = types.StringValue(a.Token.Tenant.Name)
	}
	m.UserID = types.StringValue(a.User.ID)
	m.UserName = types.StringValue(a.User.Name)
	m.DomainID = types.StringValue(a.User.DomainID)
	m.DefaultRegion = types.StringValue(a.User.DefaultRegion)

	var d diag.Diagnostics
	// Identity keeps the factors in a set, so their order varies between logins; sorted, they
	// don't make plans differ.
	factors := slices.Sorted(slices.Values(a.Token.AuthenticatedBy))
	m.AuthenticatedBy, d = types.ListValueFrom(ctx, types.StringType, nonNil(factors))
	diags.Append(d...)

	roles := make([]tokenRoleModel, 0, len(a.User.Roles))
	for _, r := range a.User.Roles {
		roles = append(roles, tokenRoleModel{
			ID: types.StringValue(r.ID), Name: types.StringValue(r.Name),
			Description: types.StringValue(r.Description), TenantID: types.StringValue(r.TenantID),
		})
	}
	m.Roles, d = types.ListValueFrom(ctx, roleObjectType, roles)
	diags.Append(d...)

	services := make([]tokenServiceModel, 0, len(a.ServiceCatalog))
	for _, s := range a.ServiceCatalog {
		svc := tokenServiceModel{Name: types.StringValue(s.Name), Type: types.StringValue(s.Type),
			Endpoints: make([]tokenEndpointModel, 0, len(s.Endpoints))}
		for _, e := range s.Endpoints {
			svc.Endpoints = append(svc.Endpoints, tokenEndpointModel{
				Region: types.StringValue(e.Region), TenantID: types.StringValue(e.TenantID),
				PublicURL: types.StringValue(e.PublicURL), InternalURL: types.StringValue(e.InternalURL),
			})
		}
		services = append(services, svc)
	}
	m.ServiceCatalog, d = types.ListValueFrom(ctx, serviceObjectType, services)
	diags.Append(d...)
	return diags
}

func timeValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
