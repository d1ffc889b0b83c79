package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// providerData is what Configure hands every resource, data source and ephemeral resource.
// A nil service means its block (and its environment variables) is absent.
type providerData struct {
	rackspace *rackspaceService
	acronis   *acronisService
	cloudsso  *cloudSSOService
}

// rackspaceService holds one client and the provider's one shared login for the process; the
// client serves only the token objects' own logins.
type rackspaceService struct {
	client  *rackspace.Client
	session *rackspace.Session
}

// providerDataFrom is the shared body of every object's Configure. It returns nil while the
// provider is not yet configured, which the framework does on purpose during validation.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

func (d *providerData) rackspaceOrDiag(diags *diag.Diagnostics) *rackspaceService {
	if d == nil || d.rackspace == nil {
		diags.AddError("Rackspace Identity Not Configured",
			"This object uses Rackspace Cloud Identity, but the provider has no rackspace block and none of "+
				envRackspaceUsername+", "+envRackspacePassword+", "+envRackspaceAPIKey+" or "+envRackspaceToken+
				" is set. Add a rackspace block to the authpolicy provider configuration.")
		return nil
	}
	return d.rackspace
}
