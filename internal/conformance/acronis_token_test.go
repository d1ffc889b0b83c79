package conformance

import (
	"net/http"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	acronisemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

const acDomain = "PlatformAccountServer"

// customerStatus is the demo customer's status as the fixture has it: MFA
// off, 5 users of whom 2 use TOTP, and the demo client may change it.
var customerStatus = acronis.MFAStatus{Status: "disabled", UsersCount: 5, UsersWithTOTPEnabledCount: 2, UpdateAllowed: true}

// TestAcronisOneTokenForManyCalls: every call of one Client, whatever the
// route, rides on the one client-credentials token.
func TestAcronisOneTokenForManyCalls(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	for range 3 {
		wantMFA(t, "status", readMFA(t, c, acCustomerID), customerStatus)
	}
	if _, err := c.GetTenant(t.Context(), acCustomerID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, false); err != nil {
		t.Fatal(err)
	}
	e.wantTokenRequests(c, map[int]int{200: 1}, 1)
	e.wantCounts(acGetMFARoute, map[int]int{200: 3})
	e.wantCounts(acGetTenantRoute, map[int]int{200: 1})
	e.wantCounts(acPutMFARoute, map[int]int{200: 1})
	tok := e.tokens(1)[0]
	if tok.Client != acClientID || tok.Uses != 5 || tok.Revoked {
		t.Errorf("emulator token: client %s, %d uses, revoked %v; want %s, 5, false", tok.Client, tok.Uses, tok.Revoked, acClientID)
	}
	if life := tok.Expires.Sub(tok.Issued); life != acronisTokenLifetime {
		t.Errorf("emulator token lives %v, want %v", life, acronisTokenLifetime)
	}
}

// TestAcronisConcurrentCallersShareOneToken: 50 callers released at once
// on a fresh Client cause exactly one token request between them.
func TestAcronisConcurrentCallersShareOneToken(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	errs := together(callers, func() error {
		_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
		return err
	})
	for i, err := range errs {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	e.wantTokenRequests(c, map[int]int{200: 1}, 1)
	e.wantCounts(acGetMFARoute, map[int]int{200: callers})
	if tok := e.tokens(1)[0]; tok.Uses != callers {
		t.Errorf("the one token served %d requests, want %d", tok.Uses, callers)
	}
}

// TestAcronisEndpointForms: the data center URL works with and without
// the /api/2 suffix, since vendor pages show both (A.0).
func TestAcronisEndpointForms(t *testing.T) {
	for _, suffix := range []string{"", "/", "/api/2", "/api/2/"} {
		t.Run("root"+suffix, func(t *testing.T) {
			e := newAcronisEnv(t)
			c := e.client(func(cfg *acronis.Config) { cfg.Endpoint = e.url + suffix })
			wantMFA(t, "status", readMFA(t, c, acCustomerID), customerStatus)
			e.wantTokenRequests(c, map[int]int{200: 1}, 1)
			e.wantCounts(acGetMFARoute, map[int]int{200: 1})
		})
	}
}

// TestAcronisSecretWithReservedCharacters: the oauth2 library form-encodes
// the ID and secret before Basic encoding them (RFC 6749 §2.3.1); the
// server must decode them, or a secret with such characters never works.
func TestAcronisSecretWithReservedCharacters(t *testing.T) {
	e := newAcronisEnv(t)
	secret := "a+b c:d/e%f&g=h"
	if _, err := e.emu().UpdateClient(acClientID, acronisemu.ClientPatch{Secret: &secret}); err != nil {
		t.Fatal(err)
	}
	c := e.client(func(cfg *acronis.Config) { cfg.ClientSecret = secret })
	wantMFA(t, "status", readMFA(t, c, acCustomerID), customerStatus)
	e.wantTokenRequests(c, map[int]int{200: 1}, 1)

	// The old secret no longer works.
	_, err := e.client().GetTenantMFAStatus(t.Context(), acCustomerID)
	acWantKind(t, err, acronis.KindInvalidClient)
	e.wantCounts(acTokenRoute, map[int]int{200: 1, 401: 1})
}

// TestAcronisWrongCredentials: the token endpoint's invalid_client becomes
// KindInvalidClient, and it is remembered: neither a second call nor 50
// concurrent ones ask again, since repeating a wrong secret cannot help.
func TestAcronisWrongCredentials(t *testing.T) {
	tests := []struct {
		name, id, secret string
	}{
		{"wrong secret", acClientID, "not-the-demo-secret"},
		{"unknown client", "99999999-9999-4999-8999-999999999999", acClientSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newAcronisEnv(t)
			c := e.client(func(cfg *acronis.Config) { cfg.ClientID, cfg.ClientSecret = tt.id, tt.secret })
			_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
			re := acErrOf(t, err, acronis.KindInvalidClient)
			wantWire(t, re, acWire{
				Op: "request token", Status: 401, Code: "invalid_client",
				Message: "Client authentication failed: unknown client or wrong secret.",
			})
			e.noSecrets(err)
			noSecrets(t, err, tt.secret)

			_, err = c.GetTenant(t.Context(), acCustomerID)
			acWantKind(t, err, acronis.KindInvalidClient)
			for i, err := range together(callers, func() error {
				_, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, true)
				return err
			}) {
				if re := acErrOf(t, err, acronis.KindInvalidClient); re.Status != 401 {
					t.Fatalf("caller %d: %v", i, err)
				}
			}
			e.wantTokenRequests(c, map[int]int{401: 1}, 1)
			e.wantCounts(acGetMFARoute, map[int]int{})
			e.wantCounts(acPutMFARoute, map[int]int{})
			e.tokens(0)
		})
	}
}

// TestAcronisDisabledClient: a disabled API client is refused a token with
// access_denied (KindAccessDenied), remembered like a wrong secret; once it
// is enabled again a new Client gets a token, so it was the status that
// mattered.
func TestAcronisDisabledClient(t *testing.T) {
	e := newAcronisEnv(t)
	setClientStatus(t, e, acronisemu.ClientDisabled)
	c := e.client()
	_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
	re := acErrOf(t, err, acronis.KindAccessDenied)
	wantWire(t, re, acWire{Op: "request token", Status: 401, Code: "access_denied", Message: "The API client is disabled."})
	_, err = c.GetTenantMFAStatus(t.Context(), acCustomerID)
	acWantKind(t, err, acronis.KindAccessDenied)
	e.wantTokenRequests(c, map[int]int{401: 1}, 1)
	e.wantCounts(acGetMFARoute, map[int]int{})

	setClientStatus(t, e, acronisemu.ClientEnabled)
	// The first Client keeps its answer: only a new one asks again.
	_, err = c.GetTenantMFAStatus(t.Context(), acCustomerID)
	acWantKind(t, err, acronis.KindAccessDenied)
	fresh := e.client()
	wantMFA(t, "new client", readMFA(t, fresh, acCustomerID), customerStatus)
	e.wantCounts(acTokenRoute, map[int]int{401: 1, 200: 1})
}

// TestAcronisClientDisabledWhileTokenHeld: disabling the client makes the
// API refuse its token; the client's one replacement attempt then meets
// access_denied, which is the error the caller sees.
func TestAcronisClientDisabledWhileTokenHeld(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	readMFA(t, c, acCustomerID)
	setClientStatus(t, e, acronisemu.ClientDisabled)
	_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
	re := acErrOf(t, err, acronis.KindAccessDenied)
	wantWire(t, re, acWire{Op: "request token", Status: 401, Code: "access_denied", Message: "The API client is disabled."})
	e.wantTokenRequests(c, map[int]int{200: 1, 401: 1}, 2)
	e.wantCounts(acGetMFARoute, map[int]int{200: 1, 401: 1})
}

func setClientStatus(t *testing.T, e *acEnv, status string) {
	t.Helper()
	if _, err := e.emu().UpdateClient(acClientID, acronisemu.ClientPatch{Status: &status}); err != nil {
		t.Fatal(err)
	}
}

// TestAcronisTokenRefreshedBeforeExpiry: a client on the emulator's clock
// keeps its token until the expiry margin (5 minutes before the 2 hours
// are up) and then fetches a new one before calling, so the API never
// sees an expired token. The shorter lifetimes, set on the emulator, show
// that the client goes by the expires_in it is sent rather than by the 2
// hours it might assume, and that for a token of under 10 minutes the
// margin shrinks to half the lifetime.
func TestAcronisTokenRefreshedBeforeExpiry(t *testing.T) {
	tests := []struct {
		name     string
		lifetime time.Duration
		advance  time.Duration
		refetch  bool
	}{
		{"2h: a minute before the margin", acronisTokenLifetime, acronisTokenLifetime - acronisMargin - time.Minute, false},
		{"2h: a minute into the margin", acronisTokenLifetime, acronisTokenLifetime - acronisMargin + time.Minute, true},
		{"2h: past the expiry", acronisTokenLifetime, acronisTokenLifetime + time.Minute, true},
		{"10m: a minute before the margin", 10 * time.Minute, 4 * time.Minute, false},
		{"10m: a minute into the margin", 10 * time.Minute, 6 * time.Minute, true},
		{"3m: before half the lifetime", 3 * time.Minute, 80 * time.Second, false},
		{"3m: past half the lifetime", 3 * time.Minute, 100 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newAcronisEnv(t)
			if tt.lifetime != acronisTokenLifetime {
				lifetime := tt.lifetime.String()
				if _, err := e.emu().UpdateSettings(acronisemu.SettingsPatch{TokenLifetime: &lifetime}); err != nil {
					t.Fatal(err)
				}
			}
			c := e.client()
			readMFA(t, c, acCustomerID)
			e.srv.Clock().Advance(tt.advance)
			wantMFA(t, "after "+tt.advance.String(), readMFA(t, c, acCustomerID), customerStatus)
			// No 401 in either case: the client never offers an expired token.
			e.wantCounts(acGetMFARoute, map[int]int{200: 2})
			if !tt.refetch {
				e.wantTokenRequests(c, map[int]int{200: 1}, 1)
				if tok := e.tokens(1)[0]; tok.Uses != 2 {
					t.Errorf("the token served %d requests, want 2", tok.Uses)
				}
				return
			}
			e.wantTokenRequests(c, map[int]int{200: 2}, 2)
			toks := e.tokens(2)
			if toks[0].Uses != 1 || toks[1].Uses != 1 {
				t.Errorf("token uses %d and %d, want 1 and 1", toks[0].Uses, toks[1].Uses)
			}
			// The new token was issued at the moment of the second call,
			// on the emulator clock.
			if got := toks[1].Issued.Sub(toks[0].Issued); got < tt.advance || got > tt.advance+10*time.Second {
				t.Errorf("second token issued %v after the first, want about %v", got, tt.advance)
			}
		})
	}
}

// TestAcronisConcurrentRefresh: 50 callers arriving once the token is
// within the margin share one refresh.
func TestAcronisConcurrentRefresh(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	readMFA(t, c, acCustomerID)
	e.srv.Clock().Advance(acronisTokenLifetime - acronisMargin + time.Minute)
	for i, err := range together(callers, func() error {
		_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
		return err
	}) {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	e.wantTokenRequests(c, map[int]int{200: 2}, 2)
	e.wantCounts(acGetMFARoute, map[int]int{200: 1 + callers})
	if toks := e.tokens(2); toks[0].Uses != 1 || toks[1].Uses != callers {
		t.Errorf("token uses %d and %d, want 1 and %d", toks[0].Uses, toks[1].Uses, callers)
	}
}

// TestAcronisEarlyRefreshFailureKeepsToken: when the refresh inside the
// margin meets a token endpoint that is down, the call goes ahead on the
// current token, which the server still accepts; the next call tries the
// refresh again.
func TestAcronisEarlyRefreshFailureKeepsToken(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client(func(cfg *acronis.Config) { cfg.RetryMax = 1 })
	readMFA(t, c, acCustomerID)
	e.srv.Clock().Advance(acronisTokenLifetime - acronisMargin + time.Minute)
	e.addFault(acTokenRoute, emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable})
	wantMFA(t, "during the outage", readMFA(t, c, acCustomerID), customerStatus)
	e.wantTokenRequests(c, map[int]int{200: 1, 503: 2}, 2)
	if tok := e.tokens(1)[0]; tok.Uses != 2 {
		t.Errorf("the old token served %d requests, want 2", tok.Uses)
	}

	e.srv.ClearFaults()
	wantMFA(t, "after the outage", readMFA(t, c, acCustomerID), customerStatus)
	e.wantTokenRequests(c, map[int]int{200: 2, 503: 2}, 3)
	e.wantCounts(acGetMFARoute, map[int]int{200: 3})
}

// TestAcronisTokenExpiredOnServerClock: a client on real time does not see
// the emulator's clock move, so it learns of the expiry from the API's 401,
// replaces the token once and repeats the call.
func TestAcronisTokenExpiredOnServerClock(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client(func(cfg *acronis.Config) { cfg.Now = time.Now })
	readMFA(t, c, acCustomerID)
	e.srv.Clock().Advance(acronisTokenLifetime + time.Minute)
	wantMFA(t, "after expiry", readMFA(t, c, acCustomerID), customerStatus)
	e.wantTokenRequests(c, map[int]int{200: 2}, 2)
	e.wantCounts(acGetMFARoute, map[int]int{200: 2, 401: 1})
}

// TestAcronisTokenRejectedEarly: when the server stops accepting a token
// before its expiry, the client replaces it once and the call succeeds.
func TestAcronisTokenRejectedEarly(t *testing.T) {
	t.Run("ExpireTokens", func(t *testing.T) {
		e := newAcronisEnv(t)
		c := e.client()
		readMFA(t, c, acCustomerID)
		if n := e.emu().ExpireTokens(); n != 1 {
			t.Fatalf("ExpireTokens expired %d tokens, want 1", n)
		}
		wantMFA(t, "after ExpireTokens", readMFA(t, c, acCustomerID), customerStatus)
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acGetMFARoute, map[int]int{200: 2, 401: 1})
		toks := e.tokens(2)
		if toks[0].Uses != 1 || toks[1].Uses != 1 {
			t.Errorf("token uses %d and %d, want 1 and 1", toks[0].Uses, toks[1].Uses)
		}
	})
	t.Run("token_max_uses=3", func(t *testing.T) {
		e := newAcronisEnv(t)
		maxUses := 3
		if _, err := e.emu().UpdateSettings(acronisemu.SettingsPatch{TokenMaxUses: &maxUses}); err != nil {
			t.Fatal(err)
		}
		c := e.client()
		// Four calls: the fourth is refused, then repeated on a new token.
		for i := range 4 {
			wantMFA(t, "call", readMFA(t, c, acCustomerID), customerStatus)
			if i == 2 {
				e.wantTokenRequests(c, map[int]int{200: 1}, 1)
			}
		}
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acGetMFARoute, map[int]int{200: 4, 401: 1})
		toks := e.tokens(2)
		if toks[0].Uses != 3 || !toks[0].Revoked || toks[1].Uses != 1 || toks[1].Revoked {
			t.Errorf("tokens %+v, %+v: want 3 uses revoked, then 1 use live", toks[0], toks[1])
		}
	})
	t.Run("injected 401 once on GET", func(t *testing.T) {
		e := newAcronisEnv(t)
		e.addFault(acGetMFARoute, emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusUnauthorized, Count: 1})
		c := e.client()
		wantMFA(t, "status", readMFA(t, c, acCustomerID), customerStatus)
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acGetMFARoute, map[int]int{200: 1, 401: 1})
	})
	t.Run("injected 401 once on PUT", func(t *testing.T) {
		// The repeat after the replacement carries the body again.
		e := newAcronisEnv(t)
		e.addFault(acPutMFARoute, emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusUnauthorized, Count: 1})
		c := e.client()
		st, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, true)
		if err != nil || st.Status != "enabled" {
			t.Fatalf("SetTenantMFAStatus: %+v, %v", st, err)
		}
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acPutMFARoute, map[int]int{200: 1, 401: 1})
		if !e.tenant(acCustomerID).MFAEnabled {
			t.Error("emulator: MFA not enabled")
		}
	})
}

// TestAcronisConcurrentCallersShareOneReplacement: 50 callers holding a
// token the server has just expired get one replacement between them. How
// many of them meet the 401 depends on timing (at least the first does);
// the number of token requests does not.
func TestAcronisConcurrentCallersShareOneReplacement(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	readMFA(t, c, acCustomerID)
	e.emu().ExpireTokens()
	for i, err := range together(callers, func() error {
		_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
		return err
	}) {
		if err != nil {
			t.Fatalf("caller %d: %v", i, err)
		}
	}
	e.wantTokenRequests(c, map[int]int{200: 2}, 2)
	got := e.counts(acGetMFARoute)
	t.Logf("status reads: %v", got)
	if got[200] != 1+callers || got[401] < 1 || got[401] > callers || len(got) != 2 {
		t.Errorf("status reads %v, want %d answered 200 and 1 to %d answered 401", got, 1+callers, callers)
	}
}

// TestAcronisTokenRejectedTwice: a refusal of the replacement token too
// ends the call with KindUnauthorized after exactly one replacement, not a
// loop of token requests.
func TestAcronisTokenRejectedTwice(t *testing.T) {
	t.Run("every token expired before use", func(t *testing.T) {
		e := newAcronisEnv(t)
		// The hook ages every token out just before each API request
		// reaches the server, so even the replacement arrives expired.
		hc := hookedHTTPClient(t, func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
			if r.URL.Path != "/api/2/idp/token" {
				e.emu().ExpireTokens()
			}
			return next.RoundTrip(r)
		})
		c := e.client(func(cfg *acronis.Config) { cfg.HTTPClient = hc })
		_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
		re := acErrOf(t, err, acronis.KindUnauthorized)
		wantWire(t, re, acWire{
			Op: "get tenant MFA status", Status: 401, Code: "401", Domain: acDomain,
			Message: "Authorization is required: the access token is missing, invalid or expired.",
			Info:    "The access token has expired.",
		})
		e.noSecrets(err)
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acGetMFARoute, map[int]int{401: 2})
	})
	t.Run("injected 401 twice", func(t *testing.T) {
		e := newAcronisEnv(t)
		e.addFault(acPutMFARoute, emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusUnauthorized, Count: 2})
		c := e.client()
		_, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, true)
		re := acErrOf(t, err, acronis.KindUnauthorized)
		wantWire(t, re, acWire{
			Op: "set tenant MFA status", Status: 401, Code: "401", Domain: acDomain,
			Message: "Unauthorized.", Info: "Unauthorized.",
		})
		e.wantTokenRequests(c, map[int]int{200: 2}, 2)
		e.wantCounts(acPutMFARoute, map[int]int{401: 2})
		if ts := e.tenant(acCustomerID); ts.MFAEnabled {
			t.Error("emulator: MFA enabled although every PUT was refused")
		}
	})
}
