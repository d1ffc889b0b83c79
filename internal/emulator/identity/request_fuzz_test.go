package identity

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

// Placeholders a fuzz input may hold, replaced before the request is sent
// with values a fuzzer could never guess, so that inputs reach the checks
// behind a live session, a valid passcode or a valid token.
const (
	phSession = "$SESSION" // in the X-SessionId value: a live MFA session of DemoAdminUser
	phOTP     = "$OTP"     // in the body: DemoAdminUser's current TOTP code
	phToken   = "$TOKEN"   // in the body: a valid token of DemoUser
)

// fuzzFaultKeys are the fault keys Identity documents for each status POST
// /v2.0/tokens may answer with (§1.2-§1.4, §4). 200 is the access body.
var fuzzFaultKeys = map[int][]string{
	http.StatusBadRequest:   {keyBadRequest},
	http.StatusUnauthorized: {keyUnauthorized},
	http.StatusForbidden:    {keyForbidden, keyUserDisabled},
}

// FuzzTokenRequestBody sends arbitrary bodies, and X-SessionId values, to
// POST /v2.0/tokens through the API's own handlers. Whatever the input,
// the answer must be a documented status (200, 400, 401 or 403, never a
// 500 and never a panic), a 200 must carry an access body with a token and
// anything else Identity's single-key JSON fault body; a body that is not
// JSON at all must get the 400 for invalid JSON, and only the MFA
// challenge may carry WWW-Authenticate. The session value is split on
// newlines into one header line each, so repeated headers are fuzzed too;
// an empty value sends none.
func FuzzTokenRequestBody(f *testing.F) {
	for _, s := range []struct{ body, session string }{
		{passwordBody(DemoUser, DemoUserPassword), ""},
		{passwordBody(DemoAdminUser, DemoAdminPassword), ""},
		{passwordBody(DemoAdminUser, DemoAdminPassword, `,"RAX-AUTH:scope":"SETUP-MFA"`), ""},
		{passwordBody(DemoNoMFAUser, DemoNoMFAPassword, `,"RAX-AUTH:scope":"SETUP-MFA"`), ""},
		{passwordBody(DemoUser, DemoUserPassword, `,"tenantId":"123456"`), ""},
		{passwordBody(DemoUser, DemoUserPassword, `,"tenantName":"654321"`), ""},
		{passwordBody(DemoUser, DemoUserPassword, `,"tenantId":"123456","tenantName":"123456"`), ""},
		{passwordBody(DemoUser, "wrong"), ""},
		{passwordBody(DemoDisabledUser, DemoDisabledPassword), ""},
		{passwordBody("demo user", "x"), ""},
		{passwordBody("", "x"), ""},
		{passwordBody(DemoUser, " "), ""},
		{apiKeyBody(DemoUser, DemoUserAPIKey), ""},
		{apiKeyBody(DemoUser, DemoUserAPIKey, `,"RAX-AUTH:domainId":"123456"`), ""},
		{apiKeyBody(DemoUser, ""), ""},
		{passcodeBody(phOTP), phSession},
		{passcodeBody(phOTP, `,"tenantName":"123456"`), phSession},
		{passcodeBody("000000"), phSession},
		{passcodeBody(phOTP), phSession + "\n" + phSession},
		{passcodeBody(phOTP), " "},
		{passcodeBody(phOTP), "not-a-session"},
		{passcodeBody(""), phSession},
		{passcodeBody(phOTP, `,"RAX-AUTH:scope":"SETUP-MFA"`), phSession},
		{`{"auth":{"token":{"id":"` + phToken + `"},"tenantId":"123456"}}`, ""},
		{`{"auth":{"token":{"id":"` + phToken + `"},"tenantId":"654321"}}`, ""},
		{`{"auth":{"token":{"id":"nope"}}}`, ""},
		{`{"auth":{"RAX-AUTH:otherCredentials":{"x":1}}}`, ""},
		{`{"auth":{"passwordCredentials":{"username":"a","password":"b"},"token":{"id":"c"}}}`, ""},
		{`{"auth":{"passwordCredentials":"x"}}`, ""},
		{`{"auth":{"passwordCredentials":{"username":1,"password":2}}}`, ""},
		{`{"auth":{"tenantId":5,"passwordCredentials":{"username":"a","password":"b"}}}`, ""},
		{`{"auth":{}}`, ""},
		{`{"auth":null}`, ""},
		{`{"auth":[]}`, ""},
		{`{"other":{}}`, ""},
		{`{"auth":{"passwordCredentials":{"username":"a","password":"b"}},"auth":{}}`, ""},
		{`[]`, ""},
		{`null`, ""},
		{``, ""},
		{`{"auth":{"passwordCredentials":{"username":"\ud800","password":"\u0000"}}}`, ""},
		{"{\"auth\":{\"passwordCredentials\":{\"username\":\"\xff\",\"password\":\"x\"}}}", ""},
		{`{"auth":{"passwordCredentials":{"username":"a","password":"b"}}} trailing`, ""},
	} {
		f.Add(s.body, s.session)
	}

	clock := emutest.NewClock()
	api, err := New(DemoFixture(), clock.Now)
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	for pattern, h := range api.Routes() {
		mux.Handle(pattern, h)
	}

	f.Fuzz(func(t *testing.T, body, session string) {
		// Every input starts from the fixture, so that a failure replays
		// alone: no lockout or token left by the inputs before it.
		api.Reset()
		body, session = fillPlaceholders(t, mux, clock, body, session)

		rec := fuzzPostTokens(mux, body, session)
		status := rec.Code
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("status %d with Content-Type %q, want application/json; body %q", status, ct, rec.Body)
		}
		message := ""
		switch keys, documented := fuzzFaultKeys[status]; {
		case status == http.StatusOK:
			var a struct {
				Access struct {
					Token struct {
						ID string `json:"id"`
					} `json:"token"`
				} `json:"access"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || a.Access.Token.ID == "" {
				t.Fatalf("200 without an access token: %v; body %q", err, rec.Body)
			}
		case !documented:
			t.Fatalf("status %d is not one POST /v2.0/tokens documents; body %q", status, rec.Body)
		default:
			message = fuzzWantFault(t, status, keys, rec.Body.Bytes())
		}

		if !json.Valid([]byte(body)) && (status != http.StatusBadRequest || message != msgInvalidJSON) {
			t.Fatalf("a body that is not JSON got %d %q, want 400 %q", status, message, msgInvalidJSON)
		}
		challenge := rec.Header().Values("WWW-Authenticate")
		if message == msgAdditionalCreds {
			if len(challenge) != 1 || !challengeRE.MatchString(challenge[0]) {
				t.Fatalf("MFA challenge with WWW-Authenticate %q", challenge)
			}
		} else if len(challenge) != 0 {
			t.Fatalf("status %d %q carries WWW-Authenticate %q", status, message, challenge)
		}
	})
}

// fillPlaceholders replaces the placeholders with live values got from
// the API itself.
func fillPlaceholders(t *testing.T, mux http.Handler, clock *emutest.Clock, body, session string) (string, string) {
	t.Helper()
	if strings.Contains(session, phSession) {
		rec := fuzzPostTokens(mux, passwordBody(DemoAdminUser, DemoAdminPassword), "")
		m := challengeRE.FindStringSubmatch(rec.Header().Get("WWW-Authenticate"))
		if m == nil {
			t.Fatalf("no MFA challenge for %s: %d %q", DemoAdminUser, rec.Code, rec.Body)
		}
		session = strings.ReplaceAll(session, phSession, m[1])
	}
	if strings.Contains(body, phOTP) {
		code, err := TOTP(DemoAdminSecret, clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		body = strings.ReplaceAll(body, phOTP, code)
	}
	if strings.Contains(body, phToken) {
		rec := fuzzPostTokens(mux, apiKeyBody(DemoUser, DemoUserAPIKey), "")
		var a struct {
			Access struct {
				Token struct {
					ID string `json:"id"`
				} `json:"token"`
			} `json:"access"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || a.Access.Token.ID == "" {
			t.Fatalf("no token for %s: %d %q", DemoUser, rec.Code, rec.Body)
		}
		body = strings.ReplaceAll(body, phToken, a.Access.Token.ID)
	}
	return body, session
}

// fuzzPostTokens answers POST /v2.0/tokens in process; session is split on
// newlines into X-SessionId lines, none when empty.
func fuzzPostTokens(h http.Handler, body, session string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/v2.0/tokens", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if session != "" {
		for _, v := range strings.Split(session, "\n") {
			req.Header.Add("X-SessionId", v)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// fuzzWantFault checks Identity's fault body, {"<key>": {"code": status,
// "message": "..."}}, with one of keys, and returns the message.
func fuzzWantFault(t *testing.T, status int, keys []string, body []byte) string {
	t.Helper()
	var fault map[string]struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &fault); err != nil || len(fault) != 1 {
		t.Fatalf("status %d: body %q is not a single-key fault (%v)", status, body, err)
	}
	for key, f := range fault {
		found := false
		for _, k := range keys {
			found = found || k == key
		}
		if !found || f.Code != status || f.Message == "" {
			t.Fatalf("status %d: fault %q {code %d, message %q}; want a key in %q, code %d and a message",
				status, key, f.Code, f.Message, keys, status)
		}
		return f.Message
	}
	return ""
}
