package cloudsso

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// TestNothingSecretInErrorsOrLogs drives clients with STS and plain
// credentials through successes, retries, every path an error can take (an
// API error body, a non-JSON body, an odd success body, reset connections,
// a canceled context) against a server that echoes the credentials it gets
// and more, then looks for the access key secrets and the security token in
// all errors and log lines.
func TestNothingSecretInErrorsOrLogs(t *testing.T) {
	log := &httpxtest.RecordingLogger{}
	s := newStub(t)
	// echo is what a careless server or proxy might say back: the signed
	// headers and, though no real server knows it, the secret of the
	// client at hand. It is atomic because the handler of an abandoned call can still be
	// running when the loop moves on to the next client.
	var secret atomic.Pointer[string]
	secret.Store(new(string))
	echo := func(r *http.Request) string {
		return "auth=" + r.Header.Get("Authorization") + " token=" + r.Header.Get("x-acs-security-token") +
			" secret=" + *secret.Load()
	}
	type step struct {
		name string
		hook func(n int, w http.ResponseWriter, r *http.Request) bool
		call func(c *Client) error
	}
	throttled := 0 // requests seen by the throttling step; the stub serves one at a time here
	get := func(c *Client) error { _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); return err }
	steps := []step{
		{"success", nil, get},
		{"set", nil, func(c *Client) error { return c.SetMFAAuthenticationStatus(context.Background(), dirID, false) }},
		{"throttled twice", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			throttled++
			if throttled%3 == 0 {
				return false
			}
			w.Header().Set("Retry-After", "0")
			writeError(w, r, 400, "Throttling.User", "denied: "+echo(r))
			return true
		}, get},
		{"signature", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			writeError(w, r, 400, "SignatureDoesNotMatch", "server string to sign is: "+echo(r))
			return true
		}, get},
		{"echoed request ID", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			writeJSON(w, 404, map[string]any{"RequestId": echo(r), "Code": "EntityNotExists.Directory", "Message": echo(r)})
			return true
		}, get},
		{"non-JSON 502", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			w.WriteHeader(502)
			_, _ = w.Write([]byte("<html>" + echo(r) + "</html>"))
			return true
		}, get},
		{"odd success", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			writeJSON(w, 200, map[string]any{"MFAAuthenticationStatus": echo(r)})
			return true
		}, get},
		{"reset", func(_ int, w http.ResponseWriter, _ *http.Request) bool {
			resetConnection(t, w)
			return true
		}, get},
		{"abandoned", func(_ int, w http.ResponseWriter, r *http.Request) bool {
			time.Sleep(100 * time.Millisecond)
			writeError(w, r, 503, "ServiceUnavailable", echo(r))
			return true
		}, func(c *Client) error {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			defer cancel()
			_, err := c.GetMFAAuthenticationStatus(ctx, dirID)
			return err
		}},
	}

	s.start(Config{})
	clients := map[string]*Client{
		stsSecret:  s.client(Config{Logger: log, AccessKeyID: stsAK, AccessKeySecret: stsSecret, SecurityToken: stsToken, RetryMax: 3}),
		testSecret: s.client(Config{Logger: log, RetryMax: 3}),
	}
	var texts []string
	errCount := 0
	for clientSecret, c := range clients {
		secret.Store(&clientSecret)
		for _, st := range steps {
			s.setHook(st.hook)
			err := st.call(c)
			if err != nil {
				errCount++
				texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
			}
		}
	}
	if errCount != 2*6 {
		t.Errorf("%d errors, want 12:\n%s", errCount, strings.Join(texts, "\n"))
	}
	// The token really was on the wire, so the scan means something.
	sawToken := false
	for _, r := range s.recorded() {
		sawToken = sawToken || r.Header.Get("x-acs-security-token") == stsToken
	}
	if !sawToken {
		t.Fatal("the security token was never sent")
	}

	logged := log.All()
	for _, secret := range []string{stsSecret, testSecret, stsToken} {
		for _, text := range texts {
			if strings.Contains(text, secret) {
				t.Errorf("error %q contains a secret", text)
			}
		}
		if strings.Contains(logged, secret) {
			t.Errorf("log contains secret %q:\n%s", secret, logged)
		}
	}
	// The server's text is kept, with the secrets cut out.
	if !strings.Contains(strings.Join(texts, "\n"), "token=[redacted] secret=[redacted]") {
		t.Errorf("redacted server text not found:\n%s", strings.Join(texts, "\n"))
	}
	if !strings.Contains(strings.Join(texts, "\n"), "request abandoned: context deadline exceeded") {
		t.Error("no call was abandoned in flight")
	}
	for _, want := range []string{
		"cloudsso request ", "cloudsso response ", "cloudsso error ", "cloudsso retry ",
		`"op":"SetMFAAuthenticationStatus"`, `"code":"Throttling.User"`, `"retry_after":true`,
	} {
		if !strings.Contains(logged, want) {
			t.Errorf("log lacks %q:\n%s", want, logged)
		}
	}
}
