package cloudsso

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

// The signers below are written from the B.4 facts alone and share no code
// with the emulator's verifier, so one mistake cannot hide in both.

type env struct {
	t     *testing.T
	api   *API
	clock *emutest.Clock
	url   string
	host  string // host:port of the test server, the Host clients send
}

// newEnv serves the API's routes, and its admin routes under
// /_emulator/cloudsso, the way the emulator server mounts them, with a
// clock fixed at a known instant.
func newEnv(t *testing.T, fx Fixture) *env {
	t.Helper()
	clock := emutest.NewClock()
	api, err := New(fx, clock.Now)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srvURL := emutest.Serve(t, api.Routes(), emutest.AdminRoutes(t, Name, api.AdminRoutes()))
	u, _ := url.Parse(srvURL)
	return &env{t: t, api: api, clock: clock, url: srvURL, host: u.Host}
}

// call is an API request before it is sent, so a test can sign it and then
// tamper with any part.
type call struct {
	method string
	query  url.Values
	body   string
	header http.Header
	// host replaces the Host header when set.
	host string
}

type response struct {
	status int
	header http.Header
	body   []byte
	host   string // the Host the request was sent with
}

func (e *env) send(c *call) response {
	e.t.Helper()
	r, err := e.trySend(c)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// trySend is send for other goroutines, which must not call Fatal.
func (e *env) trySend(c *call) (response, error) {
	u := e.url + "/"
	if len(c.query) > 0 {
		u += "?" + c.query.Encode()
	}
	req, err := http.NewRequest(c.method, u, strings.NewReader(c.body))
	if err != nil {
		return response{}, err
	}
	for name, vs := range c.header {
		req.Header[name] = vs
	}
	host := e.host
	if c.host != "" {
		host = c.host
		req.Host = c.host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b, host: host}, nil
}

// do sends an HTTP request to any path, for admin routes and odd requests.
func (e *env) do(method, path, body string) response {
	e.t.Helper()
	r := emutest.Send(e.t, method, e.url+path, body, nil)
	return response{status: r.Status, header: r.Header, body: r.Body, host: e.host}
}

// rfc3986 encodes the way the notes' Java snippet does: form-encode, then
// put back %20 for spaces and %2A for asterisks, and leave ~ alone.
func rfc3986(s string) string {
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
}

func nonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// --- V1 ---

// common returns V1's common parameters for an action, signed as the
// given key at the emulator clock's time.
func (e *env) common(action, keyID string) url.Values {
	return url.Values{
		"Action":           {action},
		"Version":          {"2021-05-15"},
		"Format":           {"JSON"},
		"AccessKeyId":      {keyID},
		"SignatureMethod":  {"HMAC-SHA1"},
		"SignatureVersion": {"1.0"},
		"SignatureNonce":   {nonce()},
		"Timestamp":        {stamp(e.clock.Now())},
	}
}

// stringToSignV1 follows B.4.1: all parameters but Signature, sorted,
// name=value encoded and joined, then method & %2F & encoded.
func stringToSignV1(method string, params url.Values) string {
	var names []string
	for n := range params {
		if n != "Signature" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var pairs []string
	for _, n := range names {
		pairs = append(pairs, rfc3986(n)+"="+rfc3986(params.Get(n)))
	}
	return method + "&%2F&" + rfc3986(strings.Join(pairs, "&"))
}

func signV1(secret, stringToSign string) string {
	m := hmac.New(sha1.New, []byte(secret+"&"))
	m.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// v1 signs common plus api and builds the request: everything in the query
// (DARA's way), or with inBody the api parameters in a form body and the
// rest in the query (TEA-RPC's way).
func (e *env) v1(method string, common, api url.Values, inBody bool, secret string) *call {
	all := url.Values{}
	for n, v := range common {
		all[n] = v
	}
	for n, v := range api {
		all[n] = v
	}
	c := &call{method: method, header: http.Header{}, query: url.Values{}}
	for n, v := range common {
		c.query[n] = v
	}
	if inBody {
		c.body = api.Encode()
		c.header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		for n, v := range api {
			c.query[n] = v
		}
	}
	c.query.Set("Signature", signV1(secret, stringToSignV1(method, all)))
	return c
}

// demoV1 is a V1 POST of an action by the demo access key.
func (e *env) demoV1(action string, kv ...string) *call {
	return e.v1("POST", e.common(action, DemoAccessKeyID), values(kv...), false, DemoAccessKeySecret)
}

func values(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// --- V3 ---

// v3 builds an unsigned V3 request: the action and version headers, the
// date, a nonce and the body hash, and the form content type for a body.
func (e *env) v3(method, action string, query url.Values, body string) *call {
	sum := sha256.Sum256([]byte(body))
	c := &call{method: method, query: query, body: body, header: http.Header{}}
	c.header.Set("x-acs-action", action)
	c.header.Set("x-acs-version", "2021-05-15")
	c.header.Set("x-acs-date", stamp(e.clock.Now()))
	c.header.Set("x-acs-signature-nonce", nonce())
	c.header.Set("x-acs-content-sha256", hex.EncodeToString(sum[:]))
	c.header.Set("Accept", "application/json")
	if body != "" {
		c.header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return c
}

// signedNames lists what DARA signs: host, content-type and x-acs-*.
func (c *call) signedNames() []string {
	names := []string{"host"}
	for n := range c.header {
		l := strings.ToLower(n)
		if l == "content-type" || strings.HasPrefix(l, "x-acs-") {
			names = append(names, l)
		}
	}
	sort.Strings(names)
	return names
}

// canonicalV3 follows B.4.2 with the given host and payload hash.
func (c *call) canonicalV3(host string, signed []string, payloadHash string) string {
	var qnames []string
	for n := range c.query {
		qnames = append(qnames, n)
	}
	sort.Strings(qnames)
	var q []string
	for _, n := range qnames {
		q = append(q, n+"="+rfc3986(c.query.Get(n)))
	}
	var h strings.Builder
	for _, n := range signed {
		v := host
		if n != "host" {
			v = c.header.Get(n)
		}
		h.WriteString(n + ":" + strings.TrimSpace(v) + "\n")
	}
	return c.method + "\n/\n" + strings.Join(q, "&") + "\n" + h.String() + "\n" + strings.Join(signed, ";") + "\n" + payloadHash
}

func stringToSignV3(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return "ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])
}

// signV3 signs the request for host with every header DARA would sign,
// hashing the payload as the x-acs-content-sha256 header claims.
func (e *env) signV3(c *call, keyID, secret string) {
	e.signV3As(c, e.host, "ACS3-HMAC-SHA256", keyID, secret, c.signedNames())
}

// signV3As signs for a given Host value, algorithm name and list of signed
// headers, so tests can get each of them wrong.
func (e *env) signV3As(c *call, host, algorithm, keyID, secret string, signed []string) {
	sts := stringToSignV3(c.canonicalV3(host, signed, c.header.Get("x-acs-content-sha256")))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(sts))
	c.header.Set("Authorization", algorithm+" Credential="+keyID+",SignedHeaders="+strings.Join(signed, ";")+
		",Signature="+hex.EncodeToString(m.Sum(nil)))
}

// demoV3 is a signed V3 POST by the demo key with the parameters in the
// query, as DARA sends RPC calls.
func (e *env) demoV3(action string, kv ...string) *call {
	c := e.v3("POST", action, values(kv...), "")
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	return c
}

// --- answers ---

var requestIDRE = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

// ok checks a 200 JSON answer with a RequestId and returns the body.
func (r response) ok(t *testing.T) map[string]any {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %s: %v", r.body, err)
	}
	id, _ := m["RequestId"].(string)
	if !requestIDRE.MatchString(id) || r.header.Get("x-acs-request-id") != id {
		t.Fatalf("RequestId %q (header %q) is not an uppercase UUID", id, r.header.Get("x-acs-request-id"))
	}
	return m
}

type errBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// wantErr checks an error answer: status, code, the five fields of B.3
// and nothing else, HostId the Host sent, and the troubleshooting link.
func (r response) wantErr(t *testing.T, status int, code string) errBody {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d (%s); body %s", r.status, status, code, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	var e errBody
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body %s: %v", r.body, err)
	}
	if e.Code != code {
		t.Fatalf("Code = %q, want %q; body %s", e.Code, code, r.body)
	}
	if !requestIDRE.MatchString(e.RequestID) || e.Message == "" || e.HostID != r.host {
		t.Fatalf("error body %s (Host %s)", r.body, r.host)
	}
	want := "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Cloudsso&requestId=" + e.RequestID
	if e.Recommend != want {
		t.Errorf("Recommend = %q, want %q", e.Recommend, want)
	}
	return e
}

func ptr[T any](v T) *T { return &v }

// unreserved is RFC 3986's unreserved set, which percentEncode keeps as is.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}
