package emulator

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

// cloudSSORequest is a CloudSSO call signed with signature V1 by the demo
// access key, written from the B.4.1 facts for this test alone.
type cloudSSORequest struct {
	query url.Values
}

func newCloudSSORequest(srv *Server, action string, kv ...string) cloudSSORequest {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	p := url.Values{
		"Action": {action}, "Version": {"2021-05-15"}, "Format": {"JSON"},
		"AccessKeyId": {cloudsso.DemoAccessKeyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {hex.EncodeToString(b)},
		"Timestamp":      {srv.Clock().Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Set(kv[i], kv[i+1])
	}
	enc := func(s string) string {
		return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
	}
	var names []string
	for n := range p {
		names = append(names, n)
	}
	sort.Strings(names)
	var pairs []string
	for _, n := range names {
		pairs = append(pairs, enc(n)+"="+enc(p.Get(n)))
	}
	mac := hmac.New(sha1.New, []byte(cloudsso.DemoAccessKeySecret+"&"))
	mac.Write([]byte("POST&%2F&" + enc(strings.Join(pairs, "&"))))
	p.Set("Signature", base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return cloudSSORequest{query: p}
}

func (c cloudSSORequest) send(t *testing.T, base string) result {
	t.Helper()
	return call(t, "POST", base+"/?"+c.query.Encode(), "")
}

// wantCloudSSOError checks CloudSSO's error body.
func wantCloudSSOError(t *testing.T, r result, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	m := r.json(t)
	if m["Code"] != code || m["Message"] == "" || m["RequestId"] == "" || m["HostId"] == "" ||
		!strings.HasPrefix(field[string](t, m, "Recommend"), "https://api.aliyun.com/troubleshoot?q="+code+"&product=Cloudsso&requestId=") {
		t.Fatalf("error body = %s, want Code %s", r.body, code)
	}
}

func TestCloudSSOMountedWithDemoFixture(t *testing.T) {
	srv, base := newTestServer(t)
	if !slices.Contains(srv.APIs(), "cloudsso") {
		t.Fatalf("APIs = %v", srv.APIs())
	}
	r := newCloudSSORequest(srv, cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID).send(t, base)
	if r.status != 200 || r.json(t)["MFAAuthenticationStatus"] != "Enabled" {
		t.Fatalf("GetMFAAuthenticationStatus: %d %s", r.status, r.body)
	}
	// "/" is CloudSSO's, but the longer prefixes stay with their APIs and
	// /_emulator/ with the admin routes.
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 200 {
		t.Errorf("Identity login: %d %s", r.status, r.body)
	}
	acronisToken(t, base)
	if m := call(t, "GET", base+"/v2.0/nothing", "").json(t); m["itemNotFound"] == nil {
		t.Errorf("unmatched Identity path answered %v", m)
	}
	wantEnvelope(t, call(t, "GET", base+"/api/2/nothing", ""), 404)
	if r := call(t, "GET", base+"/_emulator/", ""); r.status != 200 || !slices.Contains(field[[]any](t, r.json(t), "apis"), any("cloudsso")) {
		t.Errorf("admin index: %d %s", r.status, r.body)
	}
	// Everything else is an unmatched CloudSSO path.
	wantCloudSSOError(t, call(t, "GET", base+"/nothing", ""), 404, "InvalidAction.NotFound")
	bad := call(t, "PUT", base+"/", "")
	wantCloudSSOError(t, bad, 405, "InvalidAction.NotFound")
	if bad.header.Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	var got []Count
	for _, c := range srv.Counts() {
		if c.API == "cloudsso" {
			got = append(got, c)
		}
	}
	want := []Count{
		{API: "cloudsso", Route: "", Status: 404, N: 1},
		{API: "cloudsso", Route: "", Status: 405, N: 1},
		{API: "cloudsso", Route: cloudsso.RoutePost, Status: 200, N: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("CloudSSO counts = %+v\nwant %+v", got, want)
	}
}

func TestCloudSSOFaultsAndThrottle(t *testing.T) {
	srv, base := newTestServer(t)
	req := newCloudSSORequest(srv, cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID)

	addFault(t, base, `{"api":"cloudsso","route":"`+cloudsso.RoutePost+`","kind":"status","status":503,"retry_after":"3","count":1}`)
	r := req.send(t, base)
	wantCloudSSOError(t, r, 503, "ServiceUnavailable")
	if r.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	addFault(t, base, `{"api":"cloudsso","kind":"status","status":500,"count":1}`)
	wantCloudSSOError(t, req.send(t, base), 500, "InternalError")
	addFault(t, base, `{"api":"cloudsso","kind":"throttle","retry_after":"2","count":1}`)
	r = req.send(t, base)
	wantCloudSSOError(t, r, 400, "Throttling.User")
	if r.header.Get("Retry-After") != "2" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	// Faulted requests never reached CloudSSO, so the same signed request,
	// nonce and all, is still good.
	if r := req.send(t, base); r.status != 200 {
		t.Fatalf("after the faults: %d %s", r.status, r.body)
	}
	wantCloudSSOError(t, req.send(t, base), 400, "SignatureNonceUsed")

	// The quota, lowered through the admin route.
	if r := call(t, "PATCH", base+"/_emulator/cloudsso/settings", `{"calls_per_second":1}`); r.status != 200 {
		t.Fatalf("PATCH settings: %d %s", r.status, r.body)
	}
	srv.Clock().Advance(2 * time.Second)
	newCloudSSORequest(srv, cloudsso.ActionListDirectories).send(t, base)
	wantCloudSSOError(t, newCloudSSORequest(srv, cloudsso.ActionListDirectories).send(t, base), 400, "Throttling.User")
}

func TestCloudSSOAdminClockAndReset(t *testing.T) {
	srv, base := newTestServer(t)
	r := call(t, "PATCH", base+"/_emulator/cloudsso/directories/"+cloudsso.DemoDirectoryID, `{"mfa_authentication_status":"Disabled"}`)
	if r.status != 200 || r.json(t)["mfa_authentication_status"] != "Disabled" {
		t.Fatalf("PATCH directory: %d %s", r.status, r.body)
	}
	read := func() result {
		return newCloudSSORequest(srv, cloudsso.ActionGetMFAAuthenticationStatus, "DirectoryId", cloudsso.DemoDirectoryID).send(t, base)
	}
	if m := read().json(t); m["MFAAuthenticationStatus"] != "Disabled" {
		t.Fatalf("drift not visible: %v", m)
	}
	// Timestamps are checked against the shared emulator clock.
	stale := newCloudSSORequest(srv, cloudsso.ActionListDirectories)
	call(t, "POST", base+"/_emulator/clock", `{"advance":"16m"}`)
	wantCloudSSOError(t, stale.send(t, base), 400, "InvalidTimeStamp.Expired")
	if r := read(); r.status != 200 {
		t.Fatalf("fresh request after the clock moved: %d %s", r.status, r.body)
	}

	if r := call(t, "POST", base+"/_emulator/reset", ""); r.status != 204 {
		t.Fatalf("reset: %d", r.status)
	}
	if d, _ := srv.CloudSSO().Directory(cloudsso.DemoDirectoryID); d.MFAAuthenticationStatus != "Enabled" {
		t.Error("reset kept the directory change")
	}
	// Admin requests were not counted.
	if srv.Total() != 0 {
		t.Errorf("Total after reset = %d", srv.Total())
	}
	r = call(t, "GET", base+"/_emulator/cloudsso/accounts", "")
	if r.status != 200 || strings.Contains(string(r.body), cloudsso.DemoAccessKeySecret) {
		t.Errorf("GET accounts: %d %s", r.status, r.body)
	}
	if r.header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", r.header.Get("Content-Type"))
	}
}
