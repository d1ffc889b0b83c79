package acronis

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// cannedAPI answers every API request (not the token endpoint) with status
// and body, and returns a client that does not retry.
func cannedAPI(t *testing.T, status int, body string) (*Client, *stubAcronis) {
	t.Helper()
	s := newStub(t)
	s.onAPI = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		if strings.HasPrefix(body, "{") {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
		return true
	}
	return s.start(Config{RetryMax: -1}), s
}

// cannedToken answers every token request with status, content type and body.
func cannedToken(t *testing.T, status int, contentType, body string) (*Client, *stubAcronis) {
	t.Helper()
	s := newStub(t)
	s.onToken = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
		return true
	}
	return s.start(Config{RetryMax: -1}), s
}

func TestAPIErrorKinds(t *testing.T) {
	tests := []struct {
		name   string
		set    bool // SetTenantMFAStatus rather than GetTenantMFAStatus
		status int
		body   string
		want   Kind
		code   string
		domain string
		info   string
		text   string
	}{
		{"bad request", true, 400,
			`{"error":{"code":400,"domain":"PlatformAccountServer","message":"Invalid request body","details":{"info":"additional property 'foo' is not allowed"},"context":{"id":"` + customerID + `"}}}`,
			KindBadRequest, "400", "PlatformAccountServer", "additional property 'foo' is not allowed",
			"acronis: set tenant MFA status: HTTP 400: Invalid request body (details: additional property 'foo' is not allowed)"},
		{"business rule, integer code", true, 400,
			`{"error":{"code":1027,"domain":"PlatformAccountServer","message":"MFA status cannot be changed for tenants of kind 'folder'.","details":{"info":"Does not satisfy business rules"}}}`,
			KindBusinessRule, "1027", "PlatformAccountServer", "Does not satisfy business rules",
			"acronis: set tenant MFA status: HTTP 400, code 1027: MFA status cannot be changed for tenants of kind 'folder'. (details: Does not satisfy business rules)"},
		{"business rule, string code", true, 400,
			`{"error":{"code":"1027","domain":null,"message":"Does not satisfy business rules","details":{}}}`,
			KindBusinessRule, "1027", "", "",
			"acronis: set tenant MFA status: HTTP 400, code 1027: Does not satisfy business rules"},
		{"business rule as 403", true, 403,
			`{"error":{"code":1027,"message":"Does not satisfy business rules","details":{"info":null}}}`,
			KindBusinessRule, "1027", "", "",
			"acronis: set tenant MFA status: HTTP 403, code 1027: Does not satisfy business rules"},
		{"unsupported media type", true, 415,
			`{"error":{"code":415,"domain":"PlatformAccountServer","message":"Unsupported Media Type","details":{"info":"Content-Type must be application/json"}}}`,
			KindUnsupportedMediaType, "415", "PlatformAccountServer", "Content-Type must be application/json",
			"acronis: set tenant MFA status: HTTP 415: Unsupported Media Type (details: Content-Type must be application/json)"},
		{"outside the subtree", false, 403,
			`{"error":{"code":1002,"domain":"PlatformAccountServer","message":"The account does not own a tenant being accessed","details":{"info":"The account does not own a tenant being accessed"},"context":{"id":"77777777-7777-4777-8777-777777777777"}}}`,
			KindForbidden, "1002", "PlatformAccountServer", "The account does not own a tenant being accessed",
			"acronis: get tenant MFA status: HTTP 403, code 1002: The account does not own a tenant being accessed"},
		{"tenant not found", false, 404,
			`{"error":{"code":1005,"domain":"PlatformAccountServer","message":"Tenant not found","details":{"info":"Tenant '` + customerID + `' does not exist"}}}`,
			KindNotFound, "1005", "PlatformAccountServer", "Tenant '" + customerID + "' does not exist",
			"acronis: get tenant MFA status: HTTP 404, code 1005: Tenant not found (details: Tenant '" + customerID + "' does not exist)"},
		{"not found, string code", false, 404,
			`{"error":{"code":"TenantNotFound","domain":"PlatformAccountServer","message":"Tenant not found","details":{"info":null}}}`,
			KindNotFound, "TenantNotFound", "PlatformAccountServer", "",
			"acronis: get tenant MFA status: HTTP 404, code TenantNotFound: Tenant not found"},
		{"rate limited", false, 429,
			`{"error":{"code":429,"domain":"PlatformAccountServer","message":"Too many requests","details":{}}}`,
			KindRateLimited, "429", "PlatformAccountServer", "",
			"acronis: get tenant MFA status: HTTP 429: Too many requests"},
		{"internal error", false, 500,
			`{"error":{"code":1000,"domain":"PlatformAccountServer","message":"Internal error","details":{"info":"database unavailable"}}}`,
			KindServer, "1000", "PlatformAccountServer", "database unavailable",
			"acronis: get tenant MFA status: HTTP 500, code 1000: Internal error (details: database unavailable)"},
		{"unavailable", false, 503,
			`{"error":{"code":503,"domain":"PlatformAccountServer","message":"Service Unavailable","details":{}}}`,
			KindServer, "503", "PlatformAccountServer", "",
			"acronis: get tenant MFA status: HTTP 503: Service Unavailable"},
		{"proxy page", false, 502, `<html><body>Bad gateway</body></html>`,
			KindServer, "", "", "",
			"acronis: get tenant MFA status: HTTP 502: Bad Gateway"},
		{"conflict", false, 409,
			`{"error":{"code":1001,"domain":"PlatformAccountServer","message":"Version mismatch","details":{"info":null}}}`,
			KindUnknown, "1001", "PlatformAccountServer", "",
			"acronis: get tenant MFA status: HTTP 409, code 1001: Version mismatch"},
		{"empty body", false, 405, ``,
			KindUnknown, "", "", "",
			"acronis: get tenant MFA status: HTTP 405: Method Not Allowed"},
		{"token-error body", false, 400, `{"error":"invalid_request","error_description":"both a header and a query token"}`,
			KindBadRequest, "invalid_request", "", "",
			"acronis: get tenant MFA status: HTTP 400, code invalid_request: both a header and a query token"},
		{"unknown status", false, 418, `{"error":{"code":418,"message":"I'm a teapot","details":{}}}`,
			KindUnknown, "418", "", "",
			"acronis: get tenant MFA status: HTTP 418: I'm a teapot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := cannedAPI(t, tt.status, tt.body)
			var err error
			op := opGetTenantMFA
			if tt.set {
				op = opSetTenantMFA
				_, err = c.SetTenantMFAStatus(context.Background(), customerID, true)
			} else {
				_, err = c.GetTenantMFAStatus(context.Background(), customerID)
			}
			e := asError(t, err, tt.want)
			if e.Op != op || e.Status != tt.status || e.Code != tt.code || e.Domain != tt.domain || e.Info != tt.info {
				t.Errorf("got op %q status %d code %q domain %q info %q", e.Op, e.Status, e.Code, e.Domain, e.Info)
			}
			if e.Error() != tt.text {
				t.Errorf("Error() = %q\nwant      %q", e.Error(), tt.text)
			}
			if len(s.apiRequests()) < 1 || c.TokenRequests() != 1 {
				t.Errorf("%d API requests, %d token requests", len(s.apiRequests()), c.TokenRequests())
			}
		})
	}
}

func TestTokenErrorKinds(t *testing.T) {
	const form = "application/x-www-form-urlencoded"
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        Kind
		code        string
		text        string
	}{
		{"invalid client", 401, "application/json", `{"error":"invalid_client","error_description":"Client authentication failed"}`,
			KindInvalidClient, "invalid_client",
			"acronis: request token: HTTP 401, code invalid_client: Client authentication failed; check the client ID and secret, and that the endpoint is the data center where the API client was created"},
		{"invalid client as 400", 400, "application/json", `{"error":"invalid_client"}`,
			KindInvalidClient, "invalid_client",
			"acronis: request token: HTTP 400, code invalid_client: Bad Request; check the client ID and secret, and that the endpoint is the data center where the API client was created"},
		{"bare 401", 401, "", ``,
			KindInvalidClient, "",
			"acronis: request token: HTTP 401: Unauthorized; check the client ID and secret, and that the endpoint is the data center where the API client was created"},
		{"access denied", 401, "application/json", `{"error":"access_denied","error_description":"Client is disabled"}`,
			KindAccessDenied, "access_denied",
			"acronis: request token: HTTP 401, code access_denied: Client is disabled; the API client may be disabled"},
		{"scope not allowed", 403, "application/json", `{"error":"invalid_request","error_description":"requested scope is not allowed"}`,
			KindAccessDenied, "invalid_request",
			"acronis: request token: HTTP 403, code invalid_request: requested scope is not allowed; the API client may be disabled"},
		{"invalid request", 400, "application/json", `{"error":"invalid_request","error_description":"grant_type is missing"}`,
			KindTokenRequest, "invalid_request",
			"acronis: request token: HTTP 400, code invalid_request: grant_type is missing"},
		{"unsupported grant type", 400, "application/json", `{"error":"unsupported_grant_type","error_description":"grant type 'x' is not supported"}`,
			KindTokenRequest, "unsupported_grant_type",
			"acronis: request token: HTTP 400, code unsupported_grant_type: grant type 'x' is not supported"},
		{"form-encoded error", 400, form, `error=invalid_scope&error_description=no+such+scope`,
			KindTokenRequest, "invalid_scope",
			"acronis: request token: HTTP 400, code invalid_scope: no such scope"},
		{"envelope on the token endpoint", 400, "application/json",
			`{"error":{"code":1027,"domain":"PlatformAccountServer","message":"Does not satisfy business rules","details":{"info":"client type"}}}`,
			KindTokenRequest, "1027",
			"acronis: request token: HTTP 400, code 1027: Does not satisfy business rules (details: client type)"},
		{"rate limited", 429, "application/json", `{"error":"slow_down"}`,
			KindRateLimited, "slow_down",
			"acronis: request token: HTTP 429, code slow_down: Too Many Requests"},
		{"server error", 503, "text/html", `<html>down</html>`,
			KindServer, "",
			"acronis: request token: HTTP 503: Service Unavailable"},
		{"error in a 200", 200, "application/json", `{"error":"totp_required","error_description":"failed authentication factors check"}`,
			KindTokenRequest, "totp_required",
			"acronis: request token: HTTP 200, code totp_required: failed authentication factors check"},
		{"no access token", 200, "application/json", `{"token_type":"bearer","expires_in":7200}`,
			KindTokenRequest, "",
			"acronis: request token: unexpected token response: server response missing access_token"},
		{"not JSON", 200, "text/html", `<html>login page</html>`,
			KindTokenRequest, "",
			"acronis: request token: unexpected token response: cannot parse json: invalid character '<' looking for beginning of value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, s := cannedToken(t, tt.status, tt.contentType, tt.body)
			_, err := c.GetTenantMFAStatus(context.Background(), customerID)
			e := asError(t, err, tt.want)
			if e.Op != opRequestToken || e.Code != tt.code {
				t.Errorf("op %q code %q", e.Op, e.Code)
			}
			if e.Error() != tt.text {
				t.Errorf("Error() = %q\nwant      %q", e.Error(), tt.text)
			}
			if len(s.apiRequests()) != 0 {
				t.Errorf("%d API requests without a token", len(s.apiRequests()))
			}
		})
	}
}

func TestTransportErrors(t *testing.T) {
	addr := httpxtest.RefusedAddr(t)
	log := &httpxtest.RecordingLogger{}
	c, err := New(Config{Endpoint: "http://" + addr, ClientID: testClientID, ClientSecret: testSecret, Logger: log,
		RetryMax: 2, RetryWaitMin: 1, RetryWaitMax: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTenant(context.Background(), customerID)
	e := asError(t, err, KindUnknown)
	if e.Op != opRequestToken || e.Status != 0 || !strings.HasPrefix(e.Error(), "acronis: request token: request failed after 3 attempts: ") ||
		strings.Contains(e.Error(), "http://") {
		t.Errorf("Error() = %q", e)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("the cause %v should be reachable with errors.As", err)
	}
	if n := strings.Count(log.All(), "acronis request failed"); n != 3 {
		t.Errorf("%d failed attempts logged, want 3:\n%s", n, log.All())
	}
	// A network failure is not remembered: the next call tries again.
	_, _ = c.GetTenant(context.Background(), customerID)
	if c.TokenRequests() != 2 {
		t.Errorf("%d token requests, want 2", c.TokenRequests())
	}
}
