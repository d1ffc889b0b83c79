package cloudsso

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCheckRegion(t *testing.T) {
	for _, region := range Regions() {
		if err := CheckRegion(region); err != nil {
			t.Errorf("CheckRegion(%q): %v", region, err)
		}
	}
	if !slices.Contains(Regions(), DefaultRegion) {
		t.Errorf("the default region %s has no endpoint", DefaultRegion)
	}
	for _, region := range []string{"cn-beijing", "CN-SHANGHAI", ""} {
		err := CheckRegion(region)
		if err == nil || err.Error() != `CloudSSO has no endpoint in region "`+region+`"` {
			t.Errorf("CheckRegion(%q) = %v", region, err)
		}
	}
}

func TestCheckSTS(t *testing.T) {
	for _, tc := range []struct {
		id, token string
		want      error
	}{
		{testAK, "", nil},
		{stsAK, stsToken, nil},
		{stsAK, "", ErrSTSWithoutToken},
		{testAK, stsToken, ErrTokenWithoutSTS},
	} {
		if err := CheckSTS(tc.id, tc.token); !errors.Is(err, tc.want) {
			t.Errorf("CheckSTS(%q, %q) = %v, want %v", tc.id, tc.token, err, tc.want)
		}
	}
}

func TestCheckDebugEnv(t *testing.T) {
	cases := map[string]string{
		"":              "",
		"*":             "",
		"sdk,express":   "",
		"teapot":        "",
		"tea":           "tea",
		"express,dara":  "dara",
		"dara,tea,dara": "tea and dara",
	}
	for value, found := range cases {
		err := CheckDebugEnv(func(name string) string {
			if name != "DEBUG" {
				t.Errorf("read %s", name)
			}
			return value
		})
		switch {
		case found == "" && err != nil:
			t.Errorf("DEBUG=%q: %v", value, err)
		case found != "" && (err == nil || !strings.HasPrefix(err.Error(), "DEBUG="+value+" makes Alibaba Cloud's SDK print") ||
			!strings.HasSuffix(err.Error(), "Unset DEBUG (or remove "+found+" from it)")):
			t.Errorf("DEBUG=%q: %v", value, err)
		}
	}
}

// New applies the exported rules.
func TestNewAppliesRules(t *testing.T) {
	ok := Config{AccessKeyID: testAK, AccessKeySecret: testSecret}
	// Any region of the right form goes with an endpoint.
	if _, err := New(Config{Region: "cn-beijing", Endpoint: "https://proxy.example.com", AccessKeyID: testAK, AccessKeySecret: testSecret}); err != nil {
		t.Errorf("region with an endpoint: %v", err)
	}
	// Setenv holds to the end of the test, so DEBUG comes last.
	for _, tc := range []struct {
		name   string
		modify func(*Config)
		want   string
	}{
		{"region without an endpoint", func(c *Config) { c.Region = "cn-beijing" }, `CloudSSO has no endpoint in region "cn-beijing"`},
		{"token with a permanent key", func(c *Config) { c.SecurityToken = stsToken }, ErrTokenWithoutSTS.Error()},
		{"DEBUG", func(*Config) { t.Setenv("DEBUG", "tea") }, "DEBUG=tea makes"},
	} {
		cfg := ok
		tc.modify(&cfg)
		if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
