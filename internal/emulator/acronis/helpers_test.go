package acronis

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

type env struct {
	t     *testing.T
	api   *API
	clock *emutest.Clock
	url   string
}

// newEnv serves the API's routes, and its admin routes under
// /_emulator/acronis, the way the emulator server mounts them, with a clock
// fixed at a known instant.
func newEnv(t *testing.T, fx Fixture) *env {
	t.Helper()
	clock := emutest.NewClock()
	api, err := New(fx, clock.Now)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srvURL := emutest.Serve(t, api.Routes(), emutest.AdminRoutes(t, Name, api.AdminRoutes()))
	return &env{t: t, api: api, clock: clock, url: srvURL}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request; header is a list of name, value pairs.
func (e *env) do(method, path, body string, header ...string) response {
	e.t.Helper()
	r := emutest.Send(e.t, method, e.url+path, body, emutest.Header(header...))
	return response{status: r.Status, header: r.Header, body: r.Body}
}

const formType = "application/x-www-form-urlencoded"

func basic(id, secret string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(id, secret)
	return req.Header.Get("Authorization")
}

// requestToken posts a form to the token endpoint with HTTP Basic.
func (e *env) requestToken(id, secret, form string) response {
	e.t.Helper()
	return e.do("POST", "/api/2/idp/token", form, "Content-Type", formType, "Authorization", basic(id, secret))
}

// token gets an access token for the demo client.
func (e *env) token() string {
	e.t.Helper()
	return e.tokenFor(DemoClientID, DemoClientSecret)
}

func (e *env) tokenFor(id, secret string) string {
	e.t.Helper()
	r := e.requestToken(id, secret, "grant_type=client_credentials")
	return r.tokenBody(e.t).AccessToken
}

// get reads a path with a Bearer token.
func (e *env) get(path, tok string) response {
	e.t.Helper()
	return e.do("GET", path, "", "Authorization", "Bearer "+tok)
}

func (e *env) getStatus(tenantID, tok string) response {
	e.t.Helper()
	return e.get("/api/2/tenants/"+tenantID+"/mfa/status", tok)
}

// putStatus sends a PUT of the MFA status with the JSON content type.
func (e *env) putStatus(tenantID, tok, body string) response {
	e.t.Helper()
	return e.do("PUT", "/api/2/tenants/"+tenantID+"/mfa/status", body,
		"Authorization", "Bearer "+tok, "Content-Type", "application/json")
}

func (r response) tokenBody(t *testing.T) tokenJSON {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("token status = %d, want 200; body %s", r.status, r.body)
	}
	var keys map[string]any
	if err := json.Unmarshal(r.body, &keys); err != nil {
		t.Fatalf("token body %s: %v", r.body, err)
	}
	for _, k := range []string{"access_token", "token_type", "expires_in", "expires_on", "id_token"} {
		if _, ok := keys[k]; !ok {
			t.Fatalf("token body %s lacks %q", r.body, k)
		}
	}
	if len(keys) != 5 {
		t.Fatalf("token body %s has unexpected keys", r.body)
	}
	var tok tokenJSON
	_ = json.Unmarshal(r.body, &tok)
	return tok
}

// wantTokenError checks a token-endpoint error: status, error code and a
// description.
func (r response) wantTokenError(t *testing.T, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	var body map[string]string
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("token error body %s: %v", r.body, err)
	}
	if body["error"] != code || body["error_description"] == "" || len(body) != 2 {
		t.Fatalf("token error body %s, want error %q with a description", r.body, code)
	}
	if r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q", r.header.Get("Cache-Control"))
	}
}

// wantError checks the error envelope: status, code, domain, a message and
// info, and context.id (tenant "" means no context).
func (r response) wantError(t *testing.T, status, code int, tenant string) errorJSON {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &env); err != nil || len(env) != 1 || env["error"] == nil {
		t.Fatalf("envelope %s: want one key \"error\" (%v)", r.body, err)
	}
	dec := json.NewDecoder(bytes.NewReader(env["error"]))
	dec.DisallowUnknownFields()
	var e errorJSON
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("envelope %s: %v", r.body, err)
	}
	if e.Code != code || e.Domain != "PlatformAccountServer" || e.Message == "" || e.Details.Info == "" {
		t.Fatalf("envelope %s, want code %d in domain PlatformAccountServer with message and info", r.body, code)
	}
	switch {
	case tenant == "" && e.Context != nil:
		t.Fatalf("envelope %s has a context", r.body)
	case tenant != "" && (e.Context == nil || e.Context.ID != tenant):
		t.Fatalf("envelope %s, want context.id %s", r.body, tenant)
	}
	return e
}

// mfa decodes a 200 status answer, which must have exactly the four keys.
func (r response) mfa(t *testing.T) mfaStatusJSON {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	var m mfaStatusJSON
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("status body %s: %v", r.body, err)
	}
	var keys map[string]any
	_ = json.Unmarshal(r.body, &keys)
	if len(keys) != 4 {
		t.Fatalf("status body %s, want exactly four keys", r.body)
	}
	return m
}

func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	return m
}

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

func ptr[T any](v T) *T { return &v }

func (e *env) updateTenant(id string, p TenantPatch) TenantState {
	e.t.Helper()
	s, err := e.api.UpdateTenant(id, p)
	if err != nil {
		e.t.Fatalf("UpdateTenant(%s): %v", id, err)
	}
	return s
}
