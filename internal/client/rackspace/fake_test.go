package rackspace

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// fakeIdentity is a small stand-in for Identity v2.0 written from the API
// notes, enough to drive the client through every branch. It verifies TOTP
// codes with its own RFC 6238 code, not the client's library.
type fakeIdentity struct {
	t *testing.T

	mu       sync.Mutex
	users    map[string]*fakeUser
	sessions map[string]*fakeSession
	tokens   map[string]*fakeToken
	domains  map[string]string // domain ID -> name
	requests []recordedRequest
	seq      int
	now      time.Time
	// loginDelay slows POST /v2.0/tokens, to let concurrent callers pile up.
	loginDelay time.Duration
	// challengeHeader, when set, replaces the WWW-Authenticate value.
	challengeHeader string
	// expireSessions makes every multi-factor session expire at once.
	expireSessions bool
	// onRequest, when set, sees each request first (after it is recorded);
	// returning true means it has answered it.
	onRequest func(w http.ResponseWriter, r *http.Request) bool
}

type fakeUser struct {
	name, password, apiKey string
	domainID               string
	factor                 string // "", "SMS" or "OTP"
	totpSecret             string // base32, for OTP users
	smsPasscode            string
	disabled               bool
	mustSetupMFA           bool
	passwordExpired        bool
	failures               int
}

type fakeSession struct {
	user    string
	expired bool
}

type fakeToken struct {
	user     string
	tenant   string
	rejected bool
	by       []string
}

type recordedRequest struct {
	Method, Path string
	Header       http.Header
	Body         map[string]any
	At           time.Time
}

const lockMessage = "Can not authenticate with credentials provided. The account has been locked due to excessive invalid attempts. Please contact an administrator"

func newFakeIdentity(t *testing.T) *fakeIdentity {
	return &fakeIdentity{
		t:        t,
		users:    map[string]*fakeUser{},
		sessions: map[string]*fakeSession{},
		tokens:   map[string]*fakeToken{},
		domains:  map[string]string{"123456": "GCorp"},
		now:      time.Unix(59, 0).UTC(),
	}
}

func (f *fakeIdentity) addUser(u *fakeUser) {
	if u.domainID == "" {
		u.domainID = "123456"
	}
	f.users[u.name] = u
}

// start serves the fake and returns a client for it. The client's clock is
// the fake's clock, as the provider would use the emulator's.
func (f *fakeIdentity) start(cfg Config) *Client {
	f.t.Helper()
	srv := httptest.NewServer(f)
	f.t.Cleanup(srv.Close)
	cfg.Endpoint = srv.URL
	if cfg.Now == nil {
		cfg.Now = func() time.Time {
			f.mu.Lock()
			defer f.mu.Unlock()
			return f.now
		}
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = time.Millisecond
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = 10 * time.Millisecond
	}
	c, err := New(cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fakeIdentity) count(method, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func (f *fakeIdentity) logins() int { return f.count(http.MethodPost, "/v2.0/tokens") }

func (f *fakeIdentity) recorded() []recordedRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedRequest(nil), f.requests...)
}

func (f *fakeIdentity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	f.mu.Lock()
	f.requests = append(f.requests, recordedRequest{r.Method, r.URL.Path, r.Header.Clone(), body, time.Now()})
	delay := f.loginDelay
	f.mu.Unlock()
	if f.onRequest != nil && f.onRequest(w, r) {
		return
	}

	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v2.0/tokens":
		time.Sleep(delay)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.postTokens(w, r, body)
	case r.Method == http.MethodDelete && r.URL.Path == "/v2.0/tokens":
		f.mu.Lock()
		defer f.mu.Unlock()
		tok := f.validToken(w, r)
		if tok == nil {
			return
		}
		tok.rejected = true
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/"):
		f.mu.Lock()
		defer f.mu.Unlock()
		f.getDomain(w, r, strings.TrimPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/"))
	default:
		writeFault(w, http.StatusNotFound, "itemNotFound", "Resource not found")
	}
}

func (f *fakeIdentity) postTokens(w http.ResponseWriter, r *http.Request, body map[string]any) {
	auth, _ := body["auth"].(map[string]any)
	if auth == nil {
		writeFault(w, 400, "badRequest", "Invalid json request body")
		return
	}
	tenant, _ := auth["tenantId"].(string)
	if sid := r.Header.Get("X-SessionId"); sid != "" {
		f.passcodeStep(w, sid, auth, tenant)
		return
	}
	if pc, ok := auth["passwordCredentials"].(map[string]any); ok {
		u := f.users[str(pc["username"])]
		switch {
		case u == nil || u.password != str(pc["password"]):
			writeFault(w, 401, "unauthorized", "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.")
		case u.disabled:
			writeFault(w, 403, "userDisabled", fmt.Sprintf("User '%s' is disabled.", u.name))
		case u.passwordExpired:
			writeFault(w, 401, "unauthorized", "Error code: 'AUTH-001'; The password for this user has expired and must be changed")
		case u.mustSetupMFA:
			writeFault(w, 403, "forbidden", "User must setup multi-factor")
		case u.factor != "" && u.failures >= 3:
			writeFault(w, 401, "unauthorized", lockMessage)
		case u.factor != "":
			f.seq++
			sid := fmt.Sprintf("session-%d-%s", f.seq, strings.Repeat("x", 40))
			f.sessions[sid] = &fakeSession{user: u.name, expired: f.expireSessions}
			factor := "PASSCODE"
			if u.factor == "OTP" {
				factor = "OTPPASSCODE"
			}
			h := fmt.Sprintf("OS-MF sessionId='%s', factor='%s'", sid, factor)
			if f.challengeHeader != "" {
				h = f.challengeHeader
			}
			w.Header().Set("WWW-Authenticate", h)
			writeFault(w, 401, "unauthorized", "Additional authentication credentials required")
		default:
			f.issue(w, u, tenant, []string{"PASSWORD"})
		}
		return
	}
	if kc, ok := auth["RAX-KSKEY:apiKeyCredentials"].(map[string]any); ok {
		u := f.users[str(kc["username"])]
		switch {
		case u == nil || u.apiKey != str(kc["apiKey"]):
			writeFault(w, 401, "unauthorized", "Error code: 'AUTH-008'; Username or api key is invalid.")
		case u.disabled:
			writeFault(w, 403, "userDisabled", fmt.Sprintf("User '%s' is disabled.", u.name))
		default:
			f.issue(w, u, tenant, []string{"APIKEY"})
		}
		return
	}
	if tc, ok := auth["token"].(map[string]any); ok {
		tok := f.tokens[str(tc["id"])]
		if tok == nil || tok.rejected {
			writeFault(w, 401, "unauthorized", "Token not authenticated")
			return
		}
		f.writeAccess(w, str(tc["id"]), f.users[tok.user], tenant, append(tok.by, "TOKEN"))
		return
	}
	writeFault(w, 400, "badRequest", "Invalid request body: unable to parse Auth data. Please review XML or JSON formatting.")
}

func (f *fakeIdentity) passcodeStep(w http.ResponseWriter, sid string, auth map[string]any, tenant string) {
	s := f.sessions[sid]
	if s == nil {
		writeFault(w, 401, "unauthorized", "Can not authenticate with credentials provided")
		return
	}
	if s.expired {
		writeFault(w, 401, "unauthorized", "Can not authenticate with credentials provided. Session has expired.")
		return
	}
	u := f.users[s.user]
	if u.failures >= 3 {
		writeFault(w, 403, "forbidden", lockMessage)
		return
	}
	pc, _ := auth["RAX-AUTH:passcodeCredentials"].(map[string]any)
	got := str(pc["passcode"])
	want := u.smsPasscode
	by := []string{"PASSCODE", "PASSWORD"}
	if u.factor == "OTP" {
		want = rfc6238(f.t, u.totpSecret, f.now)
		by = []string{"OTPPASSCODE", "PASSWORD"}
	}
	if got != want {
		u.failures++
		if u.failures >= 3 {
			writeFault(w, 403, "forbidden", lockMessage)
			return
		}
		writeFault(w, 401, "unauthorized", "Can not authenticate with credentials provided")
		return
	}
	u.failures = 0
	delete(f.sessions, sid)
	f.issue(w, u, tenant, by)
}

func (f *fakeIdentity) issue(w http.ResponseWriter, u *fakeUser, tenant string, by []string) {
	f.seq++
	id := fmt.Sprintf("tok%02d%s", f.seq, strings.Repeat("0", 28))
	f.tokens[id] = &fakeToken{user: u.name, tenant: tenant, by: by}
	f.writeAccess(w, id, u, tenant, by)
}

func (f *fakeIdentity) writeAccess(w http.ResponseWriter, id string, u *fakeUser, tenant string, by []string) {
	if tenant == "" {
		tenant = u.domainID
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access": map[string]any{
		"token": map[string]any{
			"id":                       id,
			"expires":                  f.now.Add(24 * time.Hour).Format("2006-01-02T15:04:05.000Z07:00"),
			"RAX-AUTH:issued":          f.now.Format("2006-01-02T15:04:05.000Z07:00"),
			"tenant":                   map[string]any{"id": tenant, "name": tenant},
			"RAX-AUTH:authenticatedBy": by,
		},
		"serviceCatalog": []any{},
		"user": map[string]any{
			"id": "u-" + u.name, "name": u.name, "roles": []any{},
			"RAX-AUTH:defaultRegion": "DFW", "RAX-AUTH:domainId": u.domainID,
		},
	}})
}

func (f *fakeIdentity) validToken(w http.ResponseWriter, r *http.Request) *fakeToken {
	tok := f.tokens[r.Header.Get("X-Auth-Token")]
	if tok == nil || tok.rejected {
		writeFault(w, 401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
		return nil
	}
	return tok
}

func (f *fakeIdentity) getDomain(w http.ResponseWriter, r *http.Request, id string) {
	tok := f.validToken(w, r)
	if tok == nil {
		return
	}
	name, ok := f.domains[id]
	switch {
	case !ok:
		writeFault(w, 404, "itemNotFound", fmt.Sprintf("Domain with ID %s not found.", id))
	case f.users[tok.user].domainID != id:
		writeFault(w, 403, "forbidden", "Not Authorized")
	default:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"RAX-AUTH:domain": map[string]any{
			"id": id, "name": name, "enabled": true, "sessionInactivityTimeout": "PT15M",
		}})
	}
}

// rejectAll marks every issued token as expired, as the service does when
// its clock passes their expiry.
func (f *fakeIdentity) rejectAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, t := range f.tokens {
		t.rejected = true
	}
}

func writeFault(w http.ResponseWriter, status int, key, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{key: map[string]any{"code": status, "message": msg}})
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// rfc6238 computes a 6-digit SHA-1 TOTP code (30 s steps) independently of
// the library the client uses.
func rfc6238(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		t.Fatalf("test secret: %v", err)
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", v%1_000_000)
}

// wantKind fails the test unless err is an *Error of the wanted kind.
func wantKind(t *testing.T, err error, want Kind) {
	t.Helper()
	_ = asError(t, err, want)
}

// asError is wantKind returning the *Error.
func asError(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	return httpxtest.AsError(t, err, want, func(e *Error) Kind { return e.Kind })
}
