package acronis

import (
	"net/url"
	"sync"
	"testing"
	"time"
)

func TestTokenExpiresAfterTwoHours(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	path := "/api/2/tenants/" + DemoCustomerTenantID + "/mfa/status"
	e.clock.Advance(2*time.Hour - time.Millisecond)
	if r := e.get(path, tok); r.status != 200 {
		t.Fatalf("just before expiry: %d %s", r.status, r.body)
	}
	e.clock.Advance(time.Millisecond)
	r := e.get(path, tok)
	r.wantError(t, 401, 401, "")
	if r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	// A new token works.
	if r := e.get(path, e.token()); r.status != 200 {
		t.Fatalf("fresh token: %d", r.status)
	}
}

func TestTokenMaxUses(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	e.get("/api/2/tenants/"+DemoPartnerTenantID, tok)
	if _, err := e.api.UpdateSettings(SettingsPatch{TokenMaxUses: ptr(3)}); err != nil {
		t.Fatal(err)
	}
	// The limit applies at once and counts every accepted request, whatever
	// its answer: the earlier request was the first use.
	if r := e.getStatus(DemoOtherCustomerTenantID, tok); r.status != 403 {
		t.Fatalf("second use: %d", r.status)
	}
	if r := e.putStatus(DemoCustomerTenantID, tok, `{"enabled":true}`); r.status != 200 {
		t.Fatalf("third use: %d", r.status)
	}
	e.getStatus(DemoCustomerTenantID, tok).wantError(t, 401, 401, "")
	if st, _ := e.api.Token(tok); st.Uses != 3 || !st.Revoked {
		t.Errorf("token state = %+v", st)
	}
	// Raising the limit does not bring the token back.
	if _, err := e.api.UpdateSettings(SettingsPatch{TokenMaxUses: ptr(0)}); err != nil {
		t.Fatal(err)
	}
	e.getStatus(DemoCustomerTenantID, tok).wantError(t, 401, 401, "")
	// A new token gets its own budget.
	if _, err := e.api.UpdateSettings(SettingsPatch{TokenMaxUses: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	fresh := e.token()
	if r := e.getStatus(DemoCustomerTenantID, fresh); r.status != 200 {
		t.Fatalf("fresh token: %d", r.status)
	}
	e.getStatus(DemoCustomerTenantID, fresh).wantError(t, 401, 401, "")
	// Refused requests are not uses.
	if st, _ := e.api.Token(fresh); st.Uses != 1 {
		t.Errorf("uses = %d", st.Uses)
	}
}

func TestExpireTokens(t *testing.T) {
	e := newEnv(t, DemoFixture())
	a, b := e.token(), e.token()
	r := e.do("POST", "/_emulator/acronis/tokens/expire", "")
	if r.status != 200 || r.object(t)["expired"] != 2.0 {
		t.Fatalf("expire: %d %s", r.status, r.body)
	}
	for _, tok := range []string{a, b} {
		e.getStatus(DemoCustomerTenantID, tok).wantError(t, 401, 401, "")
		if st, _ := e.api.Token(tok); !st.Expires.Equal(e.clock.Now()) || st.Revoked {
			t.Errorf("token state = %+v", st)
		}
	}
	if n := e.api.ExpireTokens(); n != 0 {
		t.Errorf("second expire = %d", n)
	}
	if r := e.getStatus(DemoCustomerTenantID, e.token()); r.status != 200 {
		t.Fatalf("token issued after the expiry: %d", r.status)
	}
}

func TestBearerHeaderAndQueryToken(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	path := "/api/2/tenants/" + DemoCustomerTenantID + "/mfa/status"
	if r := e.do("GET", path, "", "Authorization", "bearer "+tok); r.status != 200 {
		t.Errorf("lower-case scheme: %d %s", r.status, r.body)
	}
	if r := e.do("GET", path+"?access_token="+url.QueryEscape(tok), ""); r.status != 200 {
		t.Errorf("query token: %d %s", r.status, r.body)
	}
	if r := e.do("PUT", "/api/2/tenants/"+DemoCustomerTenantID+"/mfa/status?access_token="+url.QueryEscape(tok), `{"enabled":true}`,
		"Content-Type", "application/json"); r.status != 200 {
		t.Errorf("query token on PUT: %d %s", r.status, r.body)
	}
	// Both at once is a 400, even when both carry the same valid token.
	e.do("GET", path+"?access_token="+url.QueryEscape(tok), "", "Authorization", "Bearer "+tok).wantError(t, 400, 400, "")

	for name, header := range map[string][]string{
		"none":          nil,
		"empty query":   nil,
		"empty bearer":  {"Authorization", "Bearer "},
		"basic scheme":  {"Authorization", basic(DemoClientID, DemoClientSecret)},
		"unknown token": {"Authorization", "Bearer not-a-token"},
		"scheme only":   {"Authorization", "Bearer"},
	} {
		t.Run(name, func(t *testing.T) {
			p := path
			if name == "empty query" {
				p += "?access_token="
			}
			e.do("GET", p, "", header...).wantError(t, 401, 401, "")
		})
	}
	if st, _ := e.api.Token(tok); st.Uses != 3 {
		t.Errorf("uses = %d, want 3 (the refused requests do not count)", st.Uses)
	}
}

func TestTokenOfDisabledClientStopsWorking(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	if _, err := e.api.UpdateClient(DemoClientID, ClientPatch{Status: ptr(ClientDisabled)}); err != nil {
		t.Fatal(err)
	}
	e.getStatus(DemoCustomerTenantID, tok).wantError(t, 401, 401, "")
	if _, err := e.api.UpdateClient(DemoClientID, ClientPatch{Status: ptr(ClientEnabled), Secret: ptr("rotated")}); err != nil {
		t.Fatal(err)
	}
	// A new secret leaves issued tokens alone and replaces the old one.
	if r := e.getStatus(DemoCustomerTenantID, tok); r.status != 200 {
		t.Errorf("after re-enabling: %d", r.status)
	}
	e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials").wantTokenError(t, 401, "invalid_client")
	e.tokenFor(DemoClientID, "rotated")
}

// TestConcurrentRequests runs token requests, reads and writes in parallel
// for the race detector.
func TestConcurrentRequests(t *testing.T) {
	e := newEnv(t, DemoFixture())
	var wg sync.WaitGroup
	for i := range 8 {
		// Fetched here: a helper that fails must run on the test goroutine.
		tok := e.token()
		wg.Go(func() {
			for j := range 5 {
				e.getStatus(DemoUnitTenantID, tok)
				e.putStatus(DemoCustomerTenantID, tok, `{"enabled":`+[]string{"true", "false"}[(i+j)%2]+`}`)
				e.api.Tenants()
				e.api.Tokens()
			}
		})
	}
	wg.Wait()
	if n := len(e.api.Tokens()); n != 8 {
		t.Errorf("%d tokens", n)
	}
}
