// Package acronis is a client for the Acronis Cyber Protect Cloud account
// management API v2.
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

const apiPrefix = "/api/2"

// Config configures a Client. Zero values select the defaults.
type Config struct {
	// Endpoint is the data center URL where the API client was created,
	// with or without /api/2.
	Endpoint, ClientID, ClientSecret string
	HTTPClient                       *http.Client // its Timeout bounds one attempt
	UserAgent                        string
	Logger                           httpx.Logger
	// Retries as httpx.Retry.WithDefaults: 10, 500ms, 30s.
	RetryMax                   int
	RetryWaitMin, RetryWaitMax time.Duration
	OperationTimeout           time.Duration // per request, token request included; default 5 minutes
	// ExpiryMargin: a token is replaced this long before it expires, at
	// most half its lifetime; 0 selects 5 minutes, a negative value none.
	ExpiryMargin time.Duration
	Now          func() time.Time // for token expiry
	DisableWait  DisableWait
	// TenantsPageSize is the page size of ListTenants when its listing names none; 0 leaves
	// it to the API (DefaultTenantsPageSize).
	TenantsPageSize int
}

// String keeps the client secret out of anything that formats a Config with %v.
func (c Config) String() string {
	return "{Endpoint:" + c.Endpoint + " ClientID:" + c.ClientID + " ClientSecret:" + httpx.Mask(c.ClientSecret) + "}"
}

// GoString does for %#v what String does for %v.
func (c Config) GoString() string { return "acronis.Config" + c.String() }

// Client talks to one data center as one API client, with one access token
// shared by all callers. It is safe for concurrent use.
type Client struct {
	baseURL     string // ending in /api/2
	logger      httpx.Logger
	now         func() time.Time
	margin      time.Duration
	disableWait DisableWait
	http        *http.Client
	oauth       *clientcredentials.Config
	secrets     []string // the client secret and the Basic credentials carrying it
	tokens      tokenCache
	own         ownTenant
	pageSize    int
}

// New checks cfg and builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	endpoint := strings.TrimSpace(cfg.Endpoint)
	if endpoint == "" {
		return nil, errors.New("acronis: an endpoint (the data center URL) is required")
	}
	base, err := httpx.BaseURL("acronis", endpoint, apiPrefix)
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
		baseURL:  base + apiPrefix,
		logger:   httpx.OrNop(cfg.Logger),
		now:      cfg.Now,
		margin:   cfg.ExpiryMargin,
		secrets:  []string{cfg.ClientSecret, basicCredentials(cfg.ClientID, cfg.ClientSecret)},
		pageSize: cfg.TenantsPageSize,
	}
	c.tokens.Service, c.tokens.Op, c.tokens.Waiting = APIName, opRequestToken, "the access token"
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

	// A 401 is not retried here but in call, after a new token.
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

// basicCredentials encodes as oauth2 does, to be redacted.
func basicCredentials(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(id) + ":" + url.QueryEscape(secret)))
}
