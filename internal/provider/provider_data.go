package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// providerData is what Configure hands every resource, data source and ephemeral resource: one
// client per service for the whole process, so one login (Identity), one token (Acronis) and one
// rate limiter (CloudSSO) serve every object. A nil service means its block (and its
// environment variables) is absent.
type providerData struct {
	rackspace *rackspaceService
	acronis   *acronis.Client
	cloudsso  *cloudsso.Client
}

// rackspaceService holds the provider's one shared login; the client serves only the token
// objects' own logins.
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
		notConfigured(diags, "Rackspace Identity", "Rackspace Cloud Identity", "rackspace",
			"none of "+envRackspaceUsername+", "+envRackspacePassword+", "+envRackspaceAPIKey+" or "+envRackspaceToken)
		return nil
	}
	return d.rackspace
}

// identityClient is the provider's Identity login, for the settings resources of Identity.
func identityClient(d *providerData, diags *diag.Diagnostics) (*rackspace.Session, bool) {
	svc := d.rackspaceOrDiag(diags)
	if svc == nil {
		return nil, false
	}
	return svc.session, true
}

func acronisClient(d *providerData, diags *diag.Diagnostics) (*acronis.Client, bool) {
	if d == nil || d.acronis == nil {
		notConfigured(diags, "Acronis", "the Acronis Cyber Protect Cloud API", "acronis",
			"neither "+envAcronisClientID+" nor "+envAcronisClientSecret)
		return nil, false
	}
	return d.acronis, true
}

func cloudSSOClient(d *providerData, diags *diag.Diagnostics) (*cloudsso.Client, bool) {
	if d == nil || d.cloudsso == nil {
		notConfigured(diags, "CloudSSO", "Alibaba Cloud CloudSSO", "cloudsso",
			"neither "+envCloudSSOAccessKeyID+" nor "+envCloudSSOAccessKeySecret)
		return nil, false
	}
	return d.cloudsso, true
}

// notConfigured is the error of an object whose service has no provider block: it says which
// block to add, before any request.
func notConfigured(diags *diag.Diagnostics, service, api, block, envs string) {
	article := "a"
	if block == "acronis" {
		article = "an"
	}
	diags.AddError(service+" Not Configured",
		"This object uses "+api+", but the provider has no "+block+" block and "+envs+" is set. Add "+article+" "+
			block+" block to the authpolicy provider configuration.")
}
