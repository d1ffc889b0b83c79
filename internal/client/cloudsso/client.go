// Package cloudsso is a client for the Alibaba Cloud CloudSSO API, version
// 2021-05-15: a directory and its multi-factor authentication status. It
// knows nothing about Terraform.
//
// Requests are built and signed by Alibaba's own generic OpenAPI client
// (github.com/alibabacloud-go/darabonba-openapi/v2), with its default V3
// signature (ACS3-HMAC-SHA256), so that no signing code of ours can drift
// from the vendor's. This package adds what that client leaves to its
// callers: a client-side rate limit, retries, typed errors and logging that
// never carries a secret.
package cloudsso

import (
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/tea"
	"golang.org/x/time/rate"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// apiVersion is the only CloudSSO API version this package speaks.
const apiVersion = "2021-05-15"

const (
	// CloudSSO allows 100 calls per second per account for these actions;
	// half of it leaves room for other tools working on the same account.
	defaultRequestsPerSecond = 50
	// Bounds one attempt; OperationTimeout bounds the whole call.
	defaultHTTPTimeout = 30 * time.Second
)

// defaultRetry has no count limit: throttling and unavailability are
// retried until the operation's time runs out, since CloudSSO's throttling
// lasts as long as other tools keep the account busy.
var defaultRetry = httpx.Retry{Max: math.MaxInt, WaitMin: 200 * time.Millisecond, WaitMax: 10 * time.Second}

// Logger receives debug messages. Fields never hold secret values.
type Logger = httpx.Logger

// Config configures a Client. Zero values select the defaults.
type Config struct {
	// Endpoint is a bare host[:port], reached over HTTPS, or an http or
	// https URL without a path, e.g. http://127.0.0.1:8181 for a local
	// emulator. Empty means cloudsso.<Region>.aliyuncs.com over HTTPS.
	Endpoint string
	// Region is the region of the directory, default cn-shanghai.
	Region          string
	AccessKeyID     string
	AccessKeySecret string
	// SecurityToken is set with STS credentials (AccessKeyID "STS.…").
	SecurityToken string
	// UserAgent is appended to the vendor client's own user agent.
	UserAgent string
	Logger    Logger
	// RequestsPerSecond limits the calls of the Client, all callers
	// together, default 50; a negative value disables the limit.
	RequestsPerSecond float64
	// RetryMax is the number of retries after the first attempt: 0 selects
	// the default, no limit but OperationTimeout; a negative value disables
	// retries.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff (defaults 200ms and
	// 10s); RetryWaitMax also caps any wait the server asks for with
	// Retry-After.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// OperationTimeout bounds each call, retries included: 0 selects the
	// default of 5 minutes.
	OperationTimeout time.Duration
	// HTTPTimeout bounds one attempt, default 30s.
	HTTPTimeout time.Duration
}

// String keeps the access key secret and the security token out of
// anything that formats a Config with %v.
func (c Config) String() string {
	return "{Endpoint:" + c.Endpoint + " Region:" + c.Region + " AccessKeyID:" + c.AccessKeyID +
		" AccessKeySecret:" + httpx.Mask(c.AccessKeySecret) + " SecurityToken:" + httpx.Mask(c.SecurityToken) + "}"
}

// GoString does for %#v what String does for %v.
func (c Config) GoString() string { return "cloudsso.Config" + c.String() }

// Client calls the CloudSSO API of one region with one set of credentials.
// It is safe for concurrent use; one Client per process lets its rate
// limit cover every call.
type Client struct {
	// dara lends the DARA clients that build, sign and send each request
	// and parse the answer.
	dara      *daraPool
	logger    Logger
	limiter   *rate.Limiter
	retry     httpx.Retry
	opTimeout time.Duration
	// secrets are removed from any text that came from the server or the
	// transport before it reaches an error or a log line.
	secrets []string
}

var regionRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// New checks cfg and builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	region := strings.TrimSpace(cfg.Region)
	if region == "" {
		region = DefaultRegion
	}
	if !regionRE.MatchString(region) {
		return nil, fmt.Errorf("cloudsso: invalid region %q", region)
	}
	host, protocol, err := parseEndpoint(cfg.Endpoint, region)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.TrimSpace(cfg.AccessKeyID) == "":
		return nil, errors.New("cloudsso: an access key ID is required")
	case cfg.AccessKeySecret == "":
		return nil, errors.New("cloudsso: an access key secret is required")
	}
	for _, err := range []error{CheckSTS(cfg.AccessKeyID, cfg.SecurityToken), CheckDebugEnv(os.Getenv)} {
		if err != nil {
			return nil, fmt.Errorf("cloudsso: %w", err)
		}
	}

	c := &Client{
		logger:    httpx.OrNop(cfg.Logger),
		limiter:   newLimiter(cfg.RequestsPerSecond),
		retry:     httpx.Retry{Max: cfg.RetryMax, WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax}.WithDefaults(defaultRetry),
		opTimeout: httpx.OperationTimeout(cfg.OperationTimeout),
		secrets:   []string{cfg.AccessKeySecret, cfg.SecurityToken},
	}
	timeout := cfg.HTTPTimeout
	if timeout <= 0 {
		timeout = defaultHTTPTimeout
	}

	dc := openapi.Config{
		AccessKeyId:     tea.String(cfg.AccessKeyID),
		AccessKeySecret: tea.String(cfg.AccessKeySecret),
		// DARA reads the host header and the request URL's authority from
		// Endpoint, and Protocol (when set) wins over each API's HTTPS.
		Endpoint:  tea.String(host),
		Protocol:  tea.String(protocol),
		RegionId:  tea.String(region),
		UserAgent: tea.String(httpx.UserAgent(cfg.UserAgent)),
		// Our own HTTP client instead of DARA's process-wide pool: it keeps
		// this Client's timeout and connections to itself, refuses
		// redirects and lets the retry loop see each raw answer.
		HttpClient: &httpDoer{client: newHTTPClient(timeout), logger: c.logger},
		// RetryOptions stays nil: DARA then makes exactly one attempt per
		// call, and all retrying happens in this package.
	}
	if cfg.SecurityToken != "" {
		dc.SecurityToken = tea.String(cfg.SecurityToken)
	}
	c.dara, err = newDaraPool(dc)
	if err != nil {
		// The vendor's message is about its config, never the values, but
		// it is filtered all the same.
		return nil, fmt.Errorf("cloudsso: %s", httpx.Redact(err.Error(), c.secrets...))
	}
	return c, nil
}

// parseEndpoint returns the host[:port] DARA puts in the host header and
// the protocol it is reached with.
func parseEndpoint(raw, region string) (host, protocol string, err error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		if err := CheckRegion(region); err != nil {
			return "", "", fmt.Errorf("cloudsso: %w", err)
		}
		return "cloudsso." + region + ".aliyuncs.com", "HTTPS", nil
	}
	if !strings.Contains(raw, "://") {
		// A bare host: parsed as the authority of an https URL, and it must
		// be nothing more than that.
		u, err := url.Parse("https://" + raw)
		if err != nil || u.Host != raw || u.User != nil {
			return "", "", fmt.Errorf("cloudsso: endpoint %q must be a host[:port] or an http(s) URL", raw)
		}
		return raw, "HTTPS", nil
	}
	// RPC requests go to the root, so the URL may hold no path.
	u, err := httpx.HostURL("cloudsso", raw)
	if err != nil {
		return "", "", err
	}
	return u.Host, strings.ToUpper(u.Scheme), nil
}

// newHTTPClient builds the HTTP client of one Client. The API never
// redirects, and following a redirect would carry the security token
// header to wherever it points, so the redirect itself is the answer.
func newHTTPClient(timeout time.Duration) *http.Client {
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		tr = dt.Clone()
	}
	tr.MaxIdleConnsPerHost = httpx.MaxIdleConnsPerHost
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
