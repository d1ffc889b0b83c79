// Package rackspace is a client for the Rackspace Cloud Identity v2.0 API:
// authentication (password, API key, token and the multi-factor passcode
// step), token revocation and domains. It knows nothing about Terraform.
package rackspace

import (
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// DefaultEndpoint is the public Identity service, used when Config.Endpoint is empty.
const DefaultEndpoint = "https://identity.api.rackspacecloud.com"

const (
	defaultUserAgent    = "terraform-provider-authpolicy"
	defaultRetryMax     = 4
	defaultRetryWaitMin = 500 * time.Millisecond
	defaultRetryWaitMax = 30 * time.Second
	// Bounds a single attempt when the caller brings no HTTP client; the
	// overall deadline is the caller's context.
	defaultAttemptTimeout = 60 * time.Second
)

// Logger receives debug messages. Fields never hold secret values.
type Logger = httpx.Logger

// Config configures a Client. Zero values select the defaults.
type Config struct {
	// Endpoint is the base URL without the /v2.0 suffix.
	Endpoint string
	// HTTPClient is used for every attempt; its Timeout bounds one attempt.
	HTTPClient *http.Client
	UserAgent  string
	Logger     Logger
	// RetryMax is the number of retries after the first attempt: 0 selects
	// the default of 4, a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff; RetryWaitMax also
	// caps any wait the server asks for with Retry-After.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// Now is the clock TOTP codes are computed from, and by which a Session
	// decides that its token has expired.
	Now func() time.Time
}

// Client talks to one Identity endpoint. It is safe for concurrent use.
type Client struct {
	baseURL   string
	userAgent string
	logger    Logger
	now       func() time.Time
	// http sends every request with this package's retry policy.
	http *retryablehttp.Client
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := normalizeEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{
		baseURL:   base,
		userAgent: cfg.UserAgent,
		logger:    httpx.OrNop(cfg.Logger),
		now:       cfg.Now,
	}
	if c.userAgent == "" {
		c.userAgent = defaultUserAgent
	}
	if c.now == nil {
		c.now = time.Now
	}
	retry := httpx.Retry{Max: cfg.RetryMax, WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax}.WithDefaults(
		httpx.Retry{Max: defaultRetryMax, WaitMin: defaultRetryWaitMin, WaitMax: defaultRetryWaitMax})
	policy := &httpx.Policy{
		Name:          "rackspace identity",
		Logger:        c.logger,
		RetryResponse: retryResponse,
		ServerWait:    retryAfter,
	}
	c.http = policy.NewClient(httpx.HTTPClient(cfg.HTTPClient, defaultAttemptTimeout), retry)
	return c, nil
}

// normalizeEndpoint accepts the base URL with or without a trailing /v2.0 so
// that either spelling found in vendor documentation works.
func normalizeEndpoint(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return DefaultEndpoint, nil
	}
	return httpx.BaseURL("rackspace", raw, "/v2.0")
}
