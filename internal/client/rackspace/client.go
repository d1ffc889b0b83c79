// Package rackspace is a client for the Rackspace Cloud Identity v2.0 API.
package rackspace

import (
	"cmp"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// DefaultEndpoint is the public Identity service.
const DefaultEndpoint = "https://identity.api.rackspacecloud.com"

// Config configures a Client. Zero values select the defaults.
type Config struct {
	Endpoint   string       // with or without /v2.0
	HTTPClient *http.Client // its Timeout bounds one attempt
	UserAgent  string
	Logger     httpx.Logger
	// Retries as httpx.Retry.WithDefaults: 10, 500ms, 30s.
	RetryMax                   int
	RetryWaitMin, RetryWaitMax time.Duration
	OperationTimeout           time.Duration    // per request, retries included; default 5 minutes
	Now                        func() time.Time // for TOTP codes and token expiry
}

// Client talks to one Identity endpoint. It is safe for concurrent use.
type Client struct {
	baseURL string
	logger  httpx.Logger
	now     func() time.Time
	http    *http.Client
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

func normalizeEndpoint(raw string) (string, error) {
	return httpx.BaseURL("rackspace", cmp.Or(strings.TrimSpace(raw), DefaultEndpoint), "/v2.0")
}

func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, payload any) (*httpx.Response, error) {
	return httpx.Send(ctx, c.http, APIName, op, method, c.baseURL+path, header, payload)
}
