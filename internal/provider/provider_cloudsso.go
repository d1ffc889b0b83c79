package provider

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// Environment variables of the cloudsso block: the names Alibaba Cloud's own CLI and SDKs read,
// and the endpoint override its Terraform provider reads.
const (
	envCloudSSOAccessKeyID     = "ALIBABA_CLOUD_ACCESS_KEY_ID"
	envCloudSSOAccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
	envCloudSSOSecurityToken   = "ALIBABA_CLOUD_SECURITY_TOKEN"
	envCloudSSORegion          = "ALIBABA_CLOUD_REGION"
	envCloudSSOEndpoint        = "ALIBABA_CLOUD_ENDPOINT_CLOUDSSO"
)

const (
	// defaultCloudSSORate stays just under CloudSSO's quota, where the client's own default
	// leaves room for other tools.
	defaultCloudSSORate = cloudsso.MaxRequestsPerSecond - 5
)

type cloudSSOBlockModel struct {
	Region               types.String `tfsdk:"region"`
	Endpoint             types.String `tfsdk:"endpoint"`
	AccessKeyID          types.String `tfsdk:"access_key_id"`
	AccessKeySecret      types.String `tfsdk:"access_key_secret"`
	SecurityToken        types.String `tfsdk:"security_token"`
	MaxRequestsPerSecond types.Int64  `tfsdk:"max_requests_per_second"`
}

func cloudSSOBlockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Alibaba Cloud CloudSSO (API version 2021-05-15): the block of every CloudSSO object. " +
			"Requests are signed by Alibaba's own OpenAPI client (ACS3-HMAC-SHA256).",
		Attributes: map[string]schema.Attribute{
			"region": setting(fmt.Sprintf("Region of the CloudSSO directory; the endpoint is "+
				"`cloudsso.<region>.aliyuncs.com`. Defaults to `%s`, or `%s`. One of `%s`.",
				cloudsso.DefaultRegion, envCloudSSORegion, strings.Join(cloudsso.Regions(), "`, `"))),
			"endpoint": setting("Overrides the regional endpoint with a URL, or `"+envCloudSSOEndpoint+"`. Plain "+
				"`http://` is accepted only for loopback addresses, such as the emulator.", endpointValidator()),
			"access_key_id":     setting("AccessKey ID of a RAM user or role, or `" + envCloudSSOAccessKeyID + "`."),
			"access_key_secret": secretSetting("AccessKey secret, or `" + envCloudSSOAccessKeySecret + "`."),
			"security_token": secretSetting("STS security token, required with a temporary (`STS.`) AccessKey, or `" +
				envCloudSSOSecurityToken + "`."),
			"max_requests_per_second": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Client-side limit on CloudSSO requests, shared by every object of the run. "+
					"CloudSSO allows %d calls per second per account; the default, %d, stays just under it. Lower it when "+
					"other tools use the same account at the same time.", cloudsso.MaxRequestsPerSecond, defaultCloudSSORate),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, cloudsso.MaxRequestsPerSecond)},
			},
		},
	}
}

// resolveCloudSSO merges the block with the environment; nil without diagnostics when neither
// the block nor an access key in the environment is present.
func resolveCloudSSO(block *cloudSSOBlockModel, getenv func(string) string) (*cloudsso.Config, diag.Diagnostics) {
	if block == nil {
		if getenv(envCloudSSOAccessKeyID) == "" && getenv(envCloudSSOAccessKeySecret) == "" {
			return nil, nil
		}
		block = &cloudSSOBlockModel{}
	}
	root := path.Root("cloudsso")
	cfg := &cloudsso.Config{RequestsPerSecond: defaultCloudSSORate}
	diags := resolveBlock("cloudsso", "CloudSSO", []blockSetting{
		{"region", envCloudSSORegion, block.Region, &cfg.Region, false},
		{"endpoint", envCloudSSOEndpoint, block.Endpoint, &cfg.Endpoint, false},
		{"access_key_id", envCloudSSOAccessKeyID, block.AccessKeyID, &cfg.AccessKeyID, true},
		{"access_key_secret", envCloudSSOAccessKeySecret, block.AccessKeySecret, &cfg.AccessKeySecret, true},
		{"security_token", envCloudSSOSecurityToken, block.SecurityToken, &cfg.SecurityToken, false},
	}, getenv)
	if block.MaxRequestsPerSecond.IsUnknown() {
		diags.AddAttributeError(root.AtName("max_requests_per_second"), "Unknown CloudSSO Setting",
			"cloudsso.max_requests_per_second depends on a value that is not known until apply; set it to a known value.")
	} else if !block.MaxRequestsPerSecond.IsNull() {
		cfg.RequestsPerSecond = float64(block.MaxRequestsPerSecond.ValueInt64())
	}
	if err := cloudsso.CheckDebugEnv(getenv); err != nil {
		diags.AddAttributeError(root, "DEBUG Would Leak CloudSSO Secrets",
			"The cloudsso block can't be used: "+err.Error()+"; use TF_LOG for the provider's own logs, which mask secrets.")
	}
	if diags.HasError() {
		return nil, diags
	}

	if cfg.Region == "" {
		cfg.Region = cloudsso.DefaultRegion
	}
	if cfg.Endpoint != "" {
		if err := checkEndpoint(cfg.Endpoint); err != nil {
			diags.AddAttributeError(root.AtName("endpoint"), "Invalid Endpoint", "cloudsso.endpoint: "+err.Error()+".")
		}
	} else if err := cloudsso.CheckRegion(cfg.Region); err != nil {
		diags.AddAttributeError(root.AtName("region"), "Unsupported CloudSSO Region",
			fmt.Sprintf("%s. Use one of %s, or set cloudsso.endpoint.", err, strings.Join(cloudsso.Regions(), ", ")))
	}
	switch err := cloudsso.CheckSTS(cfg.AccessKeyID, cfg.SecurityToken); {
	case errors.Is(err, cloudsso.ErrSTSWithoutToken):
		diags.AddAttributeError(root.AtName("security_token"), "Missing STS Security Token",
			"The AccessKey "+cfg.AccessKeyID+" is a temporary STS credential and needs its security_token (or "+
				envCloudSSOSecurityToken+").")
	case errors.Is(err, cloudsso.ErrTokenWithoutSTS) && !block.SecurityToken.IsNull():
		diags.AddAttributeError(root.AtName("security_token"), "Security Token Without STS AccessKey",
			"security_token goes with a temporary AccessKey, whose ID starts with \"STS.\". Remove it, or use the "+
				"AccessKey issued with the token.")
	case errors.Is(err, cloudsso.ErrTokenWithoutSTS):
		// An ambient ALIBABA_CLOUD_SECURITY_TOKEN is meaningless for a permanent key.
		cfg.SecurityToken = ""
	}
	return cfg, diags
}

func configureCloudSSO(block *cloudSSOBlockModel, userAgent string, diags *diag.Diagnostics) *cloudsso.Client {
	cfg, d := resolveCloudSSO(block, os.Getenv)
	diags.Append(d...)
	if cfg == nil || diags.HasError() {
		return nil
	}
	cfg.UserAgent = userAgent
	cfg.Logger = newClientLogger(cfg.AccessKeySecret, cfg.SecurityToken)
	client, err := cloudsso.New(*cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("cloudsso"), "Invalid CloudSSO Configuration", err.Error())
		return nil
	}
	return client
}
