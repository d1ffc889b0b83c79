package cloudsso

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// stubCloudSSO is a small stand-in for the CloudSSO RPC endpoint written from
// the API notes (api/acronis-and-cloudsso.md, PART B): V3-signed requests to
// "/" with the action in x-acs-action, the actions this package calls
// and the gateway's JSON error body. It does not verify signatures; it
// records what arrives so that tests can check what DARA sends.
type stubCloudSSO struct {
	t *testing.T

	mu       sync.Mutex
	keys     map[string]string // access key ID → security token ("" for a plain key)
	dirs     map[string]*stubDirectory
	requests []stubRequest
	// onRequest, when set, sees each request first (n counts from 1);
	// returning true means it answered.
	onRequest func(n int, w http.ResponseWriter, r *http.Request) bool
	url       string
}

type stubDirectory struct {
	name, region, mfa      string
	createTime, updateTime string
}

type stubRequest struct {
	Method string
	Path   string
	Host   string
	Query  url.Values
	Header http.Header
	Body   string
	At     time.Time
}

const (
	testAK     = "LTAI5tTestAccessKeyID"
	testSecret = "test-secret-9f8e7d6c5b4a"
	stsAK      = "STS.NUgYrLnoC37mZZCNnAbez2Kbp"
	stsSecret  = "sts-secret-1a2b3c4d5e6f"
	stsToken   = "CAIS-sts-security-token-0123456789abcdef"
	dirID      = "d-00fc2p61abcd"
)

func newStub(t *testing.T) *stubCloudSSO {
	return &stubCloudSSO{
		t:    t,
		keys: map[string]string{testAK: "", stsAK: stsToken},
		dirs: map[string]*stubDirectory{dirID: {
			name: "example", region: "cn-shanghai", mfa: "Enabled",
			createTime: "2021-06-30T08:35:26Z", updateTime: "2021-10-25T07:18:46Z",
		}},
	}
}

// start serves the stub and returns a client configured for it; cfg's
// endpoint, credentials and timings are filled in unless set.
func (s *stubCloudSSO) start(cfg Config) *Client {
	s.t.Helper()
	srv := httptest.NewServer(s)
	s.t.Cleanup(srv.Close)
	s.url = srv.URL
	return s.client(cfg)
}

func (s *stubCloudSSO) client(cfg Config) *Client {
	s.t.Helper()
	if cfg.Endpoint == "" {
		cfg.Endpoint = s.url
	}
	if cfg.AccessKeyID == "" {
		cfg.AccessKeyID, cfg.AccessKeySecret = testAK, testSecret
	}
	if cfg.RetryWaitMin == 0 && cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, 5*time.Millisecond
	}
	if cfg.RequestsPerSecond == 0 {
		cfg.RequestsPerSecond = 1000
	}
	c, err := New(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	return c
}

func (s *stubCloudSSO) recorded() []stubRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]stubRequest(nil), s.requests...)
}

// setHook replaces onRequest while no request is being served.
func (s *stubCloudSSO) setHook(h func(n int, w http.ResponseWriter, r *http.Request) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onRequest = h
}

func (s *stubCloudSSO) mfaOf(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dirs[id].mfa
}

func (s *stubCloudSSO) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, stubRequest{
		Method: r.Method,
		Path:   r.URL.Path,
		Host:   r.Host,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   string(body),
		At:     time.Now(),
	})
	n, hook := len(s.requests), s.onRequest
	s.mu.Unlock()
	if hook != nil && hook(n, w, r) {
		return
	}
	s.serve(w, r, body)
}

// serve answers as the gateway and the service would, in the gateway's order:
// action, then credentials, then the action's own parameters.
func (s *stubCloudSSO) serve(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.URL.Path != "/" || (r.Method != http.MethodPost && r.Method != http.MethodGet) {
		writeError(w, r, 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
		return
	}
	action := r.Header.Get("x-acs-action")
	switch {
	case r.Header.Get("x-acs-version") != apiVersion:
		writeError(w, r, 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
		return
	case action != opGetMFAStatus && action != opSetMFAStatus && action != opListDirectories:
		writeError(w, r, 404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
		return
	}
	auth := r.Header.Get("Authorization")
	ak, ok := strings.CutPrefix(auth, "ACS3-HMAC-SHA256 Credential=")
	if !ok || !strings.Contains(ak, ",SignedHeaders=") || !strings.Contains(ak, ",Signature=") {
		writeError(w, r, 400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.")
		return
	}
	ak, _, _ = strings.Cut(ak, ",")
	s.mu.Lock()
	token, known := s.keys[ak]
	s.mu.Unlock()
	switch {
	case !known:
		writeError(w, r, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
		return
	case token != "" && r.Header.Get("x-acs-security-token") != token:
		writeError(w, r, 400, "InvalidSecurityToken.MalformedOrExpired", "The security token is malformed or expired.")
		return
	}

	// RPC parameters may come in the query or a form body.
	params := r.URL.Query()
	if form, err := url.ParseQuery(string(body)); err == nil {
		for k, v := range form {
			params[k] = append(params[k], v...)
		}
	}
	if action == opListDirectories {
		s.listDirectories(w)
		return
	}
	id := params.Get("DirectoryId")
	if id == "" {
		writeError(w, r, 400, "MissingParameter.DirectoryId", "The input parameter DirectoryId that is mandatory for processing this request is not supplied.")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.dirs[id]
	if d == nil {
		writeError(w, r, 404, "EntityNotExists.Directory", "The specified directory does not exist.")
		return
	}
	switch action {
	case opGetMFAStatus:
		writeJSON(w, 200, map[string]any{"RequestId": newRequestID(), "MFAAuthenticationStatus": d.mfa})
	case opSetMFAStatus:
		switch v := params.Get("MFAAuthenticationStatus"); v {
		case "Enabled", "Disabled":
			d.mfa = v
		case "":
		default:
			writeError(w, r, 400, "InvalidParameter.MFAAuthenticationStatus", "The specified MFAAuthenticationStatus is invalid.")
			return
		}
		writeJSON(w, 200, map[string]any{"RequestId": newRequestID()})
	}
}

// listDirectories answers ListDirectories (B.2): every directory, no paging,
// in map order, which the client must not depend on.
func (s *stubCloudSSO) listDirectories(w http.ResponseWriter) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := []map[string]any{}
	for id, d := range s.dirs {
		list = append(list, map[string]any{"DirectoryId": id, "DirectoryName": d.name, "Region": d.region,
			"CreateTime": d.createTime, "UpdateTime": d.updateTime})
	}
	writeJSON(w, 200, map[string]any{"RequestId": newRequestID(), "TotalCounts": len(list), "Directories": list})
}

// newRequestID makes an uppercase UUID-shaped ID, as the API's are.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers with the gateway's error body and returns its RequestId.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message string) string {
	id := newRequestID()
	writeJSON(w, status, map[string]any{
		"RequestId": id,
		"HostId":    r.Host,
		"Code":      code,
		"Message":   message,
		"Recommend": "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(code) + "&product=Cloudsso&requestId=" + id,
	})
	return id
}

// resetConnection drops the request's connection with a TCP reset, as a
// load balancer failing over might.
func resetConnection(t *testing.T, w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// failFirst makes the first `failures` requests fail with fail.
func (s *stubCloudSSO) failFirst(failures int, fail func(w http.ResponseWriter, r *http.Request)) {
	s.setHook(func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n <= failures {
			fail(w, r)
			return true
		}
		return false
	})
}

// asError fails the test unless err is an *Error of the wanted kind.
func asError(t *testing.T, err error, want Kind) *Error {
	t.Helper()
	return httpxtest.AsError(t, err, want, func(e *Error) Kind { return e.Kind })
}
