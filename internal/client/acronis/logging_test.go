package acronis

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpxtest"
)

// TestNothingSecretInErrorsOrLogs drives the client through a retried token
// request, reads and writes, a token replacement, a refused replacement, a
// server that echoes credentials in its errors and a wrong secret, then
// looks for the secret and every access token in all errors and log lines.
func TestNothingSecretInErrorsOrLogs(t *testing.T) {
	log := &httpxtest.RecordingLogger{}
	s := newStub(t)
	var echo atomic.Bool
	s.onToken = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			writeTokenError(w, 503, "temporarily_unavailable", "try later")
			return true
		}
		return false
	}
	s.onAPI = func(_ int, w http.ResponseWriter, r *http.Request) bool {
		if !echo.Load() {
			return false
		}
		// A server that quotes what it was sent.
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		info := "token " + tok + " with client secret " + testSecret
		writeEnvelope(w, 403, 1002, "Denied for "+tok, &info)
		return true
	}
	c := s.start(Config{Logger: log})
	ctx := context.Background()
	var errs []error
	record := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	_, err := c.GetTenantMFAStatus(ctx, customerID)
	record(err)
	_, err = c.SetTenantMFAStatus(ctx, customerID, true)
	record(err)
	_, err = c.SetTenantMFAStatus(ctx, unitID, true)
	record(err) // business rule
	s.revokeAll()
	_, err = c.GetTenant(ctx, customerID)
	record(err) // replaced once
	echo.Store(true)
	_, err = c.GetTenant(ctx, customerID)
	record(err) // echoing 403
	s.update(func() {
		s.onAPI = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
			writeEnvelope(w, 401, 401, "Access token is invalid or expired", nil)
			return true
		}
	})
	_, err = c.GetTenant(ctx, customerID)
	record(err) // unauthorized after the replacement

	// A wrong secret, with a token endpoint that echoes the credentials.
	s2 := newStub(t)
	s2.onToken = func(_ int, w http.ResponseWriter, r *http.Request) bool {
		id, secret, _ := r.BasicAuth()
		writeTokenError(w, 401, "invalid_client", "no client "+id+" with secret "+secret+" ("+r.Header.Get("Authorization")+")")
		return true
	}
	c2 := s2.start(Config{Logger: log})
	_, err = c2.GetTenant(ctx, customerID)
	record(err)
	// And one whose body is not the token-error form.
	s3 := newStub(t)
	s3.onToken = func(_ int, w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(400)
		fmt.Fprint(w, "bad credentials "+r.Header.Get("Authorization"))
		return true
	}
	c3 := s3.start(Config{Logger: log})
	_, err = c3.GetTenant(ctx, customerID)
	record(err)

	if len(errs) != 5 {
		t.Fatalf("%d errors, want 5: %v", len(errs), errs)
	}
	secrets := []string{testSecret, wantBasic(testClientID, testSecret)}
	secrets = append(secrets, s.issuedTokens()...)
	if len(s.issuedTokens()) < 3 {
		t.Fatalf("only %d tokens issued", len(s.issuedTokens()))
	}
	var texts []string
	for _, err := range errs {
		texts = append(texts, err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err))
	}
	logged := log.All()
	for _, secret := range secrets {
		for _, text := range texts {
			if strings.Contains(text, secret) {
				t.Errorf("error %q contains a secret", text)
			}
		}
		if strings.Contains(logged, secret) {
			t.Errorf("log contains secret %q:\n%s", secret, logged)
		}
	}
	// The echoing server's text is kept, with the secrets cut out.
	if !strings.Contains(errs[1].Error(), "Denied for [redacted]") {
		t.Errorf("redacted error: %q", errs[1])
	}
	for _, want := range []string{"acronis request", "acronis response", "acronis retry", "acronis access token fetched",
		"acronis access token refused by the API; replacing it", "acronis access token request failed",
		`"op":"request token"`, `"op":"set tenant MFA status"`, `"reason":"rejected by the API"`} {
		if !strings.Contains(logged, want) {
			t.Errorf("log lacks %q:\n%s", want, logged)
		}
	}
}
