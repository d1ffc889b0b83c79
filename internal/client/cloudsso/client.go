// Package cloudsso is a client for the Alibaba Cloud CloudSSO API
// 2021-05-15. Requests are built and signed (V3, ACS3-HMAC-SHA256) by
// Alibaba's darabonba-openapi client, so that no signing code of ours can
// drift from the vendor's; this package adds a rate limit, retries, typed
// errors and logging without secrets.
package cloudsso

import (
	"cmp"
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

const (
	apiVersion               = "2021-05-15"
	defaultRequestsPerSecond = 50               // see Config.RequestsPerSecond
	defaultHTTPTimeout       = 30 * time.Second // one attempt
)

// defaultRetry has no count limit, only the operation's deadline: CloudSSO
// throttles as long as other tools keep the account busy.
var defaultRetry = httpx.Retry{Max: math.MaxInt, WaitMin: 200 * time.Millisecond, WaitMax: 10 * time.Second}

// Config configures a Client. Zero values select the defaults.
type Config struct {
	// Endpoint is a bare host[:port] (HTTPS) or an http(s) URL without a
	// path; empty means cloudsso.<Region>.aliyuncs.com.
	Endpoint                                    string
	Region                                      string // default DefaultRegion
	AccessKeyID, AccessKeySecret, SecurityToken string
	UserAgent                                   string // appended to the vendor's
	Logger                                      httpx.Logger
	// RequestsPerSecond limits all callers together; a negative value
	// disables it. 0 selects 50, half of MaxRequestsPerSecond, to leave room
	// for other tools on the account; the provider passes 95.
	RequestsPerSecond float64
	// Retries as httpx.Retry.WithDefaults: no count limit, 200ms, 10s.
	RetryMax                   int
	RetryWaitMin, RetryWaitMax time.Duration
	OperationTimeout           time.Duration // per call, retries included; default 5 minutes
	HTTPTimeout                time.Duration // per attempt, default 30s
}

// String keeps the access key secret and the security token out of
// anything that formats a Config with %v.
func (c Config) String() string {
	return "{Endpoint:" + c.Endpoint + " Region:" + c.Region + " AccessKeyID:" + c.AccessKeyID +
		" AccessKeySecret:" + httpx.Mask(c.AccessKeySecret) + " SecurityToken:" + httpx.Mask(c.SecurityToken) + "}"
}

// GoString does for %#v what String does for %v.
func (c Config) GoString() string { return "cloudsso.Config" + c.String() }

// Client calls one region with one set of credentials. It is safe for
// concurrent use; one per process lets its rate limit cover every call.
type Client struct {
	dara      *daraPool
	logger    httpx.Logger
	limiter   *rate.Limiter
	retry     httpx.Retry
	opTimeout time.Duration
	secrets   []string
}

var regionRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// New checks cfg and builds a Client. It makes no request.
func New(cfg Config) (*Client, error) {
	region := cmp.Or(strings.TrimSpace(cfg.Region), DefaultRegion)
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
		// Protocol, when set, wins over each API's HTTPS.
		Endpoint:  tea.String(host),
		Protocol:  tea.String(protocol),
		RegionId:  tea.String(region),
		UserAgent: tea.String(httpx.UserAgent(cfg.UserAgent)),
		// Not DARA's process-wide pool: our own refuses redirects and lets
		// the retry loop see each raw answer.
		HttpClient: &httpDoer{client: newHTTPClient(timeout), logger: c.logger},
		// RetryOptions stays nil: one attempt per call; we retry.
	}
	if cfg.SecurityToken != "" {
		dc.SecurityToken = tea.String(cfg.SecurityToken)
	}
	c.dara, err = newDaraPool(dc)
	if err != nil {
		return nil, fmt.Errorf("cloudsso: %s", httpx.Redact(err.Error(), c.secrets...))
	}
	return c, nil
}

func parseEndpoint(raw, region string) (host, protocol string, err error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		if err := CheckRegion(region); err != nil {
			return "", "", fmt.Errorf("cloudsso: %w", err)
		}
		return "cloudsso." + region + ".aliyuncs.com", "HTTPS", nil
	}
	if !strings.Contains(raw, "://") {
		u, err := url.Parse("https://" + raw)
		if err != nil || u.Host != raw || u.User != nil {
			return "", "", fmt.Errorf("cloudsso: endpoint %q must be a host[:port] or an http(s) URL", raw)
		}
		return raw, "HTTPS", nil
	}
	u, err := httpx.HostURL("cloudsso", raw)
	if err != nil {
		return "", "", err
	}
	return u.Host, strings.ToUpper(u.Scheme), nil
}

// newHTTPClient refuses redirects: the API never sends one, and following
// it would carry the security token header wherever it points.
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
