package rackspace

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// cannedServer answers every request with one fault.
func cannedServer(t *testing.T, status int, key, msg string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if key == "" {
			w.WriteHeader(status)
			fmt.Fprint(w, msg)
			return
		}
		writeFault(w, status, key, msg)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, RetryMax: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestErrorKindsFromResponses(t *testing.T) {
	password := Credentials{Username: "u", Password: "pw-secret"}
	apiKey := Credentials{Username: "u", APIKey: "key-secret"}
	token := Credentials{Token: "tok-secret"}
	tests := []struct {
		name     string
		creds    Credentials // nil Username and Token: GetDomain instead
		status   int
		key, msg string
		want     Kind
		code     string
	}{
		{"wrong password", password, 401, "unauthorized", "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided.", KindWrongPassword, "AUTH-004"},
		{"wrong password, docs wording", password, 401, "unauthorized", "Unable to authenticate user with credentials provided.", KindWrongPassword, ""},
		{"wrong api key", apiKey, 401, "unauthorized", "Error code: 'AUTH-008'; Username or api key is invalid.", KindWrongAPIKey, "AUTH-008"},
		{"user disabled", password, 403, "userDisabled", "User 'u' is disabled.", KindUserDisabled, ""},
		{"password expired", password, 401, "unauthorized", "Error code: 'AUTH-001'; The password for this user has expired and must be changed", KindPasswordExpired, "AUTH-001"},
		{"mfa setup required", password, 403, "forbidden", "User must setup multi-factor", KindMFASetupRequired, ""},
		{"locked", password, 401, "unauthorized", lockMessage, KindAccountLocked, ""},
		{"token credential rejected", token, 401, "unauthorized", "Token not authenticated", KindTokenInvalid, ""},
		{"bad request", password, 400, "badRequest", "Expecting username", KindBadRequest, ""},
		{"setup scope forbidden", password, 403, "forbidden", "SETUP-MFA SCOPE not supported", KindForbidden, ""},
		{"over limit", apiKey, 413, "overLimit", "OverLimit Retry...", KindRateLimited, ""},
		{"too many requests", apiKey, 429, "", "slow down", KindRateLimited, ""},
		{"identity fault", apiKey, 500, "identityFault", "", KindServer, ""},
		{"unavailable", apiKey, 503, "identityFault", "Service Unavailable", KindServer, ""},
		{"unrecognised 401", password, 401, "unauthorized", "Something new", KindUnknown, ""},
		{"conflict", apiKey, 409, "badRequest", "Conflict", KindUnknown, ""},
		{"payload too large", apiKey, 413, "", "too large", KindUnknown, ""},
		{"domain not found", Credentials{}, 404, "itemNotFound", "Domain with ID 9 not found.", KindNotFound, ""},
		{"domain not authorized", Credentials{}, 403, "forbidden", "Not Authorized", KindForbidden, ""},
		{"domain token expired", Credentials{}, 401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.", KindTokenInvalid, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := cannedServer(t, tt.status, tt.key, tt.msg)
			var err error
			op := opAuthenticate
			if tt.creds.Username == "" && tt.creds.Token == "" {
				op = opGetDomain
				_, err = c.GetDomain(context.Background(), "tok-secret", "9")
			} else {
				_, err = c.Authenticate(context.Background(), tt.creds)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not *Error", err)
			}
			if e.Kind != tt.want || e.Status != tt.status || e.Fault != tt.key || e.Code != tt.code || e.Op != op {
				t.Errorf("got kind %v status %d fault %q code %q op %q; want %v %d %q %q %q",
					e.Kind, e.Status, e.Fault, e.Code, e.Op, tt.want, tt.status, tt.key, tt.code, op)
			}
			msg := e.Error()
			if !strings.Contains(msg, op) || !strings.Contains(msg, fmt.Sprint(tt.status)) {
				t.Errorf("Error() = %q should name %q and %d", msg, op, tt.status)
			}
			if tt.key != "" && tt.msg != "" && !strings.Contains(msg, tt.msg) {
				t.Errorf("Error() = %q should quote the API message", msg)
			}
			for _, s := range []string{"pw-secret", "key-secret", "tok-secret"} {
				if strings.Contains(msg, s) {
					t.Errorf("Error() = %q leaks %s", msg, s)
				}
			}
		})
	}
}

func TestErrorMessageFallbacks(t *testing.T) {
	// A proxy's page is not quoted: it is noise and could echo the request.
	c := cannedServer(t, 502, "", "<html>pw-secret</html>")
	_, err := c.Authenticate(context.Background(), Credentials{Username: "u", Password: "pw-secret"})
	e := asError(t, err, KindServer)
	if e.Message != "Bad Gateway" {
		t.Errorf("message = %q", e.Message)
	}

	// An Identity fault that echoes a secret has it removed.
	c = cannedServer(t, 400, "badRequest", "Invalid password pw-secret-value")
	_, err = c.Authenticate(context.Background(), Credentials{Username: "u", Password: "pw-secret-value"})
	e = asError(t, err, KindBadRequest)
	if strings.Contains(e.Error(), "pw-secret-value") || !strings.Contains(e.Error(), "[redacted]") {
		t.Errorf("Error() = %q", e)
	}
}
