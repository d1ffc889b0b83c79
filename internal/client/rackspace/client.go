// Package rackspace is a client for the Rackspace Cloud Identity v2.0 API:
// authentication (password, API key, token and the multi-factor passcode
// step), token revocation and domains. It knows nothing about Terraform.
package rackspace

import (
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// DefaultEndpoint is the public Identity service, used when Config.Endpoint is empty.
const DefaultEndpoint = "https://identity.api.rackspacecloud.com"

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
	// the default of 10, a negative value disables retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff (defaults 500ms and
	// 30s); RetryWaitMax also caps any wait the server asks for with
	// Retry-After.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// OperationTimeout bounds each request of an operation, its retries
	// included: 0 selects the default of 5 minutes.
	OperationTimeout time.Duration
	// Now is the clock TOTP codes are computed from, and by which a Session
	// decides that its token has expired.
	Now func() time.Time
}

// Client talks to one Identity endpoint. It is safe for concurrent use.
type Client struct {
	baseURL string
	logger  Logger
	now     func() time.Time
	// http sends every request with this package's retry policy.
	http *http.Client
}

// New checks cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	base, err := normalizeEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	c := &Client{baseURL: base, logger: httpx.OrNop(cfg.Logger), now: cfg.Now}
	if c.now == nil {
		c.now = time.Now
	}
	policy := &httpx.Policy{Name: APIName, Logger: c.logger, RetryResponse: retryResponse, ServerWait: retryAfter}
	retry := httpx.Retry{Max: cfg.RetryMax, WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax}.WithDefaults(httpx.DefaultRetry)
	c.http = policy.HTTPClient(cfg.HTTPClient, retry, httpx.UserAgent(cfg.UserAgent), httpx.OperationTimeout(cfg.OperationTimeout))
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
