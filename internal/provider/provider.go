// Package provider is the Terraform layer of terraform-provider-authpolicy: the provider
// configuration and one file per resource, data source and ephemeral resource. The API clients
// live in internal/client and know nothing of Terraform.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

var (
	_ provider.Provider                       = &authPolicyProvider{}
	_ provider.ProviderWithEphemeralResources = &authPolicyProvider{}
	_ provider.ProviderWithListResources      = &authPolicyProvider{}
)

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &authPolicyProvider{version: version}
	}
}

type authPolicyProvider struct {
	version string
	// tuneAcronis, set only by tests, adjusts the Acronis client's configuration (page size,
	// retry waits) before the client is built.
	tuneAcronis func(*acronis.Config)
}

type authPolicyProviderModel struct {
	Rackspace *rackspaceBlockModel `tfsdk:"rackspace"`
	Acronis   *acronisBlockModel   `tfsdk:"acronis"`
	CloudSSO  *cloudSSOBlockModel  `tfsdk:"cloudsso"`
}

func (p *authPolicyProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "authpolicy"
	resp.Version = p.version
}

func (p *authPolicyProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Keeps the identity-security settings of Rackspace Cloud Identity, " +
			"Acronis Cyber Protect Cloud and Alibaba Cloud CloudSSO as code. Each API has its own " +
			"optional block; a service is logged in to lazily, once per provider process, only " +
			"when one of its objects is used.",
		Blocks: map[string]schema.Block{
			"rackspace": rackspaceBlockSchema(),
			"acronis":   acronisBlockSchema(),
			"cloudsso":  cloudSSOBlockSchema(),
		},
	}
}

func (p *authPolicyProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config authPolicyProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	data := &providerData{}
	data.rackspace = configureRackspace(config.Rackspace, p.userAgent(), &resp.Diagnostics)
	data.acronis = configureAcronis(config.Acronis, p.userAgent(), p.tuneAcronis, &resp.Diagnostics)
	data.cloudsso = configureCloudSSO(config.CloudSSO, p.userAgent(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data
}

func (p *authPolicyProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewTenantMFAStatusListResource,
		NewDomainMFAEnforcementListResource,
		NewDomainPasswordPolicyListResource,
		NewDirectoryMFAStatusListResource,
	}
}

func (p *authPolicyProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewDomainMFAEnforcementResource,
		NewDomainPasswordPolicyResource,
		NewTenantMFAStatusResource,
		NewTenantUserMFAStatusResource,
		NewDirectoryMFAStatusResource,
		NewDirectoryPasswordPolicyResource,
		NewDomainUserMFAEnforcementResource,
		NewDomainSessionTimeoutResource,
	}
}

func (p *authPolicyProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewTokenDataSource,
		NewDirectoriesDataSource,
		NewUsersDataSource,
		NewTenantsDataSource,
		// The read-only twins of the settings resources.
		settingsTwin(domainMFAEnforcementSpec),
		settingsTwin(domainPasswordPolicySpec),
		settingsTwin(tenantMFAStatusSpec),
		settingsTwin(directoryMFAStatusSpec),
		settingsTwin(directoryPasswordPolicySpec),
		settingsTwin(tenantUserMFAStatusSpec),
		settingsTwin(domainUserMFAEnforcementSpec),
		settingsTwin(domainSessionTimeoutSpec),
	}
}

func (p *authPolicyProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewTokenEphemeralResource,
	}
}

func (p *authPolicyProvider) userAgent() string {
	return "terraform-provider-authpolicy/" + p.version
}
