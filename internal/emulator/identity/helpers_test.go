package identity

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

type env struct {
	t     *testing.T
	api   *API
	clock *emutest.Clock
	url   string
}

// newEnv serves the API's routes on a test server, the way the emulator
// server mounts them, with a clock fixed at a known instant.
func newEnv(t *testing.T, fx Fixture) *env {
	t.Helper()
	clock := emutest.NewClock()
	api, err := New(fx, clock.Now)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &env{t: t, api: api, clock: clock, url: emutest.Serve(t, api.Routes())}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func toResponse(r emutest.Response) response {
	return response{status: r.Status, header: r.Header, body: r.Body}
}

func (e *env) do(method, path, token, body string, header http.Header) response {
	e.t.Helper()
	h := emutest.Header("Content-Type", "application/json")
	if token != "" {
		h.Set("X-Auth-Token", token)
	}
	for k, vs := range header {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	return toResponse(emutest.Send(e.t, method, e.url+path, body, h))
}

func (e *env) auth(body string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/v2.0/tokens", "", body, nil)
}

func passwordBody(user, password string, extra ...string) string {
	return `{"auth":{"passwordCredentials":{"username":` + q(user) + `,"password":` + q(password) + `}` + strings.Join(extra, "") + `}}`
}

func apiKeyBody(user, key string, extra ...string) string {
	return `{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":` + q(user) + `,"apiKey":` + q(key) + `}` + strings.Join(extra, "") + `}}`
}

func passcodeBody(code string, extra ...string) string {
	return `{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":` + q(code) + `}` + strings.Join(extra, "") + `}}`
}

func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (e *env) passcode(sessionID, code string, extra ...string) response {
	e.t.Helper()
	return e.do(http.MethodPost, "/v2.0/tokens", "", passcodeBody(code, extra...), http.Header{"X-Sessionid": {sessionID}})
}

// wantFault checks status, fault key and exact message.
func (r response) wantFault(t *testing.T, status int, key, message string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	var body map[string]struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("fault body %s: %v", r.body, err)
	}
	f, ok := body[key]
	if !ok || len(body) != 1 {
		t.Fatalf("fault body %s, want single key %q", r.body, key)
	}
	if f.Code != status || f.Message != message {
		t.Fatalf("fault = {%d %q}, want {%d %q}", f.Code, f.Message, status, message)
	}
}

// access is the part of the access response the tests look at.
type access struct {
	Access struct {
		Token struct {
			ID      string `json:"id"`
			Expires string `json:"expires"`
			Issued  string `json:"RAX-AUTH:issued"`
			Tenant  *struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"tenant"`
			AuthenticatedBy []string `json:"RAX-AUTH:authenticatedBy"`
		} `json:"token"`
		ServiceCatalog *[]struct {
			Name      string `json:"name"`
			Type      string `json:"type"`
			Endpoints []struct {
				Region    string `json:"region"`
				TenantID  string `json:"tenantId"`
				PublicURL string `json:"publicURL"`
			} `json:"endpoints"`
		} `json:"serviceCatalog"`
		User struct {
			ID            string  `json:"id"`
			Name          string  `json:"name"`
			DefaultRegion *string `json:"RAX-AUTH:defaultRegion"`
			DomainID      string  `json:"RAX-AUTH:domainId"`
			Roles         []struct {
				ID       string `json:"id"`
				Name     string `json:"name"`
				TenantID string `json:"tenantId"`
			} `json:"roles"`
		} `json:"user"`
	} `json:"access"`
}

func (r response) access(t *testing.T) access {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	var a access
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatalf("access body: %v", err)
	}
	return a
}

var challengeRE = regexp.MustCompile(`^OS-MF sessionId='([A-Za-z0-9_-]+)', factor='(PASSCODE|OTPPASSCODE)'$`)

// challenge checks an MFA challenge and returns its session id.
func (r response) challenge(t *testing.T, factor string) string {
	t.Helper()
	r.wantFault(t, http.StatusUnauthorized, keyUnauthorized, "Additional authentication credentials required")
	h := r.header.Values("WWW-Authenticate")
	if len(h) != 1 {
		t.Fatalf("WWW-Authenticate = %q, want one value", h)
	}
	m := challengeRE.FindStringSubmatch(h[0])
	if m == nil || m[2] != factor {
		t.Fatalf("WWW-Authenticate = %q, want factor %s in the exact OS-MF format", h[0], factor)
	}
	return m[1]
}

func (e *env) totp(secret string) string {
	e.t.Helper()
	code, err := TOTP(secret, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// loginToken logs in without MFA and returns the token id.
func (e *env) loginToken(body string) string {
	e.t.Helper()
	return e.auth(body).access(e.t).Access.Token.ID
}

func (e *env) updateUser(username string, p UserPatch) UserState {
	e.t.Helper()
	u, err := e.api.UpdateUser(username, p)
	if err != nil {
		e.t.Fatalf("UpdateUser(%s): %v", username, err)
	}
	return u
}

func (e *env) updateDomain(id string, p DomainPatch) DomainState {
	e.t.Helper()
	d, err := e.api.UpdateDomain(id, p)
	if err != nil {
		e.t.Fatalf("UpdateDomain(%s): %v", id, err)
	}
	return d
}
