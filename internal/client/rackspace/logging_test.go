package rackspace

import (
	"context"
	"io"
	stdlog "log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// TestLogsCarryNoSecrets drives a multi-factor login with a retry, a wrong
// passcode, a domain read and a revocation, then looks for every secret in
// everything that was logged.
func TestLogsCarryNoSecrets(t *testing.T) {
	log := &httpxtest.RecordingLogger{}
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "demo-admin", password: "demo-password-1", apiKey: "0123456789abcdef", factor: "OTP", totpSecret: rfcSecret})
	var calls atomic.Int32
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			writeFault(w, 503, "identityFault", "Service Unavailable")
			return true
		}
		return false
	}
	c := f.start(Config{Logger: log})
	ctx := context.Background()

	_, err := c.Authenticate(ctx, Credentials{Username: "demo-admin", Password: "demo-password-1", Passcode: "999999"})
	wantKind(t, err, KindWrongPasscode)
	a, err := c.Authenticate(ctx, Credentials{Username: "demo-admin", Password: "demo-password-1", TOTPSecret: rfcSecret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetDomain(ctx, a.Token.ID, "123456"); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeToken(ctx, a.Token.ID); err != nil {
		t.Fatal(err)
	}

	secrets := []string{"demo-password-1", "0123456789abcdef", rfcSecret, "999999", rfcCode59, a.Token.ID}
	for _, r := range f.recorded() {
		if sid := r.Header.Get("X-SessionId"); sid != "" {
			secrets = append(secrets, sid)
		}
	}
	logged := log.All()
	for _, s := range secrets {
		if strings.Contains(logged, s) {
			t.Errorf("log contains secret %q:\n%s", s, logged)
		}
	}
	for _, want := range []string{"rackspace identity request", "rackspace identity retry", "multi-factor challenge", `"op":"get domain"`} {
		if !strings.Contains(logged, want) {
			t.Errorf("log lacks %q:\n%s", want, logged)
		}
	}
}

// rfcCode59 is the code the fake's default clock (t = 59 s) yields for rfcSecret.
const rfcCode59 = "287082"

func TestTLSVerificationFailureNotRetried(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = stdlog.New(io.Discard, "", 0) // the handshake error is expected
	srv.StartTLS()
	defer srv.Close()
	// The default client does not trust httptest's certificate.
	c, err := New(Config{Endpoint: srv.URL, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Authenticate(context.Background(), apiKeyCreds)
	e := asError(t, err, KindUnknown)
	if !strings.Contains(e.Error(), "certificate") {
		t.Errorf("Error() = %q", e)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections, want 1: a certificate failure is not retried", n)
	}
}
