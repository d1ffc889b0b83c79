package httpx

import (
	"strings"
	"testing"
)

func TestBaseURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://eu2-cloud.acronis.com":          "https://eu2-cloud.acronis.com",
		"https://eu2-cloud.acronis.com/":         "https://eu2-cloud.acronis.com",
		"https://eu2-cloud.acronis.com/api/2":    "https://eu2-cloud.acronis.com",
		"https://eu2-cloud.acronis.com/api/2//":  "https://eu2-cloud.acronis.com",
		"http://127.0.0.1:8181/prefix/api/2":     "http://127.0.0.1:8181/prefix",
		"https://proxy.example/acronis/":         "https://proxy.example/acronis",
		"https://proxy.example/a%2Fb/api/2":      "https://proxy.example/a/b",
		"HTTPS://Eu2-Cloud.acronis.com/api/2/x/": "https://Eu2-Cloud.acronis.com/api/2/x",
	} {
		got, err := BaseURL("pkg", raw, "/api/2")
		if err != nil || got != want {
			t.Errorf("BaseURL(%q) = %q, %v; want %q", raw, got, err, want)
		}
	}
}

func TestEndpointRefusals(t *testing.T) {
	tests := []struct {
		raw      string
		base     string // BaseURL's error
		hostOnly string // HostURL's error, when it differs
	}{
		{"ftp://x.example", `pkg: endpoint "ftp://x.example" must be an http or https URL`, ""},
		{"x.example", `pkg: endpoint "x.example" must be an http or https URL`, ""},
		{"https:///api/2", `pkg: endpoint "https:///api/2" has no host`, ""},
		{"https://me:pw-in-url@x.example", `pkg: endpoint "https://me:xxxxx@x.example" must not contain credentials`, ""},
		{"https://x.example/?a=b", `pkg: endpoint "https://x.example/?a=b" must not have a query or fragment`,
			`pkg: endpoint "https://x.example/?a=b" must not have a path, query or fragment`},
		{"https://x.example#top", `pkg: endpoint "https://x.example#top" must not have a query or fragment`,
			`pkg: endpoint "https://x.example#top" must not have a path, query or fragment`},
		{"https://x.example/v2.0", "", `pkg: endpoint "https://x.example/v2.0" must not have a path, query or fragment`},
		{"http://x.example:port", `pkg: invalid endpoint: parse "http://x.example:port": invalid port ":port" after host`, ""},
	}
	for _, tt := range tests {
		_, err := BaseURL("pkg", tt.raw, "/api/2")
		if got := errString(err); got != tt.base {
			t.Errorf("BaseURL(%q): %q, want %q", tt.raw, got, tt.base)
		}
		want := tt.hostOnly
		if want == "" {
			want = tt.base
		}
		_, err = HostURL("pkg", tt.raw)
		if got := errString(err); got != want {
			t.Errorf("HostURL(%q): %q, want %q", tt.raw, got, want)
		}
		if err != nil && strings.Contains(err.Error(), "pw-in-url") {
			t.Errorf("error %q quotes the password", err)
		}
	}
}

func TestHostURL(t *testing.T) {
	for raw, want := range map[string]string{
		"http://127.0.0.1:8181":                     "http 127.0.0.1:8181",
		"http://127.0.0.1:8181/":                    "http 127.0.0.1:8181",
		"HTTPS://cloudsso.cn-hongkong.aliyuncs.com": "https cloudsso.cn-hongkong.aliyuncs.com",
	} {
		u, err := HostURL("pkg", raw)
		if err != nil || u.Scheme+" "+u.Host != want {
			t.Errorf("HostURL(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
