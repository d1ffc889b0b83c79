package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

const acronisTokenForm = "grant_type=client_credentials"

var acronisBasic = "Basic " + base64.StdEncoding.EncodeToString([]byte(acronis.DemoClientID+":"+acronis.DemoClientSecret))

func acronisToken(t *testing.T, base string) string {
	t.Helper()
	r := call(t, "POST", base+"/api/2/idp/token", acronisTokenForm,
		"Content-Type", "application/x-www-form-urlencoded", "Authorization", acronisBasic)
	if r.status != 200 {
		t.Fatalf("acronis token: %d %s", r.status, r.body)
	}
	return field[string](t, r.json(t), "access_token")
}

// wantEnvelope checks Acronis's error envelope with the status as code.
func wantEnvelope(t *testing.T, r result, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	e := field[map[string]any](t, r.json(t), "error")
	if e["code"] != float64(status) || e["domain"] != "PlatformAccountServer" || e["message"] == "" ||
		field[string](t, e, "details", "info") == "" {
		t.Fatalf("envelope = %s", r.body)
	}
}

func TestAcronisMountedWithDemoFixture(t *testing.T) {
	srv, base := newTestServer(t)
	if !slices.Equal(srv.APIs(), []string{"identity", "acronis", "cloudsso"}) {
		t.Fatalf("APIs = %v", srv.APIs())
	}
	tok := acronisToken(t, base)
	statusURL := base + "/api/2/tenants/" + acronis.DemoCustomerTenantID + "/mfa/status"
	r := call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok)
	if r.status != 200 || r.json(t)["users_count"] != 5.0 {
		t.Fatalf("GET status: %d %s", r.status, r.body)
	}
	r = call(t, "PUT", statusURL, `{"enabled":true}`, "Authorization", "Bearer "+tok, "Content-Type", "application/json")
	if r.status != 200 || r.json(t)["mfa_status"] != "enabled" {
		t.Fatalf("PUT status: %d %s", r.status, r.body)
	}
	// Unmatched paths under /api/2/ answer in the envelope.
	wantEnvelope(t, call(t, "GET", base+"/api/2/nothing", ""), 404)
	bad := call(t, "DELETE", statusURL, "", "Authorization", "Bearer "+tok)
	wantEnvelope(t, bad, 405)
	if bad.header.Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	want := []Count{
		{API: "acronis", Route: "", Status: 404, N: 1},
		{API: "acronis", Route: "", Status: 405, N: 1},
		{API: "acronis", Route: acronis.RouteGetMFAStatus, Status: 200, N: 1},
		{API: "acronis", Route: acronis.RouteToken, Status: 200, N: 1},
		{API: "acronis", Route: acronis.RoutePutMFAStatus, Status: 200, N: 1},
	}
	// Counts are sorted by API, route, status.
	if got := srv.Counts(); !slices.Equal(got, want) {
		t.Errorf("Counts = %+v\nwant %+v", got, want)
	}
}

func TestAcronisTokenExpiresOnServerClock(t *testing.T) {
	srv, base := newTestServer(t)
	tok := acronisToken(t, base)
	get := func() result {
		return call(t, "GET", base+"/api/2/tenants/"+acronis.DemoPartnerTenantID, "", "Authorization", "Bearer "+tok)
	}
	srv.Clock().Advance(119 * time.Minute)
	if r := get(); r.status != 200 {
		t.Fatalf("after 1h59m: %d", r.status)
	}
	call(t, "POST", base+"/_emulator/clock", `{"advance":"1m"}`)
	wantEnvelope(t, get(), 401)
}

func TestAcronisFaultsAndThrottle(t *testing.T) {
	srv, base := newTestServer(t)
	addFault(t, base, `{"api":"acronis","route":"`+acronis.RouteToken+`","kind":"status","status":503,"retry_after":"3","count":1}`)
	r := call(t, "POST", base+"/api/2/idp/token", acronisTokenForm, "Content-Type", "application/x-www-form-urlencoded", "Authorization", acronisBasic)
	wantEnvelope(t, r, 503)
	if r.header.Get("Retry-After") != "3" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	if n := len(srv.Acronis().Tokens()); n != 0 {
		t.Errorf("a faulted token request issued %d tokens", n)
	}
	tok := acronisToken(t, base)

	addFault(t, base, `{"api":"acronis","route":"`+acronis.RouteGetMFAStatus+`","kind":"throttle","retry_after":"2","count":1}`)
	statusURL := base + "/api/2/tenants/" + acronis.DemoCustomerTenantID + "/mfa/status"
	r = call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok)
	wantEnvelope(t, r, 429)
	if r.header.Get("Retry-After") != "2" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	if r := call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok); r.status != 200 {
		t.Errorf("after the throttle: %d", r.status)
	}
	// A throttled request never reached the handler: one use only.
	if st, _ := srv.Acronis().Token(tok); st.Uses != 1 {
		t.Errorf("uses = %d", st.Uses)
	}
	for _, status := range []int{500, 502, 504, 400} {
		addFault(t, base, `{"api":"acronis","kind":"status","status":`+jsonInt(status)+`,"count":1}`)
		wantEnvelope(t, call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok), status)
	}
}

func jsonInt(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestAcronisAdminThroughServer(t *testing.T) {
	srv, base := newTestServer(t)
	tok := acronisToken(t, base)
	r := call(t, "PATCH", base+"/_emulator/acronis/tenants/"+acronis.DemoCustomerTenantID, `{"mfa_enabled":true}`)
	if r.status != 200 || r.json(t)["mfa_enabled"] != true {
		t.Fatalf("PATCH tenant: %d %s", r.status, r.body)
	}
	r = call(t, "PATCH", base+"/_emulator/acronis/settings", `{"token_max_uses":1}`)
	if r.status != 200 {
		t.Fatalf("PATCH settings: %d %s", r.status, r.body)
	}
	statusURL := base + "/api/2/tenants/" + acronis.DemoCustomerTenantID + "/mfa/status"
	if r := call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok); r.status != 200 || r.json(t)["mfa_status"] != "enabled" {
		t.Fatalf("GET after PATCH: %d %s", r.status, r.body)
	}
	wantEnvelope(t, call(t, "GET", statusURL, "", "Authorization", "Bearer "+tok), 401)
	// Admin requests are neither counted nor faulted.
	addFault(t, base, `{"kind":"status","status":500}`)
	if r := call(t, "GET", base+"/_emulator/acronis/tokens", ""); r.status != 200 {
		t.Errorf("admin under a global fault: %d", r.status)
	}
	call(t, "DELETE", base+"/_emulator/faults", "")

	if r := call(t, "POST", base+"/_emulator/reset", ""); r.status != 204 {
		t.Fatalf("reset: %d", r.status)
	}
	if len(srv.Acronis().Tokens()) != 0 || srv.Acronis().Settings().TokenMaxUses != 0 {
		t.Error("reset kept Acronis tokens or settings")
	}
	if s, _ := srv.Acronis().Tenant(acronis.DemoCustomerTenantID); s.MFAEnabled {
		t.Error("reset kept the tenant change")
	}
}

// TestAcronisListTenantsFaultOnPageTwo: a fault can single out the second page of a listing,
// and the counts show the listing's route.
func TestAcronisListTenantsFaultOnPageTwo(t *testing.T) {
	fx := DemoFixture()
	fx.AddCustomerFleet(30)
	srv, err := New(fx)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	base := ts.URL
	tok := acronisToken(t, base)
	addFault(t, base, `{"api":"acronis","route":"`+acronis.RouteListTenants+`","kind":"status","status":503,"after":1,"count":1}`)
	first := call(t, "GET", base+"/api/2/tenants?parent_id="+acronis.DemoPartnerTenantID+"&limit=20", "", "Authorization", "Bearer "+tok)
	if first.status != 200 {
		t.Fatalf("page 1: %d %s", first.status, first.body)
	}
	next := base + "/api/2/tenants?after=" + field[string](t, first.json(t), "paging", "cursors", "after")
	wantEnvelope(t, call(t, "GET", next, "", "Authorization", "Bearer "+tok), 503)
	second := call(t, "GET", next, "", "Authorization", "Bearer "+tok)
	if second.status != 200 || len(field[[]any](t, second.json(t), "items")) != 13 {
		t.Fatalf("page 2 again: %d %s", second.status, second.body)
	}
	got := srv.StatusCounts(acronis.Name, acronis.RouteListTenants)
	if got[200] != 2 || got[503] != 1 {
		t.Errorf("counts of %s: %v", acronis.RouteListTenants, got)
	}
}
