package acronis

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// bearerRE is the spec's pattern for the Authorization header (A.1.3).
var bearerRE = regexp.MustCompile(`^Bearer [0-9a-zA-Z\-\._~+/]*=*$`)

func TestTokenWithBasicAuth(t *testing.T) {
	e := newEnv(t, DemoFixture())
	r := e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials")
	tok := r.tokenBody(t)
	now := e.clock.Now()
	if tok.TokenType != "bearer" || tok.ExpiresIn != 7200 || tok.ExpiresOn != now.Add(2*time.Hour).Unix() {
		t.Errorf("token = %+v, want bearer, 7200 s, expiring at %d", tok, now.Add(2*time.Hour).Unix())
	}
	if !bearerRE.MatchString("Bearer "+tok.AccessToken) || tok.IDToken == "" || tok.IDToken == tok.AccessToken {
		t.Errorf("access token %q / id token %q", tok.AccessToken, tok.IDToken)
	}
	if r.header.Get("Cache-Control") != "no-store" || r.header.Get("Content-Type") != "application/json" {
		t.Errorf("headers = %v", r.header)
	}
	// JWT-shaped, with the client as subject.
	parts := strings.Split(tok.AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("access token has %d parts", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims map[string]any
	if err != nil || json.Unmarshal(payload, &claims) != nil || claims["sub"] != DemoClientID || claims["exp"] != float64(tok.ExpiresOn) {
		t.Errorf("claims = %s (%v)", payload, err)
	}
	st, ok := e.api.Token(tok.AccessToken)
	if !ok || st.Client != DemoClientID || !st.Issued.Equal(now) || !st.Expires.Equal(now.Add(2*time.Hour)) || st.Uses != 0 || st.Revoked {
		t.Errorf("token state = %+v", st)
	}
	// Every request gets a new token.
	if other := e.token(); other == tok.AccessToken {
		t.Error("two token requests got the same token")
	}
}

func TestTokenWithFormAuth(t *testing.T) {
	e := newEnv(t, DemoFixture())
	body := form("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", DemoClientSecret, "scope", "anything")
	tok := e.do("POST", "/api/2/idp/token", body, "Content-Type", formType+"; charset=utf-8").tokenBody(t)
	if r := e.get("/api/2/tenants/"+DemoPartnerTenantID, tok.AccessToken); r.status != 200 {
		t.Fatalf("form-auth token refused: %d %s", r.status, r.body)
	}
	// Wrong secret in the form.
	bad := form("grant_type", "client_credentials", "client_id", DemoClientID, "client_secret", "nope")
	r := e.do("POST", "/api/2/idp/token", bad, "Content-Type", formType)
	r.wantTokenError(t, 401, "invalid_client")
	if r.header.Get("WWW-Authenticate") != "" {
		t.Error("form authentication got a Basic challenge")
	}
}

func TestTokenBasicCredentialsFormEncoded(t *testing.T) {
	// RFC 6749 §2.3.1 form-encodes id and secret before Basic encoding, as
	// golang.org/x/oauth2 does; raw values must work too.
	fx := DemoFixture()
	fx.Clients[0].Secret = "s3cret+/=&?"
	e := newEnv(t, fx)
	e.requestToken(DemoClientID, url.QueryEscape(fx.Clients[0].Secret), "grant_type=client_credentials").tokenBody(t)
	e.requestToken(DemoClientID, fx.Clients[0].Secret, "grant_type=client_credentials").tokenBody(t)
	e.requestToken(DemoClientID, "s3cret /=&?", "grant_type=client_credentials").wantTokenError(t, 401, "invalid_client")
}

func TestTokenGrantTypeInQuery(t *testing.T) {
	e := newEnv(t, DemoFixture())
	auth := basic(DemoClientID, DemoClientSecret)
	// No body and no content type at all, as in the CyberApp docs.
	e.do("POST", "/api/2/idp/token?grant_type=client_credentials", "", "Authorization", auth).tokenBody(t)
	// A form body without grant_type.
	e.do("POST", "/api/2/idp/token?grant_type=client_credentials", "scope=x", "Authorization", auth, "Content-Type", formType).tokenBody(t)
	// The same value in both places is fine; different values are not.
	e.do("POST", "/api/2/idp/token?grant_type=client_credentials", "grant_type=client_credentials", "Authorization", auth, "Content-Type", formType).tokenBody(t)
	e.do("POST", "/api/2/idp/token?grant_type=password", "grant_type=client_credentials", "Authorization", auth, "Content-Type", formType).
		wantTokenError(t, 400, "invalid_request")
}

func TestTokenClientAuthenticationFailures(t *testing.T) {
	e := newEnv(t, DemoFixture())
	gt := "grant_type=client_credentials"
	cases := []struct {
		name      string
		header    []string
		body      string
		status    int
		code      string
		challenge bool
	}{
		{"wrong secret", []string{"Authorization", basic(DemoClientID, "wrong")}, gt, 401, "invalid_client", true},
		{"unknown client", []string{"Authorization", basic("99999999-9999-4999-8999-999999999999", DemoClientSecret)}, gt, 401, "invalid_client", true},
		{"empty secret", []string{"Authorization", basic(DemoClientID, "")}, gt, 401, "invalid_client", true},
		{"no credentials", nil, gt, 401, "invalid_client", false},
		{"id without secret", nil, gt + "&client_id=" + DemoClientID, 401, "invalid_client", false},
		{"not Basic", []string{"Authorization", "Bearer abc"}, gt, 401, "invalid_client", true},
		{"Basic and form secret", []string{"Authorization", basic(DemoClientID, DemoClientSecret)}, gt + "&client_id=" + DemoClientID + "&client_secret=" + DemoClientSecret, 400, "invalid_request", false},
		{"Basic and another client_id", []string{"Authorization", basic(DemoClientID, DemoClientSecret)}, gt + "&client_id=someone-else", 400, "invalid_request", false},
		// Client authentication comes before the grant type check.
		{"wrong secret and bad grant", []string{"Authorization", basic(DemoClientID, "wrong")}, "grant_type=bogus", 401, "invalid_client", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", "/api/2/idp/token", c.body, append([]string{"Content-Type", formType}, c.header...)...)
			r.wantTokenError(t, c.status, c.code)
			if got := r.header.Get("WWW-Authenticate") != ""; got != c.challenge {
				t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
			}
			if strings.Contains(string(r.body), DemoClientSecret) {
				t.Error("error body contains the secret")
			}
		})
	}
	// Basic with client_id naming the same client is tolerated.
	e.do("POST", "/api/2/idp/token", gt+"&client_id="+DemoClientID, "Content-Type", formType, "Authorization", basic(DemoClientID, DemoClientSecret)).tokenBody(t)
	if n := len(e.api.Tokens()); n != 1 {
		t.Errorf("%d tokens issued, want 1", n)
	}
}

func TestTokenDisabledClientOrTenant(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if _, err := e.api.UpdateClient(DemoClientID, ClientPatch{Status: ptr(ClientDisabled)}); err != nil {
		t.Fatal(err)
	}
	e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials").wantTokenError(t, 401, "access_denied")
	// A wrong secret is still invalid_client: a disabled client is not
	// revealed to someone without its secret.
	e.requestToken(DemoClientID, "wrong", "grant_type=client_credentials").wantTokenError(t, 401, "invalid_client")
	if _, err := e.api.UpdateClient(DemoClientID, ClientPatch{Status: ptr(ClientEnabled)}); err != nil {
		t.Fatal(err)
	}
	e.token()

	// A disabled ancestor of the client's tenant blocks it too.
	e.updateTenant(DemoRootTenantID, TenantPatch{Enabled: ptr(false)})
	e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials").wantTokenError(t, 401, "access_denied")
	e.updateTenant(DemoRootTenantID, TenantPatch{Enabled: ptr(true)})
	// A disabled tenant below the client's does not.
	e.updateTenant(DemoCustomerTenantID, TenantPatch{Enabled: ptr(false)})
	tok := e.token()
	if m := e.get("/api/2/tenants/"+DemoCustomerTenantID, tok).object(t); m["enabled"] != false {
		t.Errorf("disabled customer = %v", m)
	}
}

func TestTokenGrantTypes(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for grant, code := range map[string]string{
		"":                   "invalid_request",
		"password":           "invalid_request",
		"md5_password":       "invalid_request",
		"authorization_code": "invalid_request",
		"refresh_token":      "invalid_request",
		"urn:ietf:params:oauth:grant-type:device_code": "invalid_request",
		"urn:ietf:params:oauth:grant-type:jwt-bearer":  "invalid_request",
		"implicit":           "unsupported_grant_type",
		"CLIENT_CREDENTIALS": "unsupported_grant_type",
	} {
		body := ""
		if grant != "" {
			body = form("grant_type", grant)
		}
		t.Run(grant, func(t *testing.T) {
			e.requestToken(DemoClientID, DemoClientSecret, body).wantTokenError(t, 400, code)
		})
	}
	if n := len(e.api.Tokens()); n != 0 {
		t.Errorf("%d tokens issued", n)
	}
}

func TestTokenContentType(t *testing.T) {
	e := newEnv(t, DemoFixture())
	auth := basic(DemoClientID, DemoClientSecret)
	for name, h := range map[string][]string{
		"json":           {"Content-Type", "application/json"},
		"text":           {"Content-Type", "text/plain"},
		"garbage":        {"Content-Type", "form;;;"},
		"missing w/body": {},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.do("POST", "/api/2/idp/token", "grant_type=client_credentials", append([]string{"Authorization", auth}, h...)...)
			r.wantTokenError(t, http.StatusUnsupportedMediaType, "invalid_request")
		})
	}
	e.do("POST", "/api/2/idp/token", "grant_type=%zz", "Authorization", auth, "Content-Type", formType).wantTokenError(t, 400, "invalid_request")
	e.do("POST", "/api/2/idp/token?grant_type=client_credentials", `{"grant_type":"client_credentials"}`, "Authorization", auth, "Content-Type", "application/json").
		wantTokenError(t, 415, "invalid_request")
}

func TestTokenLifetimeSetting(t *testing.T) {
	e := newEnv(t, DemoFixture())
	old := e.token()
	if _, err := e.api.UpdateSettings(SettingsPatch{TokenLifetime: ptr("30m")}); err != nil {
		t.Fatal(err)
	}
	tok := e.requestToken(DemoClientID, DemoClientSecret, "grant_type=client_credentials").tokenBody(t)
	if tok.ExpiresIn != 1800 || tok.ExpiresOn != e.clock.Now().Add(30*time.Minute).Unix() {
		t.Errorf("token = %+v, want 30 minutes", tok)
	}
	// Tokens issued before keep their lifetime.
	e.clock.Advance(30 * time.Minute)
	if r := e.get("/api/2/tenants/"+DemoPartnerTenantID, old); r.status != 200 {
		t.Errorf("old token after 30m: %d", r.status)
	}
	e.get("/api/2/tenants/"+DemoPartnerTenantID, tok.AccessToken).wantError(t, 401, 401, "")
}
