package acronis

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestNewChecksConfig(t *testing.T) {
	ok := Config{Endpoint: "https://eu2-cloud.acronis.com", ClientID: testClientID, ClientSecret: testSecret}
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"no endpoint", func(c *Config) { c.Endpoint = " " }, "acronis: an endpoint (the data center URL) is required"},
		{"not http", func(c *Config) { c.Endpoint = "ftp://eu2-cloud.acronis.com" }, `acronis: endpoint "ftp://eu2-cloud.acronis.com" must be an http or https URL`},
		{"no host", func(c *Config) { c.Endpoint = "https:///api/2" }, `acronis: endpoint "https:///api/2" has no host`},
		{"credentials", func(c *Config) { c.Endpoint = "https://me:pw-in-url@eu2-cloud.acronis.com" }, `acronis: endpoint "https://me:xxxxx@eu2-cloud.acronis.com" must not contain credentials`},
		{"query", func(c *Config) { c.Endpoint = "https://eu2-cloud.acronis.com/?x=1" }, `acronis: endpoint "https://eu2-cloud.acronis.com/?x=1" must not have a query or fragment`},
		{"no client id", func(c *Config) { c.ClientID = "" }, "acronis: a client ID is required"},
		{"no secret", func(c *Config) { c.ClientSecret = "" }, "acronis: a client secret is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			_, err := New(cfg)
			if err == nil || err.Error() != tt.want {
				t.Errorf("New: %v, want %q", err, tt.want)
			}
			if err != nil && (strings.Contains(err.Error(), testSecret) || strings.Contains(err.Error(), "pw-in-url")) {
				t.Errorf("error %q leaks a secret", err)
			}
		})
	}
}

func TestEndpointSpellings(t *testing.T) {
	for raw, want := range map[string]string{
		"https://eu2-cloud.acronis.com":         "https://eu2-cloud.acronis.com/api/2",
		"https://eu2-cloud.acronis.com/":        "https://eu2-cloud.acronis.com/api/2",
		"https://eu2-cloud.acronis.com/api/2":   "https://eu2-cloud.acronis.com/api/2",
		" https://eu2-cloud.acronis.com/api/2/": "https://eu2-cloud.acronis.com/api/2",
		"http://127.0.0.1:8181":                 "http://127.0.0.1:8181/api/2",
		"https://proxy.example/acronis/":        "https://proxy.example/acronis/api/2",
	} {
		c, err := New(Config{Endpoint: raw, ClientID: testClientID, ClientSecret: testSecret})
		if err != nil {
			t.Errorf("%q: %v", raw, err)
			continue
		}
		if c.baseURL != want || c.oauth.TokenURL != want+"/idp/token" {
			t.Errorf("%q: base %q, token URL %q; want %q", raw, c.baseURL, c.oauth.TokenURL, want)
		}
	}
}

func TestEndpointWithAPISuffixWorks(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	// c.baseURL is the stub's URL followed by /api/2.
	c2, err := New(Config{Endpoint: c.baseURL + "/", ClientID: testClientID, ClientSecret: testSecret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c2.GetTenantMFAStatus(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
}

func TestConfigFormattingHidesSecret(t *testing.T) {
	cfg := Config{Endpoint: "https://eu2-cloud.acronis.com", ClientID: testClientID, ClientSecret: testSecret}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, cfg)
		if strings.Contains(out, testSecret) || !strings.Contains(out, testClientID) || !strings.Contains(out, "[redacted]") {
			t.Errorf("%s: %s", verb, out)
		}
	}
	if out := fmt.Sprintf("%v", &cfg); strings.Contains(out, testSecret) {
		t.Errorf("pointer: %s", out)
	}
}
