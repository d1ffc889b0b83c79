// Package rackspace is a client for the Rackspace Cloud Identity v2.0 API:
// authentication (password, API key, token and the multi-factor passcode
// step), token revocation and domains. It knows nothing about Terraform.
package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// defaultEndpoint is the public Identity service, used when Config.Endpoint is empty.
const defaultEndpoint = "https://identity.api.rackspacecloud.com"

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
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

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
	transport *transport
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
		logger:    cfg.Logger,
		now:       cfg.Now,
	}
	if c.userAgent == "" {
		c.userAgent = defaultUserAgent
	}
	if c.logger == nil {
		c.logger = nopLogger{}
	}
	if c.now == nil {
		c.now = time.Now
	}

	retryMax := cfg.RetryMax
	switch {
	case retryMax == 0:
		retryMax = defaultRetryMax
	case retryMax < 0:
		retryMax = 0
	}
	waitMin, waitMax := cfg.RetryWaitMin, cfg.RetryWaitMax
	if waitMin <= 0 {
		waitMin = defaultRetryWaitMin
	}
	if waitMax <= 0 {
		waitMax = defaultRetryWaitMax
	}
	if waitMax < waitMin {
		waitMax = waitMin
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = &http.Client{Timeout: defaultAttemptTimeout}
		// A transport of our own: the retry library closes idle connections
		// after failures, which should not touch the process-wide default.
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			httpClient.Transport = dt.Clone()
		}
	}
	c.transport = newTransport(httpClient, c.logger, retryMax, waitMin, waitMax)
	return c, nil
}

// normalizeEndpoint accepts the base URL with or without a trailing /v2.0 so
// that either spelling found in vendor documentation works.
func normalizeEndpoint(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return defaultEndpoint, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("rackspace: invalid endpoint: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("rackspace: endpoint %q must be an http or https URL", u.Redacted())
	}
	if u.Host == "" {
		return "", fmt.Errorf("rackspace: endpoint %q has no host", u.Redacted())
	}
	// Credentials in the URL would end up in error messages of net/http.
	if u.User != nil {
		return "", fmt.Errorf("rackspace: endpoint %q must not contain credentials", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("rackspace: endpoint %q must not have a query or fragment", u.Redacted())
	}
	path := strings.TrimRight(u.Path, "/")
	path = strings.TrimSuffix(path, "/v2.0")
	u.Path = strings.TrimRight(path, "/")
	u.RawPath = ""
	return u.String(), nil
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
