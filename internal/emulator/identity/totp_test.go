package identity

import (
	"testing"
	"time"
)

func TestTOTPSixDigitsFromBase32(t *testing.T) {
	// base32 of the RFC's SHA-1 seed "12345678901234567890"; the codes are
	// the last six digits of RFC 6238 Appendix B's SHA-1 column.
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for _, v := range []struct {
		unix int64
		want string
	}{
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	} {
		got, err := TOTP(secret, time.Unix(v.unix, 0))
		if err != nil || got != v.want {
			t.Errorf("TOTP at %d = %q, %v; want %q", v.unix, got, err, v.want)
		}
	}
	// Authenticator apps accept lower case, spaces and padding.
	for _, s := range []string{"gezdgnbvgy3tqojqgezdgnbvgy3tqojq", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"} {
		if got, _ := TOTP(s, time.Unix(59, 0)); got != "287082" {
			t.Errorf("TOTP(%q) = %q", s, got)
		}
	}
	for _, bad := range []string{"not base32!", "", "  ", "===="} {
		if _, err := TOTP(bad, time.Now()); err == nil || err.Error() != "invalid TOTP secret: not base32" {
			t.Errorf("TOTP(%q): err = %v", bad, err)
		}
	}
}

func TestVerifyTOTPWindow(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	for _, tc := range []struct {
		offset time.Duration
		ok     bool
	}{
		{0, true}, {-30 * time.Second, true}, {30 * time.Second, true},
		{-60 * time.Second, false}, {60 * time.Second, false},
	} {
		code, _ := TOTP(DemoAdminSecret, now.Add(tc.offset))
		if got := verifyTOTP(DemoAdminSecret, code, now); got != tc.ok {
			t.Errorf("code from %v: verify = %v, want %v", tc.offset, got, tc.ok)
		}
	}
	// Identity takes the six digits as sent: no spaces trimmed around them.
	code, _ := TOTP(DemoAdminSecret, now)
	for _, bad := range []string{"", "12345", "1234567", "abcdef", " " + code, code + "\n"} {
		if verifyTOTP(DemoAdminSecret, bad, now) {
			t.Errorf("verify accepted %q", bad)
		}
	}
}
