package rackspace

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// rfcSecret is the RFC 6238 Appendix B SHA-1 key "12345678901234567890" in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestMFAOTPFactor(t *testing.T) {
	// RFC 6238 Appendix B: at these times the 8-digit codes are 94287082
	// and 07081804; six digits keep the last six.
	for _, tc := range []struct {
		at   int64
		code string
	}{{59, "287082"}, {1111111109, "081804"}} {
		f := newFakeIdentity(t)
		f.now = time.Unix(tc.at, 0)
		f.addUser(&fakeUser{name: "demo-admin", password: "demo-password-1", factor: "OTP", totpSecret: rfcSecret})
		c := f.start(Config{})

		a, err := c.Authenticate(context.Background(), Credentials{
			Username: "demo-admin", Password: "demo-password-1", TOTPSecret: rfcSecret, TenantID: "123456",
		})
		if err != nil {
			t.Fatal(err)
		}
		reqs := f.recorded()
		if len(reqs) != 2 {
			t.Fatalf("%d requests, want 2", len(reqs))
		}
		second := reqs[1]
		if !strings.HasPrefix(second.Header.Get("X-SessionId"), "session-") {
			t.Errorf("X-SessionId = %q", second.Header.Get("X-SessionId"))
		}
		auth, _ := second.Body["auth"].(map[string]any)
		pc, _ := auth["RAX-AUTH:passcodeCredentials"].(map[string]any)
		if pc["passcode"] != tc.code {
			t.Errorf("at %d passcode = %v, want %s", tc.at, pc["passcode"], tc.code)
		}
		if auth["tenantId"] != "123456" || len(auth) != 2 {
			t.Errorf("second auth body = %v", auth)
		}
		if !slices.Contains(a.Token.AuthenticatedBy, "OTPPASSCODE") {
			t.Errorf("authenticatedBy = %v", a.Token.AuthenticatedBy)
		}
	}
}

// TestMFATOTPSecretAsAppsShowIt: a secret as an app shows it logs in.
func TestMFATOTPSecretAsAppsShowIt(t *testing.T) {
	for _, secret := range []string{"jbsw y3dp ehpk 3pxp", "JBSW-Y3DP-EHPK-3PXP"} {
		f := newFakeIdentity(t)
		f.addUser(&fakeUser{name: "demo-admin", password: "pw", factor: "OTP", totpSecret: "JBSWY3DPEHPK3PXP"})
		c := f.start(Config{})
		_, err := c.Authenticate(context.Background(), Credentials{Username: "demo-admin", Password: "pw", TOTPSecret: secret})
		if err != nil {
			t.Fatalf("%q: %v", secret, err)
		}
	}
}

// TestCheckTOTPSecret is the rule the provider's totp_secret validators use.
func TestCheckTOTPSecret(t *testing.T) {
	for _, ok := range []string{"JBSWY3DPEHPK3PXP", "jbsw y3dp ehpk 3pxp", "JBSW-Y3DP-EHPK-3PXP", "JBSW\tY3DP\nEHPK\r\n3PXP", "JBSWY3DP======"} {
		if got, err := CheckTOTPSecret(ok); err != nil || strings.ContainsAny(got, " -\t\n=") {
			t.Errorf("%q: %q, %v", ok, got, err)
		}
	}
	for bad, want := range map[string]string{
		"": "the secret is empty", " - ": "the secret is empty", "not base32!": "not valid base32",
		"Q": "not valid base32", "JBSWY3DPEHPK3PX1": "not valid base32", "1111": "not valid base32",
	} {
		_, err := CheckTOTPSecret(bad)
		if err == nil || !strings.Contains(err.Error(), want) || bad != "" && strings.Contains(err.Error(), bad) {
			t.Errorf("%q: %v, want %q without the secret", bad, err, want)
		}
	}
}

// TestCheckPasscode is the rule the provider's passcode validators use.
func TestCheckPasscode(t *testing.T) {
	for _, ok := range []string{"123456", "0123456789"} {
		if err := CheckPasscode(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "12345", "12345678901", "12ab56", "abc", " 123456", "123 456"} {
		if err := CheckPasscode(bad); err == nil || err.Error() != "a passcode is 6 to 10 digits" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestMFASMSFactor(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "demo-sms", password: "demo-password-3", factor: "SMS", smsPasscode: "734901"})
	c := f.start(Config{})
	a, err := c.Authenticate(context.Background(), Credentials{
		Username: "demo-sms", Password: "demo-password-3", Passcode: "734901",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(a.Token.AuthenticatedBy, "PASSCODE") || f.logins() != 2 {
		t.Errorf("authenticatedBy %v after %d requests", a.Token.AuthenticatedBy, f.logins())
	}
}

func TestMFAPasscodeRequired(t *testing.T) {
	tests := []struct {
		name       string
		factor     string
		creds      Credentials
		wantFactor string
	}{
		{"otp without secret or passcode", "OTP", Credentials{}, "OTPPASSCODE"},
		{"sms without passcode", "SMS", Credentials{}, "PASSCODE"},
		// A TOTP code cannot answer an SMS challenge; sending one would
		// only count towards the lockout.
		{"sms with only a totp secret", "SMS", Credentials{TOTPSecret: rfcSecret}, "PASSCODE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIdentity(t)
			f.addUser(&fakeUser{name: "u", password: "pw-secret", factor: tt.factor, totpSecret: rfcSecret, smsPasscode: "111111"})
			c := f.start(Config{})
			creds := tt.creds
			creds.Username, creds.Password = "u", "pw-secret"
			_, err := c.Authenticate(context.Background(), creds)
			e := asError(t, err, KindPasscodeRequired)
			if e.Factor != tt.wantFactor || e.Status != 401 {
				t.Errorf("factor %q status %d, want %q 401", e.Factor, e.Status, tt.wantFactor)
			}
			if n := f.logins(); n != 1 {
				t.Errorf("%d requests, want 1 (no second step)", n)
			}
			msg := e.Error()
			if !strings.Contains(msg, "Additional authentication credentials required") || !strings.Contains(msg, tt.wantFactor) {
				t.Errorf("message %q should quote the API and name the factor", msg)
			}
			if strings.Contains(msg, "session-") || strings.Contains(msg, "pw-secret") {
				t.Errorf("message %q leaks a secret", msg)
			}
		})
	}
}

func TestMFAStepErrors(t *testing.T) {
	tests := []struct {
		name     string
		passcode string
		setup    func(f *fakeIdentity)
		want     Kind
		status   int
	}{
		{"wrong passcode", "000000", nil, KindWrongPasscode, 401},
		{"session expired", "", func(f *fakeIdentity) { f.expireSessions = true }, KindSessionExpired, 401},
		{"locked on the passcode step", "000000", func(f *fakeIdentity) { f.users["u"].failures = 2 }, KindAccountLocked, 403},
		{"locked before the challenge", "", func(f *fakeIdentity) { f.users["u"].failures = 3 }, KindAccountLocked, 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIdentity(t)
			f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
			if tt.setup != nil {
				tt.setup(f)
			}
			c := f.start(Config{})
			creds := Credentials{Username: "u", Password: "pw", TOTPSecret: rfcSecret}
			if tt.passcode != "" {
				creds = Credentials{Username: "u", Password: "pw", Passcode: tt.passcode}
			}
			_, err := c.Authenticate(context.Background(), creds)
			e := asError(t, err, tt.want)
			if e.Status != tt.status {
				t.Errorf("status %d, want %d", e.Status, tt.status)
			}
			if f.logins() > 2 {
				t.Errorf("%d requests: errors must not be retried", f.logins())
			}
			if strings.Contains(e.Error(), tt.passcode) && tt.passcode != "" {
				t.Errorf("error %q contains the passcode", e)
			}
		})
	}
}

func TestMFAThreeWrongPasscodesLock(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
	c := f.start(Config{})
	creds := Credentials{Username: "u", Password: "pw", Passcode: "000000"}
	for i, want := range []Kind{KindWrongPasscode, KindWrongPasscode, KindAccountLocked, KindAccountLocked} {
		_, err := c.Authenticate(context.Background(), creds)
		e := asError(t, err, want)
		if i < 3 && e.Factor != "OTPPASSCODE" {
			t.Errorf("attempt %d: factor %q", i+1, e.Factor)
		}
	}
}

func TestMalformedChallenge(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
	f.challengeHeader = "OS-MF sessionId='unterminated, factor='OTPPASSCODE"
	c := f.start(Config{})
	_, err := c.Authenticate(context.Background(), Credentials{Username: "u", Password: "pw", TOTPSecret: rfcSecret})
	e := asError(t, err, KindUnknown)
	if !strings.Contains(e.Error(), "challenge header could not be parsed") || f.logins() != 1 {
		t.Errorf("error %q after %d requests", e, f.logins())
	}
}

func TestInvalidTOTPSecretBeforeAnyRequest(t *testing.T) {
	for _, secret := range []string{"not base32!", "Q", "JBSWY3DPEHPK3PX1"} {
		f := newFakeIdentity(t)
		f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
		c := f.start(Config{})
		_, err := c.Authenticate(context.Background(), Credentials{Username: "u", APIKey: "k", TOTPSecret: secret})
		e := asError(t, err, KindInvalidTOTPSecret)
		if f.logins() != 0 {
			t.Errorf("%q: %d requests, want 0", secret, f.logins())
		}
		if strings.Contains(e.Error(), secret) {
			t.Errorf("error %q contains the secret", e)
		}
	}
}

func TestAPIKeyLoginIgnoresMFASettings(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", apiKey: "k", factor: "OTP", totpSecret: rfcSecret})
	c := f.start(Config{})
	a, err := c.Authenticate(context.Background(), Credentials{Username: "u", APIKey: "k", TOTPSecret: rfcSecret})
	if err != nil {
		t.Fatal(err)
	}
	if f.logins() != 1 || !slices.Equal(a.Token.AuthenticatedBy, []string{"APIKEY"}) {
		t.Errorf("%d requests, authenticatedBy %v", f.logins(), a.Token.AuthenticatedBy)
	}
}

func TestPasswordExpirationFromChallengeResponse(t *testing.T) {
	exp := "2030-01-02T03:04:05.000Z"
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "u", password: "pw", factor: "OTP", totpSecret: rfcSecret})
	f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("X-SessionId") == "" {
			w.Header().Set("X-Password-Expiration", exp)
		}
		return false
	}
	c := f.start(Config{})
	a, err := c.Authenticate(context.Background(), Credentials{Username: "u", Password: "pw", TOTPSecret: rfcSecret})
	if err != nil {
		t.Fatal(err)
	}
	if a.PasswordExpiration == nil || a.PasswordExpiration.Format(time.RFC3339) != "2030-01-02T03:04:05Z" {
		t.Errorf("password expiration = %v", a.PasswordExpiration)
	}
}
