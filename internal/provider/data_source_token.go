package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure      = &tokenDataSource{}
	_ datasource.DataSourceWithValidateConfig = &tokenDataSource{}
)

// NewTokenDataSource returns the authpolicy_token data source.
func NewTokenDataSource() datasource.DataSource {
	return &tokenDataSource{}
}

// tokenDataSource and tokenEphemeralResource repeat a shape on purpose: the framework gives each
// its own request and response types; what they share is tokenObject.
type tokenDataSource struct {
	tokenObject
}

func (d *tokenDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token"
}

func (d *tokenDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = tokenDataSourceSchema("A Rackspace Cloud Identity token (`POST /v2.0/tokens`), with the user, " +
		"roles and service catalog it carries. Without credential arguments it returns the provider's own login. " +
		"**The token is stored in the Terraform state**; use the `authpolicy_token` ephemeral resource to keep it out.")
}

func (d *tokenDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *tokenDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	validateTokenOverrides(ctx, req.Config, &resp.Diagnostics)
	// A data source's arguments are saved in state like its results, secrets included.
	for _, name := range []string{"password", "api_key", "totp_secret", "passcode"} {
		var v types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), &v)...)
		if !v.IsNull() {
			resp.Diagnostics.AddAttributeWarning(path.Root(name), "Credential Stored In State",
				name+" is saved in the Terraform state in plain text, with the token this data source returns. "+
					"Use the authpolicy_token ephemeral resource (Terraform 1.10 or later), which keeps both out of "+
					"state, or leave out the credential arguments to reuse the provider's own login.")
		}
	}
}

// Read returns the provider's own login unless another user, or another tenant than the one
// that login is scoped to, is asked for.
func (d *tokenDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if model := d.login(ctx, req.Config, false, &resp.Diagnostics); model != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
	}
}
