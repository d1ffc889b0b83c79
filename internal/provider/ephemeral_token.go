package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure      = &tokenEphemeralResource{}
	_ ephemeral.EphemeralResourceWithValidateConfig = &tokenEphemeralResource{}
	_ ephemeral.EphemeralResourceWithClose          = &tokenEphemeralResource{}
)

// privateTokenKey keeps the token between Open and Close in the framework's private data,
// which Terraform passes back to Close and never writes to state or plan.
const privateTokenKey = "token"

// NewTokenEphemeralResource returns the authpolicy_token ephemeral resource.
func NewTokenEphemeralResource() ephemeral.EphemeralResource {
	return &tokenEphemeralResource{}
}

type tokenEphemeralResource struct {
	tokenObject
}

func (e *tokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_token"
}

func (e *tokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = tokenEphemeralSchema("A Rackspace Cloud Identity token that never reaches the plan or the state. " +
		"Each run logs in for a token of its own (`POST /v2.0/tokens`) and revokes it (`DELETE /v2.0/tokens`) when " +
		"Terraform is done with it, so the token does not outlive the run. Requires Terraform 1.10 or later.")
}

func (e *tokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *tokenEphemeralResource) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	validateTokenOverrides(ctx, req.Config, &resp.Diagnostics)
}

// Open always logs in anew: sharing the provider's token would let Close revoke it under every
// other object of the run.
func (e *tokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	model := e.login(ctx, req.Config, true, &resp.Diagnostics)
	if model == nil {
		return
	}
	// Private data must be JSON; a JSON string of the token is the simplest value.
	raw, _ := json.Marshal(model.ID.ValueString())
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateTokenKey, raw)...)
	resp.Diagnostics.Append(resp.Result.Set(ctx, model)...)
}

func (e *tokenEphemeralResource) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, privateTokenKey)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || raw == nil {
		return
	}
	svc := e.data.rackspaceOrDiag(&resp.Diagnostics)
	if svc == nil {
		return
	}
	var token string
	if err := json.Unmarshal(raw, &token); err != nil {
		resp.Diagnostics.AddError("Unreadable Private Data", "The token kept between Open and Close could not be "+
			"read back, so it was not revoked; it expires on its own after 24 hours. This is a bug in the provider.")
		return
	}
	if err := svc.client.RevokeToken(ctx, token); err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Revoking the ephemeral token", err, nil))
	}
}
