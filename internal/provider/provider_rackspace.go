package provider

import (
	"errors"
	"os"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// Environment variables of the rackspace block. RS_USERNAME, RS_API_KEY and RS_AUTH_URL are the
// names Rackspace's own CLI (rack) reads; the others extend that prefix.
const (
	envRackspaceEndpoint   = "RS_AUTH_URL"
	envRackspaceUsername   = "RS_USERNAME"
	envRackspacePassword   = "RS_PASSWORD"
	envRackspaceAPIKey     = "RS_API_KEY"
	envRackspaceToken      = "RS_AUTH_TOKEN"
	envRackspaceTOTPSecret = "RS_TOTP_SECRET"
	envRackspacePasscode   = "RS_PASSCODE"
)

type rackspaceBlockModel struct {
	Endpoint   types.String `tfsdk:"endpoint"`
	Username   types.String `tfsdk:"username"`
	Password   types.String `tfsdk:"password"`
	APIKey     types.String `tfsdk:"api_key"`
	Token      types.String `tfsdk:"token"`
	TOTPSecret types.String `tfsdk:"totp_secret"`
	Passcode   types.String `tfsdk:"passcode"`
}

func rackspaceBlockSchema() schema.Block {
	sibling := func(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
	return schema.SingleNestedBlock{
		MarkdownDescription: "Rackspace Cloud Identity v2.0: the block of every Identity object. Log in with exactly one of " +
			"`password`, `api_key` or `token`. A password login of a user with multi-factor authentication is " +
			"answered with a passcode computed from `totp_secret`, or with `passcode`. Every attribute falls back " +
			"to an environment variable; credentials in the block take precedence over credentials in the " +
			"environment as a whole.",
		Attributes: map[string]schema.Attribute{
			"endpoint": setting("Identity base URL, without `/v2.0`. Defaults to `"+rackspace.DefaultEndpoint+"`, or `"+
				envRackspaceEndpoint+"`. Plain `http://` is accepted only for loopback addresses, such as the emulator.",
				endpointValidator()),
			"username": setting("User name for `password` and `api_key` logins, or `" + envRackspaceUsername + "`."),
			"password": secretSetting("Password, or `"+envRackspacePassword+"`.",
				stringvalidator.ConflictsWith(sibling("api_key"), sibling("token"))),
			"api_key": secretSetting("API key, or `"+envRackspaceAPIKey+"`. API-key logins are never challenged "+
				"for a second factor.", stringvalidator.ConflictsWith(sibling("token"))),
			"token": secretSetting("An existing `X-Auth-Token`, or `" + envRackspaceToken + "`. It cannot be " +
				"renewed: when it expires, supply a new one."),
			"totp_secret": secretSetting("Base32 secret of the user's authenticator-app (OTP) device, or `"+
				envRackspaceTOTPSecret+"`. Passcodes are computed from it (RFC 6238) when Identity challenges a "+
				"password login. Only with `password`.",
				totpSecretValidator(), stringvalidator.ConflictsWith(sibling("passcode"), sibling("api_key"), sibling("token"))),
			"passcode": secretSetting("A one-time passcode (from a phone, an authenticator app or a bypass code), or `"+
				envRackspacePasscode+"`. Used once, for the provider's own login. Only with `password`.",
				passcodeValidator(), stringvalidator.ConflictsWith(sibling("api_key"), sibling("token"))),
		},
	}
}

// rackspaceSettings is the block merged with its environment variables and checked.
type rackspaceSettings struct {
	endpoint string
	creds    rackspace.Credentials
}

// resolveRackspace merges the block with the environment. It returns nil without diagnostics
// when neither the block nor any credential variable is present: the service is simply unused.
func resolveRackspace(block *rackspaceBlockModel, getenv func(string) string) (*rackspaceSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	if block == nil {
		if getenv(envRackspaceUsername) == "" && getenv(envRackspacePassword) == "" &&
			getenv(envRackspaceAPIKey) == "" && getenv(envRackspaceToken) == "" {
			return nil, nil
		}
		block = &rackspaceBlockModel{}
	}

	root := path.Root("rackspace")
	s := &rackspaceSettings{}
	c := &s.creds
	// Credentials in the block replace the environment's as a whole, so an ambient RS_API_KEY
	// never turns a configured password login into a conflict: with one in the block, the
	// others don't fall back to their variables.
	fromConfig := !block.Password.IsNull() || !block.APIKey.IsNull() || !block.Token.IsNull()
	credential := func(v types.String) types.String {
		if fromConfig && v.IsNull() {
			return types.StringValue("")
		}
		return v
	}
	diags = resolveBlock("rackspace", "Rackspace", []blockSetting{
		{"endpoint", envRackspaceEndpoint, block.Endpoint, &s.endpoint, false},
		{"username", envRackspaceUsername, block.Username, &c.Username, false},
		{"password", envRackspacePassword, credential(block.Password), &c.Password, false},
		{"api_key", envRackspaceAPIKey, credential(block.APIKey), &c.APIKey, false},
		{"token", envRackspaceToken, credential(block.Token), &c.Token, false},
		{"totp_secret", envRackspaceTOTPSecret, block.TOTPSecret, &c.TOTPSecret, false},
		{"passcode", envRackspacePasscode, block.Passcode, &c.Passcode, false},
	}, getenv)
	if diags.HasError() {
		return nil, diags
	}
	// The client supplies the default and drops a /v2.0 suffix.
	if s.endpoint != "" {
		if err := checkEndpoint(s.endpoint); err != nil {
			diags.AddAttributeError(root.AtName("endpoint"), "Invalid Endpoint", err.Error())
		}
	}

	diags.Append(checkRackspaceCredentials(s, block, fromConfig)...)
	if diags.HasError() {
		return nil, diags
	}
	return s, diags
}

func checkRackspaceCredentials(s *rackspaceSettings, block *rackspaceBlockModel, fromConfig bool) diag.Diagnostics {
	var diags diag.Diagnostics
	root := path.Root("rackspace")
	c := &s.creds

	switch err := c.Check(); {
	case errors.Is(err, rackspace.ErrNoCredential):
		diags.AddAttributeError(root, "Missing Rackspace Credential",
			"The rackspace block needs exactly one of password, api_key or token (or one of the environment "+
				"variables "+envRackspacePassword+", "+envRackspaceAPIKey+", "+envRackspaceToken+").")
		return diags
	case errors.Is(err, rackspace.ErrManyCredentials):
		// In the block, the attributes' ConflictsWith validators have said so already.
		if !fromConfig {
			diags.AddAttributeError(root, "Conflicting Rackspace Credentials",
				"More than one of the environment variables "+envRackspacePassword+", "+envRackspaceAPIKey+" and "+
					envRackspaceToken+" is set; set only one, or choose the credential in the rackspace block.")
		}
		return diags
	case errors.Is(err, rackspace.ErrNoUsername):
		diags.AddAttributeError(root.AtName("username"), "Missing Rackspace Username",
			"Password and API-key logins need rackspace.username (or "+envRackspaceUsername+").")
	}
	if c.TOTPSecret != "" && c.Passcode != "" {
		diags.AddAttributeError(root.AtName("totp_secret"), "Conflicting Multi-Factor Settings",
			"Set either totp_secret or passcode, not both (one of them may come from "+envRackspaceTOTPSecret+
				" or "+envRackspacePasscode+").")
	}
	if c.Password == "" {
		// An ambient RS_TOTP_SECRET is harmless for an API-key login; one written in the block is a mistake.
		if !block.TOTPSecret.IsNull() || !block.Passcode.IsNull() {
			diags.AddAttributeError(root.AtName("totp_secret"), "Multi-Factor Settings Without Password",
				"totp_secret and passcode answer the multi-factor challenge of a password login; API-key and token "+
					"logins are never challenged. Remove them, or log in with password.")
		}
		c.TOTPSecret, c.Passcode = "", ""
	}
	if c.TOTPSecret != "" && block.TOTPSecret.IsNull() {
		if err := checkTOTPSecret(c.TOTPSecret); err != nil {
			diags.AddAttributeError(root.AtName("totp_secret"), "Invalid "+envRackspaceTOTPSecret, err.Error())
		}
	}
	if c.Passcode != "" && block.Passcode.IsNull() {
		if err := rackspace.CheckPasscode(c.Passcode); err != nil {
			diags.AddAttributeError(root.AtName("passcode"), "Invalid "+envRackspacePasscode, err.Error())
		}
	}
	return diags
}

func configureRackspace(block *rackspaceBlockModel, userAgent string, diags *diag.Diagnostics) *rackspaceService {
	settings, d := resolveRackspace(block, os.Getenv)
	diags.Append(d...)
	if settings == nil || diags.HasError() {
		return nil
	}
	client, err := rackspace.New(rackspace.Config{
		Endpoint:  settings.endpoint,
		UserAgent: userAgent,
		Logger:    newClientLogger(settings.creds.Password, settings.creds.APIKey, settings.creds.Token, settings.creds.TOTPSecret, settings.creds.Passcode),
	})
	if err != nil {
		diags.AddAttributeError(path.Root("rackspace"), "Invalid Rackspace Configuration", err.Error())
		return nil
	}
	return &rackspaceService{client: client, session: rackspace.NewSession(client, settings.creds)}
}

// domainIDFormat: domain IDs are numbers for cloud accounts; Rackspace's own tools also use
// prefixed IDs such as dedicated:1234 and dp:1234.
var domainIDFormat = parentIDFormat{attr: "domain_id", pattern: regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._-]*$`),
	description: "ID of the Rackspace Cloud Identity domain (the account number for cloud accounts).",
	want:        "a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-')"}
