package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resolved checks what a resolve function returned against a case's expectations and returns
// the settings to check further, or nil when the case expected an error or no service.
func resolved[T any](t *testing.T, got *T, diags diag.Diagnostics, wantErr string, wantNil bool) *T {
	t.Helper()
	var text strings.Builder
	for _, d := range diags {
		text.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	switch {
	case wantErr != "":
		if !diags.HasError() || !strings.Contains(text.String(), wantErr) {
			t.Fatalf("want an error containing %q, got %q", wantErr, text.String())
		}
		return nil
	case diags.HasError():
		t.Fatalf("unexpected diagnostics: %s", text.String())
	case wantNil:
		if got != nil {
			t.Fatalf("want no service, got %+v", got)
		}
		return nil
	case got == nil:
		t.Fatal("want settings, got none")
	}
	return got
}

func env(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestResolveRackspace(t *testing.T) {
	str := types.StringValue
	cases := []struct {
		name      string
		block     *rackspaceBlockModel
		env       map[string]string
		wantNil   bool
		wantErr   string
		wantCheck func(t *testing.T, s *rackspaceSettings)
	}{
		{
			name:    "no block and no environment: service unused",
			wantNil: true,
		},
		{
			name: "environment alone configures the service",
			env:  map[string]string{envRackspaceUsername: "u", envRackspaceAPIKey: "k"},
			wantCheck: func(t *testing.T, s *rackspaceSettings) {
				if s.creds.Username != "u" || s.creds.APIKey != "k" || s.endpoint != "" {
					t.Errorf("got %+v at %s", s.creds, s.endpoint)
				}
			},
		},
		{
			name:  "credentials in the block replace the environment's as a whole",
			block: &rackspaceBlockModel{Username: str("u"), Password: str("p")},
			env:   map[string]string{envRackspaceAPIKey: "ambient", envRackspaceToken: "ambient"},
			wantCheck: func(t *testing.T, s *rackspaceSettings) {
				if s.creds.Password != "p" || s.creds.APIKey != "" || s.creds.Token != "" {
					t.Errorf("got password=%q api_key=%q token=%q", s.creds.Password, s.creds.APIKey, s.creds.Token)
				}
			},
		},
		{
			name:  "block value wins over its variable",
			block: &rackspaceBlockModel{Endpoint: str("http://127.0.0.1:8181/v2.0/"), Username: str("block")},
			env:   map[string]string{envRackspaceUsername: "env", envRackspaceEndpoint: "https://other", envRackspacePassword: "p"},
			wantCheck: func(t *testing.T, s *rackspaceSettings) {
				if s.creds.Username != "block" || s.endpoint != "http://127.0.0.1:8181/v2.0/" {
					t.Errorf("got username %q endpoint %q", s.creds.Username, s.endpoint)
				}
			},
		},
		{
			name:  "ambient TOTP secret is dropped for an API-key login",
			block: &rackspaceBlockModel{Username: str("u"), APIKey: str("k")},
			env:   map[string]string{envRackspaceTOTPSecret: "JBSWY3DPEHPK3PXP"},
			wantCheck: func(t *testing.T, s *rackspaceSettings) {
				if s.creds.TOTPSecret != "" {
					t.Error("the TOTP secret was kept for an API-key login")
				}
			},
		},
		{
			name:    "two credentials in the environment",
			env:     map[string]string{envRackspaceUsername: "u", envRackspacePassword: "p", envRackspaceAPIKey: "k"},
			wantErr: "More than one of the environment variables RS_PASSWORD, RS_API_KEY and RS_AUTH_TOKEN is set",
		},
		{
			name:    "TOTP secret in the block with a token",
			block:   &rackspaceBlockModel{Token: str("t"), TOTPSecret: str("JBSWY3DPEHPK3PXP")},
			wantErr: "API-key and token logins are never challenged",
		},
		{
			name:    "invalid TOTP secret from the environment",
			env:     map[string]string{envRackspaceUsername: "u", envRackspacePassword: "p", envRackspaceTOTPSecret: "1111"},
			wantErr: "the secret is not valid base32",
		},
		{
			name:    "invalid passcode from the environment",
			env:     map[string]string{envRackspaceUsername: "u", envRackspacePassword: "p", envRackspacePasscode: "abc"},
			wantErr: "a passcode is 6 to 10 digits",
		},
		{
			name:    "TOTP secret and passcode from the environment",
			env:     map[string]string{envRackspaceUsername: "u", envRackspacePassword: "p", envRackspaceTOTPSecret: "JBSWY3DPEHPK3PXP", envRackspacePasscode: "123456"},
			wantErr: "Set either totp_secret or passcode, not both",
		},
		{
			name:    "plain http endpoint from the environment",
			env:     map[string]string{envRackspaceUsername: "u", envRackspaceAPIKey: "k", envRackspaceEndpoint: "http://identity.example.com"},
			wantErr: "plain http is accepted only for loopback addresses",
		},
		{
			name:    "unknown value",
			block:   &rackspaceBlockModel{Username: types.StringUnknown(), APIKey: str("k")},
			wantErr: "rackspace.username depends on a value that is not known until apply",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Attributes a case leaves out are zero values, which the framework treats as null.
			s, diags := resolveRackspace(tc.block, env(tc.env))
			if settings := resolved(t, s, diags, tc.wantErr, tc.wantNil); settings != nil {
				tc.wantCheck(t, settings)
			}
		})
	}
}

func TestCheckEndpoint(t *testing.T) {
	for _, ok := range []string{"https://identity.api.rackspacecloud.com", "http://127.0.0.1:8181", "http://localhost:1/v2.0", "http://[::1]:80"} {
		if err := checkEndpoint(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"identity.api.rackspacecloud.com", "ftp://x", "http://10.0.0.1", "http://127.0.0.1.example.com",
		"https://user:pw@host", "https://host/?q=1", ""} {
		if err := checkEndpoint(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}
