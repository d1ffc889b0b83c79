package cloudsso

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

func TestNewChecksConfig(t *testing.T) {
	ok := Config{AccessKeyID: testAK, AccessKeySecret: testSecret}
	tests := []struct {
		name   string
		modify func(*Config)
		want   string
	}{
		{"no key ID", func(c *Config) { c.AccessKeyID = " " }, "access key ID is required"},
		{"no secret", func(c *Config) { c.AccessKeySecret = "" }, "access key secret is required"},
		{"STS without token", func(c *Config) { c.AccessKeyID = stsAK }, "needs its security token"},
		{"bad region", func(c *Config) { c.Region = "cn-shanghai/evil" }, "invalid region"},
		{"ftp", func(c *Config) { c.Endpoint = "ftp://example.com" }, "must be an http or https URL"},
		{"path", func(c *Config) { c.Endpoint = "http://127.0.0.1:8181/v2.0" }, "must not have a path"},
		{"query", func(c *Config) { c.Endpoint = "https://example.com/?a=b" }, "must not have a path"},
		{"credentials", func(c *Config) { c.Endpoint = "https://user:pw@example.com" }, "must not contain credentials"},
		{"no host", func(c *Config) { c.Endpoint = "http://" }, "has no host"},
		{"bare host with path", func(c *Config) { c.Endpoint = "example.com/x" }, "must be a host[:port]"},
	}
	for _, tt := range tests {
		cfg := ok
		tt.modify(&cfg)
		_, err := New(cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "pw") {
			t.Errorf("%s: error %q quotes URL credentials", tt.name, err)
		}
	}
	if _, err := New(ok); err != nil {
		t.Errorf("valid config: %v", err)
	}
}

func TestParseEndpoint(t *testing.T) {
	tests := []struct {
		raw, region    string
		host, protocol string
	}{
		{"", "cn-shanghai", "cloudsso.cn-shanghai.aliyuncs.com", "HTTPS"},
		{"", "ap-southeast-1", "cloudsso.ap-southeast-1.aliyuncs.com", "HTTPS"},
		{"cloudsso.us-west-1.aliyuncs.com", "cn-shanghai", "cloudsso.us-west-1.aliyuncs.com", "HTTPS"},
		{"127.0.0.1:8181", "cn-shanghai", "127.0.0.1:8181", "HTTPS"},
		{"http://127.0.0.1:8181", "cn-shanghai", "127.0.0.1:8181", "HTTP"},
		{" http://127.0.0.1:8181/ ", "cn-shanghai", "127.0.0.1:8181", "HTTP"},
		{"HTTPS://cloudsso.cn-hongkong.aliyuncs.com", "cn-shanghai", "cloudsso.cn-hongkong.aliyuncs.com", "HTTPS"},
	}
	for _, tt := range tests {
		host, protocol, err := parseEndpoint(tt.raw, tt.region)
		if err != nil || host != tt.host || protocol != tt.protocol {
			t.Errorf("parseEndpoint(%q, %q) = %q, %q, %v; want %q, %q", tt.raw, tt.region, host, protocol, err, tt.host, tt.protocol)
		}
	}
}

// TestBareHostMeansHTTPS points a bare host:port at a TLS server whose
// certificate is not trusted: the call must fail on the certificate (so it
// was HTTPS), once (no wait fixes a certificate).
func TestBareHostMeansHTTPS(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		t.Error("a request got through an untrusted certificate")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	logger := &httpxtest.RecordingLogger{}
	c, err := New(Config{
		Endpoint: strings.TrimPrefix(srv.URL, "https://"), AccessKeyID: testAK, AccessKeySecret: testSecret, Logger: logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetMFAAuthenticationStatus(context.Background(), dirID)
	e := asError(t, err, KindUnknown)
	var unknownAuthority x509.UnknownAuthorityError
	if !errors.As(err, &unknownAuthority) {
		t.Errorf("error %q (%#v) is not about the certificate", e, e.Err)
	}
	if n := strings.Count(logger.All(), "cloudsso request "); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
}

// TestRedirectNotFollowed: a redirect would carry the signed headers, the
// security token among them, to another server; it is an error instead.
func TestRedirectNotFollowed(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("redirect followed; security token %q", r.Header.Get("x-acs-security-token"))
	}))
	t.Cleanup(other.Close)
	s := newStub(t)
	s.setHook(func(_ int, w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, other.URL+"/", http.StatusTemporaryRedirect)
		return true
	})
	c := s.start(Config{AccessKeyID: stsAK, AccessKeySecret: stsSecret, SecurityToken: stsToken})
	_, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	e := asError(t, err, KindUnknown)
	if e.Status != http.StatusTemporaryRedirect {
		t.Errorf("error %q", e)
	}
	if n := len(s.recorded()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestConfigFormatting(t *testing.T) {
	cfg := Config{AccessKeyID: stsAK, AccessKeySecret: stsSecret, SecurityToken: stsToken, Endpoint: "http://127.0.0.1:8181"}
	for _, text := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprint(&cfg)} {
		if strings.Contains(text, stsSecret) || strings.Contains(text, stsToken) {
			t.Errorf("formatted config %q holds a secret", text)
		}
		if !strings.Contains(text, stsAK) || !strings.Contains(text, "[redacted]") {
			t.Errorf("formatted config %q", text)
		}
	}
}
