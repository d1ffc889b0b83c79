package cloudsso

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// emptySHA256 is the hex SHA-256 of an empty body, which V3 signs for RPC
// calls whose parameters are all in the query.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

var (
	authRE = regexp.MustCompile(`^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
)

// checkV3Request checks one request against what DARA's V3 signer and the
// generated CloudSSO SDKs send for an RPC action.
func checkV3Request(t *testing.T, r stubRequest, ak, action string, query map[string]string) {
	t.Helper()
	if r.Method != http.MethodPost || r.Path != "/" {
		t.Errorf("%s %s, want POST /", r.Method, r.Path)
	}
	m := authRE.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		t.Fatalf("Authorization %q is not ACS3-HMAC-SHA256", r.Header.Get("Authorization"))
	}
	if m[1] != ak {
		t.Errorf("Credential = %q, want %q", m[1], ak)
	}
	signed := strings.Split(m[2], ";")
	for _, h := range []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"} {
		if !slices.Contains(signed, h) {
			t.Errorf("SignedHeaders %q lacks %s", m[2], h)
		}
	}
	if !slices.IsSorted(signed) {
		t.Errorf("SignedHeaders %q not sorted", m[2])
	}
	for h, want := range map[string]string{
		"x-acs-action":         action,
		"x-acs-version":        "2021-05-15",
		"x-acs-content-sha256": emptySHA256,
		"Accept":               "application/json",
	} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if d := r.Header.Get("x-acs-date"); !dateRE.MatchString(d) {
		t.Errorf("x-acs-date %q", d)
	} else if at, _ := time.Parse(time.RFC3339, d); time.Since(at).Abs() > time.Minute {
		t.Errorf("x-acs-date %q is not now", d)
	}
	if r.Header.Get("x-acs-signature-nonce") == "" {
		t.Error("no x-acs-signature-nonce")
	}
	if ua := r.Header.Get("User-Agent"); !strings.Contains(ua, "terraform-provider-authpolicy") {
		t.Errorf("User-Agent %q", ua)
	}
	if !strings.HasPrefix(r.Host, "127.0.0.1:") {
		t.Errorf("Host %q, want the endpoint with its port", r.Host)
	}
	// V3 keeps Action and Version out of the parameters; the API's own
	// parameters travel in the query and the body stays empty.
	if r.Body != "" {
		t.Errorf("body %q, want none", r.Body)
	}
	if len(r.Query) != len(query) {
		t.Errorf("query %v, want %v", r.Query, query)
	}
	for k, v := range query {
		if got := r.Query[k]; len(got) != 1 || got[0] != v {
			t.Errorf("query %s = %q, want %q", k, got, v)
		}
	}
}

func TestGetMFAAuthenticationStatus(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	enabled, err := c.GetMFAAuthenticationStatus(context.Background(), dirID)
	if err != nil {
		t.Fatal(err)
	}
	if !enabled {
		t.Error("a new directory reads as disabled")
	}
	reqs := s.recorded()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	checkV3Request(t, reqs[0], testAK, "GetMFAAuthenticationStatus", map[string]string{"DirectoryId": dirID})
	if h := reqs[0].Header.Get("x-acs-security-token"); h != "" {
		t.Errorf("security token %q sent without STS", h)
	}
}

func TestSetMFAAuthenticationStatus(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	for _, enabled := range []bool{false, true, false} {
		if err := c.SetMFAAuthenticationStatus(ctx, dirID, enabled); err != nil {
			t.Fatal(err)
		}
		got, err := c.GetMFAAuthenticationStatus(ctx, dirID)
		if err != nil {
			t.Fatal(err)
		}
		if got != enabled {
			t.Errorf("set %v, read back %v", enabled, got)
		}
	}
	reqs := s.recorded()
	if len(reqs) != 6 {
		t.Fatalf("%d requests, want 6", len(reqs))
	}
	checkV3Request(t, reqs[0], testAK, "SetMFAAuthenticationStatus",
		map[string]string{"DirectoryId": dirID, "MFAAuthenticationStatus": "Disabled"})
	checkV3Request(t, reqs[2], testAK, "SetMFAAuthenticationStatus",
		map[string]string{"DirectoryId": dirID, "MFAAuthenticationStatus": "Enabled"})
	if s.mfaOf(dirID) != "Disabled" {
		t.Errorf("stub holds %q", s.mfaOf(dirID))
	}
	// Each request is signed afresh.
	nonces := map[string]bool{}
	for _, r := range reqs {
		nonces[r.Header.Get("x-acs-signature-nonce")] = true
	}
	if len(nonces) != len(reqs) {
		t.Errorf("%d distinct nonces in %d requests", len(nonces), len(reqs))
	}
}

func TestSTSCredentials(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{AccessKeyID: stsAK, AccessKeySecret: stsSecret, SecurityToken: stsToken})
	if err := c.SetMFAAuthenticationStatus(context.Background(), dirID, false); err != nil {
		t.Fatal(err)
	}
	r := s.recorded()[0]
	checkV3Request(t, r, stsAK, "SetMFAAuthenticationStatus",
		map[string]string{"DirectoryId": dirID, "MFAAuthenticationStatus": "Disabled"})
	if got := r.Header.Get("x-acs-security-token"); got != stsToken {
		t.Errorf("x-acs-security-token = %q", got)
	}
	if got := r.Header.Get("x-acs-accesskey-id"); got != stsAK {
		t.Errorf("x-acs-accesskey-id = %q", got)
	}
	signed := authRE.FindStringSubmatch(r.Header.Get("Authorization"))[2]
	if !strings.Contains(signed, "x-acs-security-token") {
		t.Errorf("SignedHeaders %q do not cover the security token", signed)
	}

	// A token that is not the key's is refused by the (stub) gateway.
	wrong := s.client(Config{AccessKeyID: stsAK, AccessKeySecret: stsSecret, SecurityToken: "some-other-token"})
	_, err := wrong.GetMFAAuthenticationStatus(context.Background(), dirID)
	if e := asError(t, err, KindSecurityToken); e.Code != "InvalidSecurityToken.MalformedOrExpired" {
		t.Errorf("code %q", e.Code)
	}
}

func TestUnexpectedSuccessBodies(t *testing.T) {
	tests := []struct {
		name string
		body string
		call func(*Client) error
		want string
	}{
		{"lowercase status", `{"RequestId":"X","MFAAuthenticationStatus":"enabled"}`,
			func(c *Client) error { _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); return err },
			`MFAAuthenticationStatus "enabled" is neither Enabled nor Disabled`},
		{"no status", `{"RequestId":"X"}`,
			func(c *Client) error { _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); return err },
			"no MFAAuthenticationStatus"},
		{"wrong type", `{"RequestId":"X","MFAAuthenticationStatus":true}`,
			func(c *Client) error { _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); return err },
			"unexpected response: json: cannot unmarshal"},
		{"not JSON", `<html>ok</html>`,
			func(c *Client) error { return c.SetMFAAuthenticationStatus(context.Background(), dirID, true) },
			"unexpected response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			s.setHook(func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tt.body))
				return true
			})
			c := s.start(Config{})
			err := tt.call(c)
			e := asError(t, err, KindUnknown)
			if !strings.Contains(e.Error(), tt.want) {
				t.Errorf("error %q lacks %q", e, tt.want)
			}
			if strings.Contains(e.Error(), "<html>") {
				t.Errorf("error %q quotes the body", e)
			}
			if n := len(s.recorded()); n != 1 {
				t.Errorf("%d requests; an unreadable success is not retried", n)
			}
		})
	}
}

func TestEmptyDirectoryIDNotSent(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	_, err1 := c.GetMFAAuthenticationStatus(ctx, "")
	err2 := c.SetMFAAuthenticationStatus(ctx, " ", true)
	for _, err := range []error{err1, err2} {
		e := asError(t, err, KindBadRequest)
		if e.Status != 0 || !strings.Contains(e.Error(), "no directory ID given") {
			t.Errorf("error %q", e)
		}
	}
	if n := len(s.recorded()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
