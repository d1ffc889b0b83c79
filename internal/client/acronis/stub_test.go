package acronis

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// stubAcronis is a small stand-in for the account API written from the API
// notes (api/acronis-and-cloudsso.md, PART A): the client-credentials token
// endpoint and the tenant and MFA status routes, enough to drive the client
// through every branch.
type stubAcronis struct {
	t *testing.T

	mu       sync.Mutex
	clientID string
	secret   string
	disabled bool
	// lifetime is the expires_in of new tokens; 0 leaves it out.
	lifetime int
	// tokenDelay slows the token endpoint, to let concurrent callers pile up.
	tokenDelay time.Duration
	tokens     map[string]*stubToken
	issued     []string
	tenants    map[string]*stubTenant
	requests   []stubRequest
	// onToken and onAPI, when set, see each request of their kind first
	// (n counts that kind from 1); returning true means they answered it.
	onToken func(n int, w http.ResponseWriter, r *http.Request) bool
	onAPI   func(n int, w http.ResponseWriter, r *http.Request) bool
}

type stubToken struct {
	revoked bool
}

type stubTenant struct {
	id, name, kind, parent string
	mfa                    bool
	users, totp            int
	version                int64
}

type stubRequest struct {
	Method string
	Path   string // as sent, escapes kept
	Header http.Header
	Body   string
	At     time.Time
}

const (
	testClientID = "44444444-4444-4444-8444-444444444444"
	testSecret   = "cfffe6f6271b4addbe90ca63236de581"
	customerID   = "22222222-2222-4222-8222-222222222222"
	unitID       = "33333333-3333-4333-8333-333333333333"
	partnerID    = "11111111-1111-4111-8111-111111111111"
)

func newStub(t *testing.T) *stubAcronis {
	s := &stubAcronis{
		t:        t,
		clientID: testClientID,
		secret:   testSecret,
		lifetime: 7200,
		tokens:   map[string]*stubToken{},
		tenants:  map[string]*stubTenant{},
	}
	s.addTenant(&stubTenant{id: partnerID, name: "Demo Partner", kind: "partner", parent: "00000000-0000-4000-8000-000000000000", version: 3})
	s.addTenant(&stubTenant{id: customerID, name: "Demo Customer", kind: "customer", parent: partnerID, users: 5, totp: 2, version: 7})
	s.addTenant(&stubTenant{id: unitID, name: "Demo Unit", kind: "unit", parent: customerID, users: 1, version: 1})
	return s
}

func (s *stubAcronis) addTenant(tn *stubTenant) { s.tenants[tn.id] = tn }

// start serves the stub and returns a client configured for it; cfg's
// endpoint and credentials are filled in unless set.
func (s *stubAcronis) start(cfg Config) *Client {
	s.t.Helper()
	srv := httptest.NewServer(s)
	s.t.Cleanup(srv.Close)
	if cfg.Endpoint == "" {
		cfg.Endpoint = srv.URL
	}
	if cfg.ClientID == "" {
		cfg.ClientID = testClientID
	}
	if cfg.ClientSecret == "" {
		cfg.ClientSecret = testSecret
	}
	if cfg.RetryWaitMin == 0 && cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	}
	c, err := New(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}

// wantBasic is the Basic credentials RFC 7617 gives for id and secret.
func wantBasic(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
}

func (s *stubAcronis) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	s.mu.Lock()
	s.requests = append(s.requests, stubRequest{Method: r.Method, Path: r.URL.EscapedPath(), Header: r.Header.Clone(), Body: string(body), At: time.Now()})
	onToken, onAPI, delay := s.onToken, s.onAPI, s.tokenDelay
	s.mu.Unlock()

	if r.URL.Path == "/api/2/idp/token" {
		n := s.count(http.MethodPost, "/api/2/idp/token")
		if onToken != nil && onToken(n, w, r) {
			return
		}
		s.issueToken(w, r, delay)
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/api/2/") {
		http.NotFound(w, r)
		return
	}
	if onAPI != nil && onAPI(s.apiCount(), w, r) {
		return
	}
	if !s.authorized(r) {
		writeEnvelope(w, 401, 401, "Access token is invalid or expired", nil)
		return
	}
	s.serveTenants(w, r)
}

func (s *stubAcronis) issueToken(w http.ResponseWriter, r *http.Request, delay time.Duration) {
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		writeTokenError(w, 400, "invalid_request", "form body expected")
		return
	}
	if err := r.ParseForm(); err != nil {
		writeTokenError(w, 400, "invalid_request", "bad form")
		return
	}
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	} else {
		// RFC 6749 §2.3.1: both are form-encoded before the Basic encoding.
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	}
	switch r.Form.Get("grant_type") {
	case "":
		writeTokenError(w, 400, "invalid_request", "grant_type is required")
		return
	case "client_credentials":
	default:
		writeTokenError(w, 400, "unsupported_grant_type", "unsupported grant type")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != s.clientID || secret != s.secret {
		writeTokenError(w, 401, "invalid_client", "Client authentication failed")
		return
	}
	if s.disabled {
		writeTokenError(w, 401, "access_denied", "The client is disabled")
		return
	}
	tok := fmt.Sprintf("access-token-%02d-%s", len(s.issued)+1, strings.Repeat("x", 24))
	s.tokens[tok] = &stubToken{}
	s.issued = append(s.issued, tok)
	out := map[string]any{"access_token": tok, "token_type": "bearer", "id_token": "id-token-not-used"}
	if s.lifetime > 0 {
		out["expires_in"] = s.lifetime
		out["expires_on"] = time.Now().Unix() + int64(s.lifetime)
	}
	writeJSON(w, 200, out)
}

func (s *stubAcronis) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	if !strings.HasPrefix(h, "Bearer ") {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, ok := s.tokens[strings.TrimPrefix(h, "Bearer ")]
	return ok && !tok.revoked
}

func (s *stubAcronis) serveTenants(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, "/api/2/tenants/")
	id, sub, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	tn := s.tenants[id]
	if tn == nil {
		writeEnvelope(w, 404, 1005, "Tenant not found", nil)
		return
	}
	switch {
	case sub == "" && r.Method == http.MethodGet:
		mfa := "disabled"
		if tn.mfa {
			mfa = "enabled"
		}
		writeJSON(w, 200, map[string]any{
			"id": tn.id, "version": tn.version, "name": tn.name, "kind": tn.kind, "parent_id": tn.parent,
			"enabled": true, "customer_type": "default", "mfa_status": mfa, "has_children": false,
			"created_at": "2024-01-02T03:04:05", "updated_at": "2024-01-02T03:04:05", "deleted_at": nil,
		})
	case sub == "mfa/status" && r.Method == http.MethodGet:
		s.writeStatus(w, tn)
	case sub == "mfa/status" && r.Method == http.MethodPut:
		if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
			writeEnvelope(w, 415, 415, "Unsupported Media Type", nil)
			return
		}
		var body map[string]json.RawMessage
		raw, _ := io.ReadAll(r.Body)
		var enabled bool
		if json.Unmarshal(raw, &body) != nil || len(body) != 1 || json.Unmarshal(body["enabled"], &enabled) != nil {
			writeEnvelope(w, 400, 400, "Invalid request body", nil)
			return
		}
		if tn.kind == "unit" || tn.kind == "folder" {
			info := "MFA status cannot be changed for tenants of kind '" + tn.kind + "'."
			writeEnvelope(w, 400, 1027, info, &info)
			return
		}
		tn.mfa = enabled
		tn.version++
		s.writeStatus(w, tn)
	default:
		writeEnvelope(w, 405, 405, "Method Not Allowed", nil)
	}
}

func (s *stubAcronis) writeStatus(w http.ResponseWriter, tn *stubTenant) {
	mfa := tn
	// Units and folders show the status of the tenant above them.
	for mfa.kind == "unit" || mfa.kind == "folder" {
		mfa = s.tenants[mfa.parent]
	}
	status := "disabled"
	if mfa.mfa {
		status = "enabled"
	}
	writeJSON(w, 200, map[string]any{
		"mfa_status": status, "users_count": tn.users, "users_with_totp_enabled_count": tn.totp,
		"update_allowed": tn == mfa,
	})
}

// revokeAll makes the server refuse every token issued so far, as if they
// had expired or been revoked early.
func (s *stubAcronis) revokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, tok := range s.tokens {
		tok.revoked = true
	}
}

// update changes the stub's settings while it serves.
func (s *stubAcronis) update(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

func (s *stubAcronis) count(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func (s *stubAcronis) tokenRequests() int { return s.count(http.MethodPost, "/api/2/idp/token") }

func (s *stubAcronis) apiCount() int { return len(s.apiRequests()) }

func (s *stubAcronis) apiRequests() []stubRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []stubRequest
	for _, r := range s.requests {
		if r.Path != "/api/2/idp/token" {
			out = append(out, r)
		}
	}
	return out
}

func (s *stubAcronis) recorded() []stubRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]stubRequest(nil), s.requests...)
}

func (s *stubAcronis) issuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}

func bearerOf(r stubRequest) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeTokenError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]any{"error": code, "error_description": desc})
}

// writeEnvelope writes the account API's error body with an integer code.
func writeEnvelope(w http.ResponseWriter, status, code int, msg string, info *string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"code": code, "domain": "PlatformAccountServer", "message": msg,
		"details": map[string]any{"info": info}, "context": map[string]any{},
	}})
}

// fakeClock is a settable clock for token expiry.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// asError fails the test unless err is an *Error of the wanted kind.
func asError(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	return httpxtest.AsError(t, err, want, func(e *Error) Kind { return e.Kind })
}
