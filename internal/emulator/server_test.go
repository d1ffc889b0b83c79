package emulator

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

func TestCountsByRouteAndStatus(t *testing.T) {
	srv, base := newTestServer(t)
	call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	call(t, "POST", base+"/v2.0/tokens", apiKeyLogin(identity.DemoUser, "wrong"))
	call(t, "POST", base+"/v2.0/tokens", apiKeyLogin(identity.DemoUser, "wrong"))
	call(t, "GET", base+"/v2.0/RAX-AUTH/domains/123456", "")
	notFound := call(t, "GET", base+"/v2.0/nothing-here", "")
	badMethod := call(t, "GET", base+"/v2.0/tokens", "")
	// CloudSSO owns "/", so a path no other API claims is counted as its.
	call(t, "GET", base+"/elsewhere", "")
	// Admin requests are not counted.
	call(t, "GET", base+"/_emulator/requests", "")
	call(t, "GET", base+"/_emulator/clock", "")

	want := []Count{
		{API: "cloudsso", Route: "", Status: 404, N: 1},
		{API: "identity", Route: "", Status: 404, N: 1},
		{API: "identity", Route: "", Status: 405, N: 1},
		{API: "identity", Route: "GET /v2.0/RAX-AUTH/domains/{domainId}", Status: 401, N: 1},
		{API: "identity", Route: tokensRoute, Status: 200, N: 1},
		{API: "identity", Route: tokensRoute, Status: 401, N: 2},
	}
	if got := srv.Counts(); !slices.Equal(got, want) {
		t.Errorf("Counts = %+v\nwant %+v", got, want)
	}
	if n := srv.CountsFor("identity", tokensRoute); n != 3 {
		t.Errorf("CountsFor tokens = %d", n)
	}
	if got, want := srv.StatusCounts("identity", tokensRoute), map[int]int{200: 1, 401: 2}; !maps.Equal(got, want) {
		t.Errorf("StatusCounts tokens = %v, want %v", got, want)
	}
	if got := srv.StatusCounts("acronis", tokensRoute); len(got) != 0 {
		t.Errorf("StatusCounts of another API's route = %v, want none", got)
	}
	if n := srv.Total(); n != 7 {
		t.Errorf("Total = %d", n)
	}
	// Unmatched Identity paths answer in Identity's fault format.
	if m := notFound.json(t); m["itemNotFound"] == nil {
		t.Errorf("404 body = %s", notFound.body)
	}
	if badMethod.status != 405 || badMethod.header.Get("Allow") == "" || badMethod.json(t)["badMethod"] == nil {
		t.Errorf("405 = %d %v %s", badMethod.status, badMethod.header, badMethod.body)
	}

	r := call(t, "GET", base+"/_emulator/requests", "")
	var body struct {
		Total    int     `json:"total"`
		Requests []Count `json:"requests"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil || body.Total != 7 || !slices.Equal(body.Requests, want) {
		t.Errorf("GET /_emulator/requests = %s", r.body)
	}
	if raw := field[map[string]any](t, r.json(t), "requests", 4); raw["api"] != "identity" || raw["route"] != tokensRoute || raw["status"] != 200.0 || raw["count"] != 1.0 {
		t.Errorf("count JSON = %v", raw)
	}
	if r := call(t, "DELETE", base+"/_emulator/requests", ""); r.status != 204 {
		t.Fatalf("DELETE requests: %d", r.status)
	}
	if srv.Total() != 0 || len(srv.Counts()) != 0 {
		t.Error("counts not zeroed")
	}
}

func TestNewWithNilFixtureIsEmpty(t *testing.T) {
	srv, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(srv.Identity().Users()) != 0 || len(srv.Acronis().Tenants()) != 0 ||
		len(srv.CloudSSO().Accounts()) != 0 || len(srv.CloudSSO().Directories()) != 0 {
		t.Error("nil fixture has users, tenants, accounts or directories")
	}
	if !slices.Equal(srv.APIs(), []string{"identity", "acronis", "cloudsso"}) {
		t.Errorf("APIs = %v", srv.APIs())
	}
}

func TestNewRejectsInvalidFixture(t *testing.T) {
	fx := DemoFixture()
	fx.Identity.Users[0].DomainID = "nope"
	if _, err := New(fx); err == nil {
		t.Fatal("invalid fixture accepted")
	}
}

func TestClockAdvanceExpiresTokens(t *testing.T) {
	srv, base := newTestServer(t)
	tok := login(t, base)
	get := func() int {
		return call(t, "GET", base+"/v2.0/RAX-AUTH/domains/123456", "", "X-Auth-Token", tok).status
	}
	if s := get(); s != 200 {
		t.Fatalf("fresh token: %d", s)
	}
	before := srv.Clock().Now()
	srv.Clock().Advance(23 * time.Hour)
	if s := get(); s != 200 {
		t.Fatalf("after 23h: %d", s)
	}
	r := call(t, "POST", base+"/_emulator/clock", `{"advance":"2h"}`)
	if r.status != 200 {
		t.Fatalf("advance: %d %s", r.status, r.body)
	}
	now, err := time.Parse(time.RFC3339Nano, field[string](t, r.json(t), "now"))
	if err != nil || now.Sub(before) < 25*time.Hour || now.Sub(before) > 25*time.Hour+time.Minute {
		t.Errorf("now = %v (%v), want 25h after %v", now, err, before)
	}
	if s := get(); s != 401 {
		t.Fatalf("after 25h: %d, want 401", s)
	}
	g := call(t, "GET", base+"/_emulator/clock", "").json(t)
	if g["offset"] != "25h0m0s" {
		t.Errorf("GET clock = %v", g)
	}
	for _, bad := range []string{`{"advance":"soon"}`, `{"advance":""}`, `{"forward":"1h"}`, `nope`} {
		if r := call(t, "POST", base+"/_emulator/clock", bad); r.status != 400 {
			t.Errorf("POST clock %s: %d", bad, r.status)
		}
	}
}

func TestReset(t *testing.T) {
	srv, base := newTestServer(t)
	login(t, base)
	call(t, "PATCH", base+"/_emulator/identity/domains/123456", `{"mfa_enforcement_level":"REQUIRED"}`)
	addFault(t, base, `{"api":"identity","route":"GET /v2.0/RAX-AUTH/domains/{domainId}","kind":"status","status":500}`)
	srv.Clock().Advance(time.Hour)

	if r := call(t, "POST", base+"/_emulator/reset", ""); r.status != 204 {
		t.Fatalf("reset: %d", r.status)
	}
	if srv.Total() != 0 || len(srv.Faults()) != 0 || srv.Clock().Offset() != 0 || len(srv.Identity().Tokens()) != 0 {
		t.Errorf("after reset: total %d faults %d offset %v tokens %d",
			srv.Total(), len(srv.Faults()), srv.Clock().Offset(), len(srv.Identity().Tokens()))
	}
	if d, _ := srv.Identity().Domain("123456"); d.MFAEnforcementLevel != "" {
		t.Errorf("domain level %q survived reset", d.MFAEnforcementLevel)
	}
	// The server works normally afterwards.
	tok := login(t, base)
	if r := call(t, "GET", base+"/v2.0/RAX-AUTH/domains/123456", "", "X-Auth-Token", tok); r.status != 200 {
		t.Errorf("after reset: %d", r.status)
	}
	srv.Reset()
	if srv.Total() != 0 {
		t.Error("Go Reset kept counts")
	}
}

func TestAdminIdentityRoutes(t *testing.T) {
	srv, base := newTestServer(t)
	r := call(t, "GET", base+"/_emulator/identity/users/demo-admin", "")
	u := r.json(t)
	if r.status != 200 || u["mfa_enabled"] != true || u["factor_type"] != "OTP" || u["locked"] != false ||
		u["failed_passcodes"] != 0.0 || u["enabled"] != true || u["mfa_enforcement_level"] != "" {
		t.Fatalf("GET user: %d %s", r.status, r.body)
	}
	r = call(t, "PATCH", base+"/_emulator/identity/users/demo-user", `{"enabled":false}`)
	if r.status != 200 || r.json(t)["enabled"] != false {
		t.Fatalf("PATCH user: %d %s", r.status, r.body)
	}
	if r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin); r.status != 403 {
		t.Errorf("disabled user login: %d", r.status)
	}
	r = call(t, "GET", base+"/_emulator/identity/domains/123456", "")
	if r.status != 200 || r.json(t)["mfa_enforcement_level"] != "" {
		t.Fatalf("GET domain: %d %s", r.status, r.body)
	}
	r = call(t, "PATCH", base+"/_emulator/identity/domains/123456", `{"mfa_enforcement_level":"REQUIRED"}`)
	if r.status != 200 || r.json(t)["mfa_enforcement_level"] != "REQUIRED" {
		t.Fatalf("PATCH domain: %d %s", r.status, r.body)
	}
	login := call(t, "POST", base+"/v2.0/tokens", passwordLogin(identity.DemoSMSUser, identity.DemoSMSPassword))
	if login.status != 401 {
		t.Fatalf("SMS user first step: %d", login.status)
	}
	r = call(t, "GET", base+"/_emulator/identity/users/demo-sms/sms", "")
	if want, _ := srv.Identity().LastSMSPasscode(identity.DemoSMSUser); r.status != 200 || r.json(t)["passcode"] != want {
		t.Errorf("GET sms: %d %s", r.status, r.body)
	}
	call(t, "POST", base+"/v2.0/tokens", apiKeyLogin(identity.DemoAdminUser, identity.DemoAdminAPIKey))
	r = call(t, "GET", base+"/_emulator/identity/tokens", "")
	var tokens []map[string]any
	if err := json.Unmarshal(r.body, &tokens); err != nil || len(tokens) != 1 || tokens[0]["user"] != "demo-admin" || tokens[0]["revoked"] != false {
		t.Errorf("GET tokens: %s", r.body)
	}
}

// TestMFAFlowThroughServer walks the login a provider makes for the demo
// admin, with the TOTP code taken from the emulator clock.
func TestMFAFlowThroughServer(t *testing.T) {
	srv, base := newTestServer(t)
	srv.Clock().Advance(90 * time.Minute)
	r := call(t, "POST", base+"/v2.0/tokens", passwordLogin(identity.DemoAdminUser, identity.DemoAdminPassword))
	m := regexp.MustCompile(`^OS-MF sessionId='([^']+)', factor='OTPPASSCODE'$`).FindStringSubmatch(r.header.Get("WWW-Authenticate"))
	if r.status != 401 || m == nil {
		t.Fatalf("challenge: %d %q", r.status, r.header.Get("WWW-Authenticate"))
	}
	code, err := identity.TOTP(identity.DemoAdminSecret, srv.Clock().Now())
	if err != nil {
		t.Fatal(err)
	}
	r = call(t, "POST", base+"/v2.0/tokens", `{"auth":{"RAX-AUTH:passcodeCredentials":{"passcode":"`+code+`"}}}`, "X-SessionId", m[1])
	if r.status != 200 {
		t.Fatalf("second step: %d %s", r.status, r.body)
	}
	if n := srv.CountsFor("identity", tokensRoute); n != 2 {
		t.Errorf("token requests = %d", n)
	}
}
