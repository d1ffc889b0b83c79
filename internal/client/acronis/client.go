// Package acronis is a client for the account management API v2 of Acronis
// Cyber Protect Cloud: OAuth2 client-credentials tokens, tenants and their
// multi-factor authentication status. It knows nothing about Terraform.
package acronis

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// The official samples refresh 15 minutes ahead; 5 minutes is plenty for
// one Terraform operation and still far from the 2-hour token lifetime.
const defaultExpiryMargin = 5 * time.Minute

// apiPrefix is where the account API lives below the data center URL.
const apiPrefix = "/api/2"

// Logger receives debug messages. Fields never hold secret values.
type Logger = httpx.Logger

// Config configures a Client. Zero values select the defaults.
type Config struct {
	// Endpoint is the data center URL where the API client was created,
	// e.g. https://eu2-cloud.acronis.com. A trailing /api/2 is accepted.
	Endpoint     string
	ClientID     string
	ClientSecret string
	// HTTPClient is used for every attempt; its Timeout bounds one attempt.
	HTTPClient *http.Client
	UserAgent  string
	Logger     Logger
	// RetryMax is the number of retries after the first attempt: 0 selects
	// the default of 10, a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff (defaults 500ms and
	// 30s); RetryWaitMax also caps any wait the server asks for with
	// Retry-After.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// OperationTimeout bounds each request of an operation, the token
	// request included, retries and all: 0 selects the default of 5 minutes.
	OperationTimeout time.Duration
	// ExpiryMargin is how long before its expiry a token is replaced: 0
	// selects the default of 5 minutes, a negative value none. It never
	// exceeds half the token's lifetime, so that a short-lived token is
	// still used for a while.
	ExpiryMargin time.Duration
	// Now is the clock by which token expiry is judged; nil means time.Now.
	Now func() time.Time
	// DisableWait bounds the wait for a disable in progress.
	DisableWait DisableWait
}

// String keeps the client secret out of anything that formats a Config with %v.
func (c Config) String() string {
	return "{Endpoint:" + c.Endpoint + " ClientID:" + c.ClientID + " ClientSecret:" + httpx.Mask(c.ClientSecret) + "}"
}

// GoString does for %#v what String does for %v.
func (c Config) GoString() string { return "acronis.Config" + c.String() }

// Client talks to the account API of one data center as one API client. It
// holds one access token, shared by all callers. It is safe for concurrent use.
type Client struct {
	baseURL string // the data center URL followed by /api/2
	logger  Logger
	now     func() time.Time
	margin  time.Duration
	// disableWait bounds the polling of a disable in progress.
	disableWait DisableWait
	// http performs every request, the token request included, through the
	// retry policy.
	http  *http.Client
	oauth *clientcredentials.Config
	// secrets are removed from any server text quoted in an error: the
	// client secret and the Basic credentials carrying it.
	secrets []string
	tokens  tokenCache
}

// New checks cfg and builds a Client. It makes no request: the first token
// is fetched by the first call that needs one.
func New(cfg Config) (*Client, error) {
	base, err := normalizeEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.TrimSpace(cfg.ClientID) == "":
		return nil, errors.New("acronis: a client ID is required")
	case cfg.ClientSecret == "":
		return nil, errors.New("acronis: a client secret is required")
	}
	c := &Client{
		baseURL: base + apiPrefix,
		logger:  httpx.OrNop(cfg.Logger),
		now:     cfg.Now,
		margin:  cfg.ExpiryMargin,
		secrets: []string{cfg.ClientSecret, basicCredentials(cfg.ClientID, cfg.ClientSecret)},
	}
	c.disableWait = cfg.DisableWait.withDefaults()
	if c.now == nil {
		c.now = time.Now
	}
	switch {
	case c.margin == 0:
		c.margin = defaultExpiryMargin
	case c.margin < 0:
		c.margin = 0
	}

	// The policy retries connection failures, 429 and the transient 5xx,
	// and waits as long as Retry-After asks. Everything else (400, 401, 403,
	// 404, 415, ...) is an answer that a repeat would only get again; a 401
	// is handled a level up, where a new token can be fetched first.
	policy := &httpx.Policy{Name: APIName, Logger: c.logger}
	retry := httpx.Retry{Max: cfg.RetryMax, WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax}.WithDefaults(httpx.DefaultRetry)
	c.http = policy.HTTPClient(cfg.HTTPClient, retry, httpx.UserAgent(cfg.UserAgent), httpx.OperationTimeout(cfg.OperationTimeout))
	c.oauth = &clientcredentials.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		TokenURL:     c.baseURL + "/idp/token",
		// The discovery document lists client_secret_basic only, and a
		// fixed style spares the library's probe, which would send the
		// secret a second time in the form after any failure.
		AuthStyle: oauth2.AuthStyleInHeader,
	}
	return c, nil
}

// basicCredentials is what the token request's Authorization header
// carries after "Basic ", encoded as the oauth2 library encodes it.
func basicCredentials(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id) + ":" + url.QueryEscape(secret)))
}

// normalizeEndpoint accepts the data center URL with or without the /api/2
// suffix, since vendor pages show both.
func normalizeEndpoint(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("acronis: an endpoint (the data center URL) is required")
	}
	return httpx.BaseURL("acronis", raw, apiPrefix)
}
