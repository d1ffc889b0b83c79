package emulator

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// malformedCase is one malformed request and the error it must get: the documented status
// (FIXTURE.md, "Malformed requests") and, in the API's own error body, these fields.
type malformedCase struct {
	name   string
	method string
	target string
	// header holds name, value pairs; a value may hold a placeholder of the API's live
	// credentials, filled in when the case runs.
	header []string
	body   string
	status int
	// fields are values the JSON body must hold, by dotted path ("badRequest.message").
	fields map[string]any
	// allow is the Allow header a 405 must carry.
	allow string
}

// Placeholders for credentials a case can only have at run time.
const (
	phIdentityToken = "$IDENTITY_TOKEN"
	phAcronisToken  = "$ACRONIS_TOKEN"
)

// oversized pads a body that is otherwise valid past the emulator's 1 MiB limit with white
// space, which JSON and form parsing would both skip: only the limit can refuse it.
func oversized(valid string) string {
	return valid + strings.Repeat(" ", emuhttp.MaxBodyBytes)
}

// formPadding makes a form oversized without changing it: parsers skip empty pairs.
var formPadding = strings.Repeat("&", emuhttp.MaxBodyBytes)

// serveMalformed answers one request in process, so a panic in a handler fails the case
// rather than being swallowed by net/http's per-connection recovery.
func serveMalformed(t *testing.T, srv *Server, c malformedCase, fill *strings.Replacer) (rec *httptest.ResponseRecorder) {
	t.Helper()
	req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
	for i := 0; i+1 < len(c.header); i += 2 {
		req.Header.Add(c.header[i], fill.Replace(c.header[i+1]))
	}
	rec = httptest.NewRecorder()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("%s %s panicked: %v", c.method, c.target, p)
		}
	}()
	srv.ServeHTTP(rec, req)
	return rec
}

// lookup follows a dotted path into decoded JSON.
func lookup(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// runMalformed sends every case to srv, a demo emulator, and checks the answer: the status, a
// JSON body in the API's error shape with the case's fields, and the Allow header of a 405.
// Afterwards the server's own counts must show no 5xx and no abandoned request, and a good
// request must still succeed: no malformed one left the API unable to serve.
func runMalformed(t *testing.T, srv *Server, cases []malformedCase, shape func(*testing.T, *httptest.ResponseRecorder, map[string]any),
	good func(*testing.T, *Server) int) {
	t.Helper()
	fill := strings.NewReplacer(phIdentityToken, identityToken(t, srv), phAcronisToken, acronisBearer(t, srv))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := serveMalformed(t, srv, c, fill)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, c.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Fatalf("Content-Type %q, want application/json; body %s", ct, rec.Body)
			}
			var body map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body is not a JSON object: %v; %s", err, rec.Body)
			}
			shape(t, rec, body)
			for path, want := range c.fields {
				got, ok := lookup(body, path)
				if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s = %v, want %v; body %s", path, got, want, rec.Body)
				}
			}
			if got := rec.Header().Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
		})
	}
	for _, c := range srv.Counts() {
		if c.Status == 0 || c.Status >= 500 {
			t.Errorf("the emulator counted %d requests to %s %q with status %d", c.N, c.API, c.Route, c.Status)
		}
	}
	if status := good(t, srv); status != http.StatusOK {
		t.Errorf("after the malformed requests a good request got %d, want 200", status)
	}
}

// newMalformedServer is the demo emulator, served in process by serveMalformed.
func newMalformedServer(t *testing.T) *Server {
	t.Helper()
	srv, err := New(DemoFixture())
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func identityToken(t *testing.T, srv *Server) string {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v2.0/tokens",
		strings.NewReader(apiKeyLogin(identity.DemoAdminUser, identity.DemoAdminAPIKey))))
	var a struct {
		Access struct {
			Token struct {
				ID string `json:"id"`
			} `json:"token"`
		} `json:"access"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || a.Access.Token.ID == "" {
		t.Fatalf("identity login: %d %s", rec.Code, rec.Body)
	}
	return a.Access.Token.ID
}

func acronisBearer(t *testing.T, srv *Server) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/2/idp/token", strings.NewReader(acronisTokenForm))
	req.Header.Set("Content-Type", formType)
	req.Header.Set("Authorization", acronisBasic)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("acronis token: %d %s", rec.Code, rec.Body)
	}
	return "Bearer " + tok.AccessToken
}

// identityShape is Identity's fault body: one key naming the fault, holding the status as
// code and a message.
func identityShape(t *testing.T, rec *httptest.ResponseRecorder, body map[string]any) {
	t.Helper()
	if len(body) != 1 {
		t.Fatalf("fault body has %d keys, want 1: %s", len(body), rec.Body)
	}
	for key, v := range body {
		f, ok := v.(map[string]any)
		if !ok || f["code"] != float64(rec.Code) || f["message"] == "" {
			t.Fatalf("fault %q is not {code: %d, message}: %s", key, rec.Code, rec.Body)
		}
	}
}

const (
	jsonType = "application/json"
	formType = "application/x-www-form-urlencoded"
)

var (
	identityPasswordLogin = passwordLogin(identity.DemoUser, identity.DemoUserPassword)
	identityPasscodeLogin = `{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":"123456"}}}`
	identityPolicy        = `{"passwordPolicy":{"passwordDuration":"P90D","passwordHistoryRestriction":5}}`
	identityDomainMFA     = `{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":"REQUIRED"}}`
	identityDomain        = "/v2.0/RAX-AUTH/domains/" + identity.DemoDomainID
	identityDomainTimeout = `{"RAX-AUTH:domain":{"sessionInactivityTimeout":"PT30M"}}`
	identityUserMFA       = "/v2.0/users/10002/RAX-AUTH/multi-factor"
	identityUserLevel     = `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":"REQUIRED"}}`
	noValidToken          = "No valid token provided. Please use the 'X-Auth-Token' header with a valid token."
)

func TestMalformedIdentity(t *testing.T) {
	auth := []string{"X-Auth-Token", phIdentityToken, "Content-Type", jsonType}
	withAuth := func(kv ...string) []string { return append(append([]string{}, auth[:2]...), kv...) }
	cases := []malformedCase{
		// Bad JSON.
		{name: "token body truncated", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `{"auth":{"passwordCredentials":`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "token body an array", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `[{"auth":{}}]`, status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "token body without auth", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `{"passwordCredentials":{"username":"demo-user","password":"demo-password-2"}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "token credential not an object", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `{"auth":{"passwordCredentials":"demo-user:demo-password-2"}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "token body empty", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "token with no credential", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `{"auth":{"tenantId":"123456"}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid request body: unable to parse Auth data. Please review XML or JSON formatting."}},
		{name: "token with an unknown credential", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: `{"auth":{"RAX-AUTH:otpCredentials":{"code":"123456"}}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Unknown credential type"}},
		{name: "domain MFA body truncated", method: "PUT", target: identityDomain + "/multi-factor", header: auth,
			body: `{"RAX-AUTH:multiFactorDomain":`, status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "domain MFA level a number", method: "PUT", target: identityDomain + "/multi-factor", header: auth,
			body: `{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":2}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "domain MFA level lowercase", method: "PUT", target: identityDomain + "/multi-factor", header: auth,
			body: `{"RAX-AUTH:multiFactorDomain":{"domainMultiFactorEnforcementLevel":"required"}}`, status: 400,
			fields: map[string]any{"badRequest.message": "Invalid json request body for value 'required'"}},
		{name: "password policy body truncated", method: "PUT", target: identityDomain + "/password-policy", header: auth,
			body: `{"passwordPolicy":{`, status: 400,
			fields: map[string]any{"badRequest.message": "The supplied password policy is invalid. Please check your syntax and try again."}},
		{name: "password policy unknown field", method: "PUT", target: identityDomain + "/password-policy", header: auth,
			body: `{"passwordPolicy":{"passwordDuration":"P90D","maxAge":90}}`, status: 400,
			fields: map[string]any{"badRequest.message": "The supplied password policy is invalid. Please check your syntax and try again."}},
		{name: "password policy history a fraction", method: "PUT", target: identityDomain + "/password-policy", header: auth,
			body: `{"passwordPolicy":{"passwordHistoryRestriction":2.5}}`, status: 400,
			fields: map[string]any{"badRequest.message": "The supplied password policy is invalid. Please check your syntax and try again."}},

		// Wrong content types.
		{name: "token body as text", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", "text/plain"},
			body: identityPasswordLogin, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "token body as a form", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", formType},
			body: identityPasswordLogin, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "token body as XML", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", "application/xml"},
			body: `<auth><passwordCredentials username="demo-user" password="demo-password-2"/></auth>`, status: 415,
			fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "token content type unparsable", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", "json;;"},
			body: identityPasswordLogin, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "domain MFA body as text", method: "PUT", target: identityDomain + "/multi-factor", header: withAuth("Content-Type", "text/plain"),
			body: identityDomainMFA, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "password policy body as text", method: "PUT", target: identityDomain + "/password-policy", header: withAuth("Content-Type", "text/plain"),
			body: identityPolicy, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "password policy without content type", method: "PUT", target: identityDomain + "/password-policy", header: withAuth(),
			body: identityPolicy, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "domain body as text", method: "PUT", target: identityDomain, header: withAuth("Content-Type", "text/plain"),
			body: identityDomainTimeout, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},
		{name: "user MFA body as text", method: "PUT", target: identityUserMFA, header: withAuth("Content-Type", "text/plain"),
			body: identityUserLevel, status: 415, fields: map[string]any{"unsupportedMediaType.message": "Unsupported Media Type"}},

		// Oversized bodies: valid but for their size.
		{name: "token body oversized", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: oversized(identityPasswordLogin), status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "domain MFA body oversized", method: "PUT", target: identityDomain + "/multi-factor", header: auth,
			body: oversized(identityDomainMFA), status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "domain body oversized", method: "PUT", target: identityDomain, header: auth,
			body: oversized(identityDomainTimeout), status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "user MFA body oversized", method: "PUT", target: identityUserMFA, header: auth,
			body: oversized(identityUserLevel), status: 400, fields: map[string]any{"badRequest.message": "Invalid json request body"}},
		{name: "password policy body oversized", method: "PUT", target: identityDomain + "/password-policy", header: auth,
			body: oversized(identityPolicy), status: 400,
			fields: map[string]any{"badRequest.message": "The supplied password policy is invalid. Please check your syntax and try again."}},

		// Missing or broken headers.
		{name: "domain without token", method: "GET", target: identityDomain, status: 401,
			fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "domain with an unknown token", method: "GET", target: identityDomain, header: []string{"X-Auth-Token", "not-a-token"},
			status: 401, fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "domain MFA without token", method: "PUT", target: identityDomain + "/multi-factor", header: []string{"Content-Type", jsonType},
			body: identityDomainMFA, status: 401, fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "domain update without token", method: "PUT", target: identityDomain, header: []string{"Content-Type", jsonType},
			body: identityDomainTimeout, status: 401, fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "user MFA without token", method: "PUT", target: identityUserMFA, header: []string{"Content-Type", jsonType},
			body: identityUserLevel, status: 401, fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "password policy without token", method: "GET", target: identityDomain + "/password-policy", status: 401,
			fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "revoke without token", method: "DELETE", target: "/v2.0/tokens", status: 401,
			fields: map[string]any{"unauthorized.message": noValidToken}},
		{name: "passcode without X-SessionId", method: "POST", target: "/v2.0/tokens", header: []string{"Content-Type", jsonType},
			body: identityPasscodeLogin, status: 400, fields: map[string]any{"badRequest.message": "Invalid X-SessionId"}},
		{name: "passcode with a blank X-SessionId", method: "POST", target: "/v2.0/tokens",
			header: []string{"Content-Type", jsonType, "X-SessionId", " "},
			body:   identityPasscodeLogin, status: 400, fields: map[string]any{"badRequest.message": "Invalid X-SessionId"}},
		{name: "passcode with two X-SessionIds", method: "POST", target: "/v2.0/tokens",
			header: []string{"Content-Type", jsonType, "X-SessionId", "a", "X-SessionId", "b"},
			body:   identityPasscodeLogin, status: 400, fields: map[string]any{"badRequest.message": "Invalid X-SessionId"}},
		{name: "passcode with an unknown X-SessionId", method: "POST", target: "/v2.0/tokens",
			header: []string{"Content-Type", jsonType, "X-SessionId", "no-such-session"},
			body:   identityPasscodeLogin, status: 401, fields: map[string]any{"unauthorized.message": "Can not authenticate with credentials provided"}},

		// Bad methods and unknown paths.
		{name: "GET tokens", method: "GET", target: "/v2.0/tokens", status: 405, allow: "DELETE, POST",
			fields: map[string]any{"badMethod.message": "Method Not Allowed"}},
		{name: "POST domain", method: "POST", target: identityDomain, header: auth, body: identityDomainMFA, status: 405,
			allow: "GET, HEAD, PUT", fields: map[string]any{"badMethod.message": "Method Not Allowed"}},
		{name: "GET domain MFA", method: "GET", target: identityDomain + "/multi-factor", header: auth, status: 405,
			allow: "PUT", fields: map[string]any{"badMethod.message": "Method Not Allowed"}},
		{name: "unknown path", method: "GET", target: "/v2.0/tenants", header: auth, status: 404,
			fields: map[string]any{"itemNotFound.message": "Not Found"}},
		{name: "empty domain ID", method: "GET", target: "/v2.0/RAX-AUTH/domains/", header: auth, status: 404,
			fields: map[string]any{"itemNotFound.message": "Not Found"}},
		{name: "v3 path", method: "POST", target: "/v2.0/auth/tokens", header: []string{"Content-Type", jsonType},
			body: identityPasswordLogin, status: 404, fields: map[string]any{"itemNotFound.message": "Not Found"}},
	}
	runMalformed(t, newMalformedServer(t), cases, identityShape, func(t *testing.T, srv *Server) int {
		rec := serveMalformed(t, srv, malformedCase{method: "POST", target: "/v2.0/tokens",
			header: []string{"Content-Type", jsonType}, body: identityPasswordLogin}, strings.NewReplacer())
		return rec.Code
	})
}

// acronisShape is one of Acronis's two error bodies: the token endpoint's OAuth error, or the
// envelope of every other route.
func acronisShape(t *testing.T, rec *httptest.ResponseRecorder, body map[string]any) {
	t.Helper()
	switch e := body["error"].(type) {
	case string:
		if d, _ := body["error_description"].(string); e == "" || d == "" {
			t.Fatalf("token error without error and error_description: %s", rec.Body)
		}
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("token error without Cache-Control: no-store")
		}
	case map[string]any:
		info, _ := lookup(e, "details.info")
		if _, ok := e["code"].(float64); !ok || e["domain"] != "PlatformAccountServer" || e["message"] == "" || info == "" {
			t.Fatalf("error envelope without code, domain, message and details.info: %s", rec.Body)
		}
	default:
		t.Fatalf("neither a token error nor an error envelope: %s", rec.Body)
	}
}

var (
	acronisTenant    = "/api/2/tenants/" + acronis.DemoCustomerTenantID
	acronisMFAStatus = acronisTenant + "/mfa/status"
	acronisBadBasic  = "Basic " + base64.StdEncoding.EncodeToString([]byte(acronis.DemoClientID+":wrong"))
	acronisNoToken   = "Authorization is required: the access token is missing, invalid or expired."
)

func TestMalformedAcronis(t *testing.T) {
	tokenHeader := []string{"Content-Type", formType, "Authorization", acronisBasic}
	bearer := []string{"Authorization", phAcronisToken, "Content-Type", jsonType}
	withBearer := func(kv ...string) []string { return append([]string{"Authorization", phAcronisToken}, kv...) }
	cases := []malformedCase{
		// Bad bodies.
		{name: "token form with a bad escape", method: "POST", target: "/api/2/idp/token", header: tokenHeader,
			body: "grant_type=client%zzcredentials", status: 400,
			fields: map[string]any{"error": "invalid_request", "error_description": "The request body is not a valid form."}},
		{name: "token without grant type", method: "POST", target: "/api/2/idp/token", header: tokenHeader,
			body: "scope=openid", status: 400,
			fields: map[string]any{"error": "invalid_request", "error_description": "The grant_type parameter is required."}},
		{name: "token with a grant type in the query", method: "POST", target: "/api/2/idp/token?grant_type=magic", header: tokenHeader,
			body: "scope=openid", status: 400,
			fields: map[string]any{"error": "unsupported_grant_type", "error_description": `Grant type "magic" is not supported.`}},
		{name: "token with two grant types", method: "POST", target: "/api/2/idp/token?grant_type=magic", header: tokenHeader,
			body: "grant_type=client_credentials", status: 400,
			fields: map[string]any{"error": "invalid_request", "error_description": "grant_type differs between the body and the query string."}},
		{name: "token with an unknown grant type", method: "POST", target: "/api/2/idp/token", header: tokenHeader,
			body: "grant_type=magic", status: 400,
			fields: map[string]any{"error": "unsupported_grant_type", "error_description": `Grant type "magic" is not supported.`}},
		{name: "MFA status body truncated", method: "PUT", target: acronisMFAStatus, header: bearer,
			body: `{"enabled":`, status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": `The body must be a JSON object such as {"enabled": true}.`}},
		{name: "MFA status enabled a string", method: "PUT", target: acronisMFAStatus, header: bearer,
			body: `{"enabled":"true"}`, status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": `Property "enabled" must be a boolean.`}},
		{name: "MFA status unknown property", method: "PUT", target: acronisMFAStatus, header: bearer,
			body: `{"enabled":true,"status":"enabled"}`, status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": `Property "status" is not allowed; the body takes only "enabled".`}},
		{name: "MFA status two objects", method: "PUT", target: acronisMFAStatus, header: bearer,
			body: `{"enabled":true}{"enabled":false}`, status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": "The body has data after the JSON object."}},
		{name: "MFA status empty body", method: "PUT", target: acronisMFAStatus, header: bearer, status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": `The body must be a JSON object such as {"enabled": true}.`}},

		// Wrong content types.
		{name: "token body as JSON", method: "POST", target: "/api/2/idp/token",
			header: []string{"Content-Type", jsonType, "Authorization", acronisBasic},
			body:   `{"grant_type":"client_credentials"}`, status: 415,
			fields: map[string]any{"error": "invalid_request", "error_description": "Content-Type must be application/x-www-form-urlencoded."}},
		{name: "token form without content type", method: "POST", target: "/api/2/idp/token",
			header: []string{"Authorization", acronisBasic}, body: acronisTokenForm, status: 415,
			fields: map[string]any{"error": "invalid_request", "error_description": "Content-Type must be application/x-www-form-urlencoded."}},
		{name: "MFA status body as a form", method: "PUT", target: acronisMFAStatus, header: withBearer("Content-Type", formType),
			body: "enabled=true", status: 415,
			fields: map[string]any{"error.code": 415, "error.details.info": "Content-Type must be application/json."}},
		{name: "MFA status without content type", method: "PUT", target: acronisMFAStatus, header: withBearer(),
			body: `{"enabled":true}`, status: 415,
			fields: map[string]any{"error.code": 415, "error.details.info": "Content-Type must be application/json."}},

		// Oversized bodies: valid but for their size.
		{name: "token form oversized", method: "POST", target: "/api/2/idp/token", header: tokenHeader,
			body: acronisTokenForm + formPadding, status: 400,
			fields: map[string]any{"error": "invalid_request", "error_description": "The request body could not be read."}},
		{name: "MFA status body oversized", method: "PUT", target: acronisMFAStatus, header: bearer,
			body: oversized(`{"enabled":true}`), status: 400,
			fields: map[string]any{"error.code": 400, "error.details.info": "The request body could not be read."}},

		// Missing or broken credentials.
		{name: "token without client credentials", method: "POST", target: "/api/2/idp/token",
			header: []string{"Content-Type", formType}, body: acronisTokenForm, status: 401,
			fields: map[string]any{"error": "invalid_client",
				"error_description": "Client authentication is required: use HTTP Basic or the client_id and client_secret fields."}},
		{name: "token with a wrong secret", method: "POST", target: "/api/2/idp/token",
			header: []string{"Content-Type", formType, "Authorization", acronisBadBasic}, body: acronisTokenForm, status: 401,
			fields: map[string]any{"error": "invalid_client", "error_description": "Client authentication failed: unknown client or wrong secret."}},
		{name: "token with Bearer instead of Basic", method: "POST", target: "/api/2/idp/token",
			header: []string{"Content-Type", formType, "Authorization", "Bearer abc"}, body: acronisTokenForm, status: 401,
			fields: map[string]any{"error": "invalid_client"}},
		{name: "token with Basic and a client secret field", method: "POST", target: "/api/2/idp/token", header: tokenHeader,
			body: acronisTokenForm + "&client_secret=" + acronis.DemoClientSecret, status: 400,
			fields: map[string]any{"error": "invalid_request",
				"error_description": "Use either HTTP Basic or the client_id and client_secret fields, not both."}},
		{name: "MFA status without token", method: "GET", target: acronisMFAStatus, status: 401,
			fields: map[string]any{"error.code": 401, "error.message": acronisNoToken, "error.details.info": "No access token was provided."}},
		{name: "MFA status with Basic", method: "GET", target: acronisMFAStatus, header: []string{"Authorization", acronisBasic}, status: 401,
			fields: map[string]any{"error.code": 401, "error.details.info": "The Authorization header must use the Bearer scheme."}},
		{name: "MFA status with an unknown token", method: "PUT", target: acronisMFAStatus,
			header: []string{"Authorization", "Bearer not-a-token", "Content-Type", jsonType}, body: `{"enabled":true}`, status: 401,
			fields: map[string]any{"error.code": 401, "error.details.info": "The access token is unknown."}},
		{name: "MFA status with an empty Bearer", method: "GET", target: acronisMFAStatus, header: []string{"Authorization", "Bearer "},
			status: 401, fields: map[string]any{"error.code": 401, "error.details.info": "No access token was provided."}},
		{name: "MFA status with token in header and query", method: "GET", target: acronisMFAStatus + "?access_token=abc",
			header: withBearer(), status: 400,
			fields: map[string]any{"error.code": 400,
				"error.details.info": "Pass the access token either in the Authorization header or in the access_token query parameter, not both."}},

		// Bad IDs, methods and paths.
		{name: "MFA status of a tenant name", method: "PUT", target: "/api/2/tenants/Demo%20Customer/mfa/status", header: bearer,
			body: `{"enabled":true}`, status: 400, fields: map[string]any{"error.code": 400}},
		{name: "DELETE MFA status", method: "DELETE", target: acronisMFAStatus, header: withBearer(), status: 405, allow: "GET, HEAD, PUT",
			fields: map[string]any{"error.code": 405, "error.message": "Method Not Allowed."}},
		{name: "GET token", method: "GET", target: "/api/2/idp/token", status: 405, allow: "POST",
			fields: map[string]any{"error.code": 405, "error.message": "Method Not Allowed."}},
		{name: "unknown path", method: "GET", target: "/api/2/users/me", header: withBearer(), status: 404,
			fields: map[string]any{"error.code": 404, "error.message": "Not Found."}},
		{name: "other API version", method: "GET", target: "/api/1/tenants/" + acronis.DemoCustomerTenantID, header: withBearer(), status: 404,
			fields: map[string]any{"Code": "InvalidAction.NotFound"}},
	}
	runMalformed(t, newMalformedServer(t), cases, func(t *testing.T, rec *httptest.ResponseRecorder, body map[string]any) {
		t.Helper()
		if _, cloud := body["Code"]; cloud {
			// Outside /api/2/ the path is nobody's but CloudSSO's, which owns "/".
			cloudSSOShape(t, rec, body)
			return
		}
		acronisShape(t, rec, body)
	}, func(t *testing.T, srv *Server) int {
		rec := serveMalformed(t, srv, malformedCase{method: "GET", target: acronisMFAStatus, header: withBearer()},
			strings.NewReplacer(phAcronisToken, acronisBearer(t, srv)))
		return rec.Code
	})
}

// cloudSSOShape is CloudSSO's error body, whose RequestId also goes in x-acs-request-id.
func cloudSSOShape(t *testing.T, rec *httptest.ResponseRecorder, body map[string]any) {
	t.Helper()
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if s, _ := body[k].(string); s == "" {
			t.Fatalf("error body without %s: %s", k, rec.Body)
		}
	}
	if got := rec.Header().Get("x-acs-request-id"); got != body["RequestId"] {
		t.Errorf("x-acs-request-id %q, want the body's RequestId %v", got, body["RequestId"])
	}
}

func TestMalformedCloudSSO(t *testing.T) {
	srv := newMalformedServer(t)
	// signed is a V1 call signed by the demo access key with the given parameters, as query.
	signed := func(action string, kv ...string) string {
		return "/?" + newCloudSSORequest(srv, action, kv...).query.Encode()
	}
	// unsigned is a V1 call missing what the test leaves out of it.
	unsigned := func(drop string, kv ...string) string {
		q := newCloudSSORequest(srv, cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID).query
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
		q.Del(drop)
		return "/?" + q.Encode()
	}
	// replayed has been answered once already, so its nonce is spent.
	replayed := signed(cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID)
	if rec := serveMalformed(t, srv, malformedCase{method: "POST", target: replayed}, strings.NewReplacer()); rec.Code != http.StatusOK {
		t.Fatalf("first use of a signed request: %d %s", rec.Code, rec.Body)
	}
	form := []string{"Content-Type", formType}
	missing := func(name string) map[string]any {
		return map[string]any{"Code": "MissingParameter",
			"Message": fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name)}
	}
	incomplete := func(detail string) map[string]any {
		return map[string]any{"Code": "IncompleteSignature",
			"Message": "The request signature does not conform to Aliyun standards. " + detail}
	}
	invalidAction := map[string]any{"Code": "InvalidAction.NotFound", "Message": "Specified api is not found, please check your url and method."}
	// v3 is a signature V3 header set with authorization as its Authorization and without the
	// header named drop; the checks it meets come before the signature is computed.
	v3 := func(authorization, drop string) []string {
		h := []string{"Authorization", authorization,
			"x-acs-action", cloudsso.ActionGetDirectory, "x-acs-version", cloudsso.APIVersion,
			"x-acs-date", "2026-03-01T12:00:00Z", "x-acs-signature-nonce", "n1",
			"x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}
		for i := 0; i < len(h); i += 2 {
			if h[i] == drop {
				return append(h[:i:i], h[i+2:]...)
			}
		}
		return h
	}
	v3Auth := "ACS3-HMAC-SHA256 Credential=demo-ak,SignedHeaders=host;x-acs-action,Signature=00"
	cases := []malformedCase{
		// Bad parameters: the RPC API's bodies are forms, not JSON.
		{name: "no parameters at all", method: "GET", target: "/", status: 400, fields: missing("Action")},
		{name: "query with a bad escape", method: "GET", target: "/?Action=GetDirectory&DirectoryId=%zz", status: 400,
			fields: map[string]any{"Code": "InvalidParameter"}},
		{name: "form with a bad escape", method: "POST", target: "/", header: form, body: "Action=%zz", status: 400,
			fields: map[string]any{"Code": "InvalidParameter"}},
		{name: "unknown action", method: "POST", target: signed("DeleteEverything"), status: 404, fields: invalidAction},
		{name: "wrong API version", method: "POST", target: signed(cloudsso.ActionGetDirectory, "Version", "2019-01-01"),
			status: 404, fields: invalidAction},
		{name: "MFA status in lower case", method: "POST",
			target: signed(cloudsso.ActionSetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID, "MFAAuthenticationStatus", "enabled"),
			status: 400, fields: map[string]any{"Code": "InvalidParameter.MFAAuthenticationStatus",
				"Message": `The specified MFAAuthenticationStatus "enabled" is invalid; valid values are Enabled and Disabled.`}},
		{name: "MFA status without directory", method: "POST", target: signed(cloudsso.ActionGetMFAAuthenticationStatus),
			status: 400, fields: map[string]any{"Code": "MissingParameter.DirectoryId"}},
		{name: "directory ID malformed", method: "POST",
			target: signed(cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", "D-DEMO00000001"), status: 404,
			fields: map[string]any{"Code": "EntityNotExists.Directory", "Message": "The specified directory does not exist."}},
		{name: "XML asked for", method: "POST",
			target: signed(cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID, "Format", "XML"),
			status: 400, fields: map[string]any{"Code": "InvalidParameter.Format"}},

		// Wrong content types: a body not declared as a form is not read for parameters.
		{name: "parameters as JSON", method: "POST", target: "/", header: []string{"Content-Type", jsonType},
			body: `{"Action":"GetDirectory","Version":"2021-05-15"}`, status: 400, fields: missing("Action")},
		{name: "form parameters declared as text", method: "POST", target: "/", header: []string{"Content-Type", "text/plain"},
			body: strings.TrimPrefix(signed(cloudsso.ActionGetDirectory), "/?"), status: 400, fields: missing("Action")},

		// Oversized bodies: valid but for their size.
		{name: "form oversized", method: "POST", target: "/", header: form,
			body: strings.TrimPrefix(signed(cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID), "/?") +
				formPadding,
			status: 400, fields: map[string]any{"Code": "InvalidParameter", "Message": "The request body is larger than 1 MiB."}},

		// Missing or broken signatures.
		{name: "V1 without Signature", method: "GET", target: unsigned("Signature"), status: 400, fields: missing("Signature")},
		{name: "V1 without AccessKeyId", method: "GET", target: unsigned("AccessKeyId"), status: 400, fields: missing("AccessKeyId")},
		{name: "V1 without SignatureNonce", method: "GET", target: unsigned("SignatureNonce"), status: 400, fields: missing("SignatureNonce")},
		{name: "V1 without Timestamp", method: "GET", target: unsigned("Timestamp"), status: 400, fields: missing("Timestamp")},
		{name: "V1 with HMAC-SHA256", method: "GET", target: unsigned("", "SignatureMethod", "HMAC-SHA256"), status: 400,
			fields: incomplete(`SignatureMethod "HMAC-SHA256" is not supported; use HMAC-SHA1.`)},
		{name: "V1 with an unknown access key", method: "GET", target: unsigned("", "AccessKeyId", "no-such-key"), status: 404,
			fields: map[string]any{"Code": "InvalidAccessKeyId.NotFound"}},
		{name: "V1 with a malformed Timestamp", method: "GET", target: unsigned("", "Timestamp", "yesterday"), status: 400,
			fields: map[string]any{"Code": "InvalidTimeStamp.Format"}},
		{name: "V1 with a Timestamp an hour old", method: "GET",
			target: unsigned("", "Timestamp", srv.Clock().Now().Add(-time.Hour).UTC().Format("2006-01-02T15:04:05Z")), status: 400,
			fields: map[string]any{"Code": "InvalidTimeStamp.Expired", "Message": "Specified time stamp or date value is expired."}},
		{name: "V1 replayed", method: "POST", target: replayed, status: 400,
			fields: map[string]any{"Code": "SignatureNonceUsed", "Message": "Specified signature nonce was used already."}},
		{name: "V1 with a wrong Signature", method: "GET", target: unsigned("", "Signature", "AAAA"), status: 400,
			fields: map[string]any{"Code": "SignatureDoesNotMatch"}},
		{name: "V3 without x-acs-date", method: "POST", target: "/", header: v3(v3Auth, "x-acs-date"), status: 400,
			fields: missing("x-acs-date")},
		{name: "V3 without x-acs-signature-nonce", method: "POST", target: "/", header: v3(v3Auth, "x-acs-signature-nonce"),
			status: 400, fields: missing("x-acs-signature-nonce")},
		{name: "V3 Authorization malformed", method: "POST", target: "/", header: v3("ACS3-HMAC-SHA256 garbage", ""),
			status: 400, fields: incomplete("The Authorization header is malformed.")},
		{name: "V3 Authorization of another algorithm", method: "POST", target: "/",
			header: v3("AWS4-HMAC-SHA256 Credential=demo-ak", ""), status: 400,
			fields: incomplete(`The signature algorithm "AWS4-HMAC-SHA256" is not supported; use ACS3-HMAC-SHA256.`)},
		{name: "V3 x-acs- headers left unsigned", method: "POST", target: "/", header: v3(v3Auth, ""), status: 400,
			fields: incomplete("SignedHeaders must include every x-acs- header; missing: " +
				"x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version.")},

		// Bad methods and unknown paths.
		{name: "PUT", method: "PUT", target: signed(cloudsso.ActionGetDirectory), status: 405, allow: "GET, HEAD, POST",
			fields: invalidAction},
		{name: "DELETE", method: "DELETE", target: "/", status: 405, allow: "GET, HEAD, POST", fields: invalidAction},
		{name: "unknown path", method: "POST", target: "/v1/directories", status: 404, fields: invalidAction},
		{name: "action as a path", method: "GET", target: "/GetDirectory", status: 404, fields: invalidAction},
	}
	runMalformed(t, srv, cases, cloudSSOShape, func(t *testing.T, srv *Server) int {
		rec := serveMalformed(t, srv, malformedCase{method: "POST",
			target: signed(cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID)}, strings.NewReplacer())
		return rec.Code
	})
}
