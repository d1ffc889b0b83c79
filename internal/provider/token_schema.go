package provider

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
// attribute types, so the schema is written once for the data source and converted.

func tokenDataSourceSchema(description string) dsschema.Schema {
	root := path.MatchRoot
	str := func(description string) dsschema.StringAttribute {
		return dsschema.StringAttribute{Computed: true, MarkdownDescription: description}
	}
	secret := func(description string, validators ...validator.String) dsschema.StringAttribute {
		return dsschema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: description, Validators: validators}
	}
	objects := func(description string, attrs map[string]dsschema.Attribute) dsschema.ListNestedAttribute {
		return dsschema.ListNestedAttribute{Computed: true, MarkdownDescription: description,
			NestedObject: dsschema.NestedAttributeObject{Attributes: attrs}}
	}
	strs := func(names ...string) map[string]dsschema.Attribute {
		m := map[string]dsschema.Attribute{}
		for _, n := range names {
			m[n] = dsschema.StringAttribute{Computed: true}
		}
		return m
	}
	services := strs("name", "type")
	services["endpoints"] = objects("", strs("region", "tenant_id", "public_url", "internal_url"))
	return dsschema.Schema{MarkdownDescription: description, Attributes: map[string]dsschema.Attribute{
		"tenant_id": dsschema.StringAttribute{Optional: true, Computed: true,
			MarkdownDescription: "Tenant to scope the token to. Defaults to the user's default tenant.",
			// An empty tenant_id would silently mean the default tenant; leaving it out says so.
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"username": dsschema.StringAttribute{Optional: true,
			MarkdownDescription: "Log in as this user instead of reusing the provider's login. Needs `password` or `api_key`.",
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)}},
		"password": secret("Password of `username`.",
			stringvalidator.AlsoRequires(root("username")), stringvalidator.ConflictsWith(root("api_key"))),
		"api_key": secret("API key of `username`. API-key logins are never challenged for a second factor.",
			stringvalidator.AlsoRequires(root("username"))),
		"totp_secret": secret("Base32 secret of `username`'s authenticator-app device, to answer the multi-factor challenge. Only with `password`.",
			totpSecretValidator(), stringvalidator.AlsoRequires(root("password")), stringvalidator.ConflictsWith(root("passcode"))),
		"passcode": secret("A one-time passcode for `username`'s multi-factor challenge. Only with `password`.",
			passcodeValidator(), stringvalidator.AlsoRequires(root("password"))),
		"id":             dsschema.StringAttribute{Computed: true, Sensitive: true, MarkdownDescription: "The token, to send as `X-Auth-Token`."},
		"expires":        str("When the token expires (RFC 3339, UTC)."),
		"issued":         str("When the token was issued (RFC 3339, UTC)."),
		"tenant_name":    str("Name of the tenant the token is scoped to."),
		"user_id":        str("ID of the user the token belongs to."),
		"user_name":      str("Name of the user the token belongs to."),
		"domain_id":      str("The user's domain."),
		"default_region": str("The user's default region (empty when unset)."),
		"authenticated_by": dsschema.ListAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "How the user proved who they are, e.g. `[\"PASSWORD\", \"OTPPASSCODE\"]` for a password " +
				"login answered with an authenticator-app passcode, `[\"APIKEY\"]` for an API key."},
		"roles": objects("The user's roles: `id`, `name`, `description`, and `tenant_id` for roles granted on one tenant.",
			strs("id", "name", "description", "tenant_id")),
		"service_catalog": objects("The service catalog: each service's `name`, `type` and `endpoints` "+
			"(`region`, `tenant_id`, `public_url`, `internal_url`).", services),
	}}
}

func tokenEphemeralSchema(description string) epschema.Schema {
	return epschema.Schema{MarkdownDescription: description, Attributes: ephemeralAttributes(tokenDataSourceSchema("").Attributes)}
}

// ephemeralAttributes converts data source attributes: the string and list attributes of the two
// schema packages have the same fields, and the nested ones differ only in their nested type.
func ephemeralAttributes(in map[string]dsschema.Attribute) map[string]epschema.Attribute {
	out := make(map[string]epschema.Attribute, len(in))
	for name, a := range in {
		switch a := a.(type) {
		case dsschema.StringAttribute:
			out[name] = epschema.StringAttribute(a)
		case dsschema.ListAttribute:
			out[name] = epschema.ListAttribute(a)
		case dsschema.ListNestedAttribute:
			out[name] = epschema.ListNestedAttribute{Computed: a.Computed, MarkdownDescription: a.MarkdownDescription,
				NestedObject: epschema.NestedAttributeObject{Attributes: ephemeralAttributes(a.NestedObject.Attributes)}}
		default:
			panic(fmt.Sprintf("token schema: no ephemeral form of %T", a))
		}
	}
	return out
}

type tokenModel struct {
	TenantID        types.String   `tfsdk:"tenant_id"`
	Username        types.String   `tfsdk:"username"`
	Password        types.String   `tfsdk:"password"`
	APIKey          types.String   `tfsdk:"api_key"`
	TOTPSecret      types.String   `tfsdk:"totp_secret"`
	Passcode        types.String   `tfsdk:"passcode"`
	ID              types.String   `tfsdk:"id"`
	Expires         types.String   `tfsdk:"expires"`
	Issued          types.String   `tfsdk:"issued"`
	TenantName      types.String   `tfsdk:"tenant_name"`
	UserID          types.String   `tfsdk:"user_id"`
	UserName        types.String   `tfsdk:"user_name"`
	DomainID        types.String   `tfsdk:"domain_id"`
	DefaultRegion   types.String   `tfsdk:"default_region"`
	AuthenticatedBy []string       `tfsdk:"authenticated_by"`
	Roles           []tokenRole    `tfsdk:"roles"`
	ServiceCatalog  []tokenService `tfsdk:"service_catalog"`
}

// tokenRole and tokenEndpoint have the fields of the client's Role and Endpoint, so a
// conversion copies them.
type tokenRole struct {
	ID          string `tfsdk:"id"`
	Name        string `tfsdk:"name"`
	Description string `tfsdk:"description"`
	TenantID    string `tfsdk:"tenant_id"`
}

type tokenService struct {
	Name      string          `tfsdk:"name"`
	Type      string          `tfsdk:"type"`
	Endpoints []tokenEndpoint `tfsdk:"endpoints"`
}

type tokenEndpoint struct {
	Region      string `tfsdk:"region"`
	TenantID    string `tfsdk:"tenant_id"`
	PublicURL   string `tfsdk:"public_url"`
	InternalURL string `tfsdk:"internal_url"`
}

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

// tokenObject is what the data source and the ephemeral resource share.
type tokenObject struct {
	data *providerData
}

// login reads the configuration and logs in as it asks: as another user when it names a
// username, and otherwise with the provider's login, which fresh makes a new one the caller
// owns. It returns nil after adding an error.
func (o *tokenObject) login(ctx context.Context, config tfsdk.Config, fresh bool, diags *diag.Diagnostics) *tokenModel {
	var m tokenModel
	diags.Append(config.Get(ctx, &m)...)
	if diags.HasError() {
		return nil
	}
	svc := o.data.rackspaceOrDiag(diags)
	if svc == nil {
		return nil
	}
	var access *rackspace.Access
	var err error
	switch tenantID := m.TenantID.ValueString(); {
	case !m.Username.IsNull():
		access, err = svc.client.Authenticate(ctx, rackspace.Credentials{
			Username: m.Username.ValueString(), Password: m.Password.ValueString(), APIKey: m.APIKey.ValueString(),
			TOTPSecret: m.TOTPSecret.ValueString(), Passcode: m.Passcode.ValueString(), TenantID: tenantID,
		})
	case fresh:
		access, err = svc.session.Login(ctx, tenantID)
	default:
		access, err = svc.session.AccessFor(ctx, tenantID)
	}
	if err != nil {
		diags.Append(apiErrorDiag("Logging in to Rackspace Identity", err, nil))
		return nil
	}
	m.setAccess(access)
	return &m
}

// setAccess copies a login's result into the model. Its lists are never nil: a nil slice
// would be a null list, where Terraform expects a known, possibly empty one.
func (m *tokenModel) setAccess(a *rackspace.Access) {
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

	// Identity keeps the factors in a set, so their order varies between logins; sorted, they
	// don't make plans differ.
	m.AuthenticatedBy = append([]string{}, a.Token.AuthenticatedBy...)
	slices.Sort(m.AuthenticatedBy)
	m.Roles = make([]tokenRole, 0, len(a.User.Roles))
	for _, r := range a.User.Roles {
		m.Roles = append(m.Roles, tokenRole(r))
	}
	m.ServiceCatalog = make([]tokenService, 0, len(a.ServiceCatalog))
	for _, s := range a.ServiceCatalog {
		svc := tokenService{Name: s.Name, Type: s.Type, Endpoints: make([]tokenEndpoint, 0, len(s.Endpoints))}
		for _, e := range s.Endpoints {
			svc.Endpoints = append(svc.Endpoints, tokenEndpoint(e))
		}
		m.ServiceCatalog = append(m.ServiceCatalog, svc)
	}
}

func timeValue(t time.Time) types.String {
	if t.IsZero() {
		return types.StringNull()
	}
	return types.StringValue(t.UTC().Format(time.RFC3339))
}
