package provider

import (
	"os"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

// Environment variables of the acronis block. Acronis's own samples keep base_url, client_id and
// client_secret in a config file; these are the same names with the vendor's prefix.
const (
	envAcronisEndpoint     = "ACRONIS_BASE_URL"
	envAcronisClientID     = "ACRONIS_CLIENT_ID"
	envAcronisClientSecret = "ACRONIS_CLIENT_SECRET"
)

// uuidPattern is the lowercase UUID form every Acronis ID takes.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// acronisID is the form of the attribute attr, which holds the UUID of a what.
func acronisID(attr, what, description string) parentIDFormat {
	return parentIDFormat{attr: attr, pattern: uuidPattern, description: description,
		want: "the " + what + "'s UUID in lowercase, such as 22222222-2222-4222-8222-222222222222"}
}

type acronisBlockModel struct {
	Endpoint     types.String `tfsdk:"endpoint"`
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
}

func acronisBlockSchema() schema.Block {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Acronis Cyber Protect Cloud account management API v2: the block of every Acronis object. " +
			"The provider gets one OAuth 2.0 token per provider process with the client-credentials grant of an API client " +
			"(created under Settings > API clients) and renews it before it expires.",
		Attributes: map[string]schema.Attribute{
			"endpoint": setting("The data-center URL shown with the API client, e.g. `https://eu2-cloud.acronis.com` "+
				"(the provider adds `/api/2`), or `"+envAcronisEndpoint+"`. Plain `http://` is accepted only for "+
				"loopback addresses, such as the emulator.", endpointValidator()),
			"client_id": setting("The API client's ID (a UUID), or `"+envAcronisClientID+"`.",
				acronisID("client_id", "API client", "").validator()),
			"client_secret": secretSetting("The API client's secret, or `" + envAcronisClientSecret + "`."),
		},
	}
}

// resolveAcronis merges the block with the environment; nil without diagnostics when neither
// is present.
func resolveAcronis(block *acronisBlockModel, getenv func(string) string) (*acronis.Config, diag.Diagnostics) {
	if block == nil {
		if getenv(envAcronisClientID) == "" && getenv(envAcronisClientSecret) == "" {
			return nil, nil
		}
		block = &acronisBlockModel{}
	}
	root := path.Root("acronis")
	cfg := &acronis.Config{}
	diags := resolveBlock("acronis", "Acronis", []blockSetting{
		{"endpoint", envAcronisEndpoint, block.Endpoint, &cfg.Endpoint, true},
		{"client_id", envAcronisClientID, block.ClientID, &cfg.ClientID, true},
		{"client_secret", envAcronisClientSecret, block.ClientSecret, &cfg.ClientSecret, true},
	}, getenv)
	if diags.HasError() {
		return nil, diags
	}
	if err := checkEndpoint(cfg.Endpoint); err != nil {
		diags.AddAttributeError(root.AtName("endpoint"), "Invalid Endpoint", "acronis.endpoint: "+err.Error()+".")
	}
	if block.ClientID.IsNull() && !uuidPattern.MatchString(cfg.ClientID) {
		diags.AddAttributeError(root.AtName("client_id"), "Invalid "+envAcronisClientID,
			envAcronisClientID+" must be the API client's UUID in lowercase.")
	}
	return cfg, diags
}

func configureAcronis(block *acronisBlockModel, userAgent string, tune func(*acronis.Config), diags *diag.Diagnostics) *acronis.Client {
	cfg, d := resolveAcronis(block, os.Getenv)
	diags.Append(d...)
	if cfg == nil || diags.HasError() {
		return nil
	}
	cfg.UserAgent = userAgent
	cfg.Logger = newClientLogger(cfg.ClientSecret)
	if tune != nil {
		tune(cfg)
	}
	client, err := acronis.New(*cfg)
	if err != nil {
		diags.AddAttributeError(path.Root("acronis"), "Invalid Acronis Configuration", err.Error())
		return nil
	}
	return client
}
