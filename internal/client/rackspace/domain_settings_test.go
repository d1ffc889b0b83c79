package rackspace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// Messages of the domain MFA and password-policy routes, from
// api/rackspace-identity.md §2.1 and §3; the RACKSPACE_MANDATED wording is
// inferred (no source has it), so only its level name is relied on.
const (
	stubToken            = "tok-0123456789abcdef0123456789abcdef"
	noValidTokenMsg      = "No valid token provided. Please use the 'X-Auth-Token' header with a valid token."
	mfaPreconditionMsg   = "You must have Multi-Factor Authentication set as optional or enabled for your profile to enforce Multi-Factor Authentication for the domain"
	rackspaceMandatedMsg = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be changed by Rackspace. Please open a support ticket."
	invalidPolicyMsg     = "The supplied password policy is invalid. Please check your syntax and try again."
	historyRangeMsg      = "Invalid Password history restriction. Must be between 0-10. 0 means to ignore history."
	noPolicyMsg          = "A password policy is not set on this domain"
)

// stubIdentity records each request and lets the test answer the n-th one
// (counting from 1), so retries and their bodies can be seen.
type stubIdentity struct {
	mu     sync.Mutex
	reqs   []stubRequest
	answer func(n int, w http.ResponseWriter, r *http.Request)
}

type stubRequest struct {
	method string
	path   string // as sent, escaped
	header http.Header
	body   []byte
}

func (s *stubIdentity) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.reqs = append(s.reqs, stubRequest{r.Method, r.URL.EscapedPath(), r.Header.Clone(), body})
	n := len(s.reqs)
	s.mu.Unlock()
	s.answer(n, w, r)
}

func (s *stubIdentity) requests() []stubRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]stubRequest(nil), s.reqs...)
}

// startStub serves answer. The client retries twice with millisecond waits:
// enough to see whether a status is retried without slowing the tests.
func startStub(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) (*Client, *stubIdentity) {
	t.Helper()
	s := &stubIdentity{answer: answer}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, RetryMax: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c, s
}

func intPtr(n int) *int { return &n }

// settingsOp is one of the four domain-settings calls with its route and
// documented success answer, so that what they share is tested once for
// all. call is the Client method with a token; session is the Session's.
type settingsOp struct {
	op      string
	method  string
	route   string // after /v2.0/RAX-AUTH/domains/{domainId}
	ok      func(w http.ResponseWriter)
	call    func(ctx context.Context, c *Client, token, domainID string) error
	session func(ctx context.Context, s *Session, domainID string) error
}

func noContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// policyEcho is the server's echo: history as a JSON number (§3.1).
func policyEcho(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"passwordPolicy":{"passwordDuration":"P90DT6H30M5S","passwordHistoryRestriction":10}}`)
}

var testPolicy = PasswordPolicy{Duration: "P90DT6H30M5S", HistoryRestriction: intPtr(10)}

// domainEcho is PUT domain's 200: the whole domain (more-endpoints.md A.5).
func domainEcho(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"RAX-AUTH:domain":{"id":"123456","name":"Demo","enabled":true,"sessionInactivityTimeout":"PT30M"}}`)
}

var settingsOps = []settingsOp{
	{opSetSessionTimeout, http.MethodPut, "", domainEcho,
		func(ctx context.Context, c *Client, token, domainID string) error {
			return errOf(c.SetSessionInactivityTimeout(ctx, token, domainID, 30*time.Minute))
		},
		func(ctx context.Context, s *Session, domainID string) error {
			return errOf(s.SetSessionInactivityTimeout(ctx, domainID, 30*time.Minute))
		}},
	{opSetDomainMFA, http.MethodPut, "/multi-factor", noContent,
		func(ctx context.Context, c *Client, token, domainID string) error {
			return c.SetDomainMFAEnforcement(ctx, token, domainID, "REQUIRED")
		},
		func(ctx context.Context, s *Session, domainID string) error {
			return s.SetDomainMFAEnforcement(ctx, domainID, "REQUIRED")
		}},
	{opSetPasswordPolicy, http.MethodPut, "/password-policy", policyEcho,
		func(ctx context.Context, c *Client, token, domainID string) error {
			return c.SetPasswordPolicy(ctx, token, domainID, testPolicy)
		},
		func(ctx context.Context, s *Session, domainID string) error {
			return s.SetPasswordPolicy(ctx, domainID, testPolicy)
		}},
	{opGetPasswordPolicy, http.MethodGet, "/password-policy", policyEcho,
		func(ctx context.Context, c *Client, token, domainID string) error {
			return errOf(c.GetPasswordPolicy(ctx, token, domainID))
		},
		func(ctx context.Context, s *Session, domainID string) error {
			return errOf(s.GetPasswordPolicy(ctx, domainID))
		}},
	{opDeletePasswordPolicy, http.MethodDelete, "/password-policy", noContent,
		func(ctx context.Context, c *Client, token, domainID string) error {
			return c.DeletePasswordPolicy(ctx, token, domainID)
		},
		func(ctx context.Context, s *Session, domainID string) error {
			return s.DeletePasswordPolicy(ctx, domainID)
		}},
}

func TestDomainSettingsRequests(t *testing.T) {
	for _, op := range settingsOps {
		for domainID, path := range map[string]string{
			"123456":       "/v2.0/RAX-AUTH/domains/123456",
			"dedicated:42": "/v2.0/RAX-AUTH/domains/dedicated:42",
			"a/b?c":        "/v2.0/RAX-AUTH/domains/a%2Fb%3Fc",
		} {
			t.Run(op.op+" "+domainID, func(t *testing.T) {
				c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { op.ok(w) })
				if err := op.call(context.Background(), c, stubToken, domainID); err != nil {
					t.Fatal(err)
				}
				reqs := s.requests()
				if len(reqs) != 1 {
					t.Fatalf("%d requests, want 1", len(reqs))
				}
				r := reqs[0]
				if r.method != op.method || r.path != path+op.route {
					t.Errorf("request %s %s, want %s %s", r.method, r.path, op.method, path+op.route)
				}
				if r.header.Get("X-Auth-Token") != stubToken || r.header.Get("Accept") != "application/json" {
					t.Errorf("headers %v", r.header)
				}
				// The password-policy routes take JSON only (415 otherwise).
				hasBody := op.method == http.MethodPut
				if ct := r.header.Get("Content-Type"); hasBody != (ct == "application/json") || hasBody != (len(r.body) > 0) {
					t.Errorf("Content-Type %q with body %q", ct, r.body)
				}
			})
		}
	}
}

type errorCase struct {
	name     string
	status   int
	key, msg string // key "" sends the status without a body
	want     Kind
	attempts int // with RetryMax 2
}

// Statuses every route lists (400, 401, 403, 404, 405, 413, 503) and the
// other server faults of §4.
var commonErrorCases = []errorCase{
	{"bad json", 400, "badRequest", "Invalid json request body", KindBadRequest, 1},
	{"expired token", 401, "unauthorized", noValidTokenMsg, KindTokenInvalid, 1},
	{"other 401 wording", 401, "unauthorized", "Token not authenticated", KindTokenInvalid, 1},
	{"not authorized", 403, "forbidden", "Not Authorized", KindForbidden, 1},
	{"forbidden", 403, "forbidden", "Forbidden.", KindForbidden, 1},
	{"echoes the token", 403, "forbidden", "Token " + stubToken + " may not do this", KindForbidden, 1},
	{"not found", 404, "itemNotFound", "Domain with ID 9 not found.", KindNotFound, 1},
	{"method not allowed", 405, "", "", KindUnknown, 1},
	{"too large", 413, "", "", KindUnknown, 1},
	{"over limit", 413, "overLimit", "OverLimit Retry...", KindRateLimited, 3},
	{"identity fault", 500, "identityFault", "boom", KindServer, 3},
	{"unavailable", 503, "identityFault", "Service Unavailable", KindServer, 3},
}

var opErrorCases = map[string][]errorCase{
	opSetDomainMFA: {
		{"missing level", 400, "badRequest", "Must provide domain multifactor enforcement level", KindBadRequest, 1},
		// A server older than RACKSPACE_MANDATED rejects the value itself.
		{"unknown level", 400, "badRequest", "Invalid json request body for value 'RACKSPACE_MANDATED'", KindBadRequest, 1},
		{"caller without MFA", 403, "forbidden", mfaPreconditionMsg, KindMFAPrecondition, 1},
		{"caller without MFA, docs' 400", 400, "badRequest", mfaPreconditionMsg, KindMFAPrecondition, 1},
		{"rackspace mandated", 403, "forbidden", rackspaceMandatedMsg, KindRackspaceMandated, 1},
		{"mandated level, lower case", 403, "forbidden", "Only Rackspace may set rackspace_mandated", KindRackspaceMandated, 1},
	},
	opSetPasswordPolicy: {
		{"invalid policy", 400, "badRequest", invalidPolicyMsg, KindBadRequest, 1},
		{"history out of range", 400, "badRequest", historyRangeMsg, KindBadRequest, 1},
		{"not json", 415, "unsupportedMediaType", "Unsupported Media Type", KindUnknown, 1},
	},
	opSetSessionTimeout: {
		{"out of range", 400, "badRequest", "Session inactivity timeout must be between 300 and 86400 seconds.", KindBadRequest, 1},
		{"id mismatch", 400, "badRequest", "Domain Id does not match.", KindBadRequest, 1},
	},
	opGetPasswordPolicy: {
		{"no policy", 404, "itemNotFound", noPolicyMsg, KindNotFound, 1},
	},
}

func TestDomainSettingsErrorKinds(t *testing.T) {
	for _, op := range settingsOps {
		for _, tc := range append(append([]errorCase(nil), commonErrorCases...), opErrorCases[op.op]...) {
			t.Run(op.op+"/"+tc.name, func(t *testing.T) {
				c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
					if tc.key == "" {
						w.WriteHeader(tc.status)
						return
					}
					writeFault(w, tc.status, tc.key, tc.msg)
				})
				err := op.call(context.Background(), c, stubToken, "123456")
				e := asError(t, err, tc.want)
				if got := len(s.requests()); got != tc.attempts {
					t.Errorf("%d attempts, want %d", got, tc.attempts)
				}
				wantMsg := strings.ReplaceAll(tc.msg, stubToken, "[redacted]")
				if tc.key == "" {
					wantMsg = http.StatusText(tc.status)
				}
				if e.Op != op.op || e.Status != tc.status || e.Fault != tc.key || e.Message != wantMsg {
					t.Errorf("got op %q status %d fault %q message %q; want %q %d %q %q",
						e.Op, e.Status, e.Fault, e.Message, op.op, tc.status, tc.key, wantMsg)
				}
				text := e.Error()
				for _, part := range []string{op.op, fmt.Sprintf("HTTP %d", tc.status), wantMsg} {
					if !strings.Contains(text, part) {
						t.Errorf("Error() = %q lacks %q", text, part)
					}
				}
				if strings.Contains(text, stubToken) {
					t.Errorf("Error() = %q leaks the token", text)
				}
			})
		}
	}
}

func TestDomainSettingsRetryTransient(t *testing.T) {
	for _, op := range settingsOps {
		t.Run(op.op, func(t *testing.T) {
			c, s := startStub(t, func(n int, w http.ResponseWriter, _ *http.Request) {
				if n == 1 {
					writeFault(w, 503, "identityFault", "Service Unavailable")
					return
				}
				op.ok(w)
			})
			if err := op.call(context.Background(), c, stubToken, "123456"); err != nil {
				t.Fatal(err)
			}
			reqs := s.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want 2", len(reqs))
			}
			if !bytes.Equal(reqs[0].body, reqs[1].body) || reqs[1].header.Get("X-Auth-Token") != stubToken {
				t.Errorf("retry differs: body %q then %q", reqs[0].body, reqs[1].body)
			}
		})
	}
}

func TestDomainSettingsInputChecked(t *testing.T) {
	for _, op := range settingsOps {
		for _, in := range []struct{ token, domainID string }{{"", "123456"}, {stubToken, ""}} {
			t.Run(op.op, func(t *testing.T) {
				c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { op.ok(w) })
				e := asError(t, op.call(context.Background(), c, in.token, in.domainID), KindBadRequest)
				if e.Op != op.op || e.Status != 0 || len(s.requests()) != 0 || !strings.Contains(e.Error(), op.op) {
					t.Errorf("error %q (status %d) after %d requests", e, e.Status, len(s.requests()))
				}
			})
		}
	}
	// Identity matches levels case-sensitively and has no DEFAULT for domains.
	for _, level := range []string{"", "required", "Optional", "DEFAULT", " REQUIRED", "REQUIRED\n"} {
		c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { noContent(w) })
		err := c.SetDomainMFAEnforcement(context.Background(), stubToken, "123456", level)
		e := asError(t, err, KindBadRequest)
		if e.Status != 0 || len(s.requests()) != 0 || !strings.Contains(e.Error(), opSetDomainMFA) {
			t.Errorf("level %q: error %q after %d requests", level, e, len(s.requests()))
		}
	}
}

func TestSetDomainMFAEnforcementBody(t *testing.T) {
	for _, level := range []string{"OPTIONAL", "REQUIRED", "RACKSPACE_MANDATED"} {
		t.Run(level, func(t *testing.T) {
			c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { noContent(w) })
			if err := c.SetDomainMFAEnforcement(context.Background(), stubToken, "123456", level); err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(s.requests()[0].body, &got); err != nil {
				t.Fatal(err)
			}
			want := map[string]any{"RAX-AUTH:multiFactorDomain": map[string]any{"domainMultiFactorEnforcementLevel": level}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body %v, want %v", got, want)
			}
		})
	}
	// Any 2xx is success, whatever it carries.
	c, _ := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, `{}`) })
	if err := c.SetDomainMFAEnforcement(context.Background(), stubToken, "123456", "OPTIONAL"); err != nil {
		t.Errorf("200 with a body: %v", err)
	}
}

func TestSetPasswordPolicyRequestBody(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   PasswordPolicy
		want map[string]any // the passwordPolicy object
	}{
		{"both", PasswordPolicy{Duration: "P90DT6H30M5S", HistoryRestriction: intPtr(10)},
			map[string]any{"passwordDuration": "P90DT6H30M5S", "passwordHistoryRestriction": "10"}},
		{"duration only", PasswordPolicy{Duration: "PT0S"}, map[string]any{"passwordDuration": "PT0S"}},
		// 0 is a value ("ignore history"), not an absent field.
		{"history zero only", PasswordPolicy{HistoryRestriction: intPtr(0)}, map[string]any{"passwordHistoryRestriction": "0"}},
		{"empty", PasswordPolicy{}, map[string]any{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				fmt.Fprint(w, `{"passwordPolicy":{}}`)
			})
			if err := c.SetPasswordPolicy(context.Background(), stubToken, "123456", tc.in); err != nil {
				t.Fatal(err)
			}
			raw := s.requests()[0].body
			var got map[string]any
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || !reflect.DeepEqual(got["passwordPolicy"], tc.want) || bytes.Contains(raw, []byte("null")) {
				t.Errorf("body %s, want passwordPolicy %v", raw, tc.want)
			}
		})
	}
}

func TestPasswordPolicyResponses(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		duration   string
		history    *int
		bad        bool
	}{
		{"history as number", `{"passwordPolicy":{"passwordDuration":"P90DT6H30M5S","passwordHistoryRestriction":10}}`, "P90DT6H30M5S", intPtr(10), false},
		{"history as string", `{"passwordPolicy":{"passwordDuration":"P90DT6H30M5S","passwordHistoryRestriction":"10"}}`, "P90DT6H30M5S", intPtr(10), false},
		{"history zero number", `{"passwordPolicy":{"passwordHistoryRestriction":0}}`, "", intPtr(0), false},
		{"history zero string", `{"passwordPolicy":{"passwordHistoryRestriction":"0"}}`, "", intPtr(0), false},
		{"duration as sent", `{"passwordPolicy":{"passwordDuration":"p1dt0.5s"}}`, "p1dt0.5s", nil, false},
		{"nothing set", `{"passwordPolicy":{}}`, "", nil, false},
		{"nulls", `{"passwordPolicy":{"passwordDuration":null,"passwordHistoryRestriction":null}}`, "", nil, false},
		{"empty history string", `{"passwordPolicy":{"passwordDuration":"PT1H","passwordHistoryRestriction":""}}`, "PT1H", nil, false},
		{"unknown fields", `{"passwordPolicy":{"passwordDuration":"PT1H","extra":true},"more":1}`, "PT1H", nil, false},
		{"no root", `{}`, "", nil, true},
		{"null root", `{"passwordPolicy":null}`, "", nil, true},
		{"not json", `<html>ok</html>`, "", nil, true},
		{"history word", `{"passwordPolicy":{"passwordHistoryRestriction":"ten"}}`, "", nil, true},
		{"history fraction", `{"passwordPolicy":{"passwordHistoryRestriction":10.5}}`, "", nil, true},
		{"history bool", `{"passwordPolicy":{"passwordHistoryRestriction":true}}`, "", nil, true},
		{"duration number", `{"passwordPolicy":{"passwordDuration":90}}`, "", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, tc.body)
			})
			got, err := c.GetPasswordPolicy(context.Background(), stubToken, "123456")
			if tc.bad {
				e := asError(t, err, KindUnknown)
				if e.Op != opGetPasswordPolicy || e.Status != 200 || !strings.HasPrefix(e.Message, "unexpected response") {
					t.Errorf("error %q (status %d)", e, e.Status)
				}
				// A write is not read back: whatever its 2xx carries, it took effect.
				if err := c.SetPasswordPolicy(context.Background(), stubToken, "123456", testPolicy); err != nil {
					t.Errorf("set: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Duration != tc.duration || !reflect.DeepEqual(got.HistoryRestriction, tc.history) {
				t.Errorf("policy {%q %v}, want {%q %v}", got.Duration, deref(got.HistoryRestriction), tc.duration, deref(tc.history))
			}
		})
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestPasswordPolicyEmptySuccessBody(t *testing.T) {
	for _, status := range []int{200, 204} {
		c, _ := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(status) })
		if err := c.SetPasswordPolicy(context.Background(), stubToken, "123456", testPolicy); err != nil {
			t.Fatalf("set, %d without body: %v", status, err)
		}
		// A read has nothing to fall back on.
		e := asError(t, errOf(c.GetPasswordPolicy(context.Background(), stubToken, "123456")), KindUnknown)
		if e.Status != status || e.Op != opGetPasswordPolicy {
			t.Errorf("get, %d without body: %q", status, e)
		}
	}
}

// TestDomainSettingsSessionRenewsExpiredToken drives each Session method
// against fakeIdentity: once the token is rejected, the 401 must
// surface as KindTokenInvalid so that the session logs in again and retries.
func TestDomainSettingsSessionRenewsExpiredToken(t *testing.T) {
	for _, op := range settingsOps {
		t.Run(op.op, func(t *testing.T) {
			f := newFakeIdentity(t)
			f.addUser(&fakeUser{name: "demo-user", apiKey: "key-2"})
			route := "/v2.0/RAX-AUTH/domains/123456" + op.route
			f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != route {
					return false
				}
				f.mu.Lock()
				defer f.mu.Unlock()
				if f.validToken(w, r) != nil {
					op.ok(w)
				}
				return true
			}
			c := f.start(Config{})
			s := NewSession(c, Credentials{Username: "demo-user", APIKey: "key-2"})
			ctx := context.Background()
			do := func() error { return op.session(ctx, s, "123456") }
			if err := do(); err != nil {
				t.Fatal(err)
			}
			f.rejectAll()
			if err := do(); err != nil {
				t.Fatalf("after the token expired: %v", err)
			}
			if f.logins() != 2 || f.count(op.method, route) != 3 {
				t.Errorf("%d logins and %d calls, want 2 and 3", f.logins(), f.count(op.method, route))
			}
		})
	}
}
