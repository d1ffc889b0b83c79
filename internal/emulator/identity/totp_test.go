package identity

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"testing"
	"time"
)

// TestHOTPRFC6238Vectors checks the TOTP core against RFC 6238 Appendix B,
// which uses 8 digits and one seed per hash.
func TestHOTPRFC6238Vectors(t *testing.T) {
	seeds := map[string]struct {
		h    func() hash.Hash
		seed string
	}{
		"SHA1":   {sha1.New, "12345678901234567890"},
		"SHA256": {sha256.New, "12345678901234567890123456789012"},
		"SHA512": {sha512.New, "1234567890123456789012345678901234567890123456789012345678901234"},
	}
	vectors := []struct {
		unix int64
		want map[string]string
	}{
		{59, map[string]string{"SHA1": "94287082", "SHA256": "46119246", "SHA512": "90693936"}},
		{1111111109, map[string]string{"SHA1": "07081804", "SHA256": "68084774", "SHA512": "25091201"}},
		{1111111111, map[string]string{"SHA1": "14050471", "SHA256": "67062674", "SHA512": "99943326"}},
		{1234567890, map[string]string{"SHA1": "89005924", "SHA256": "91819424", "SHA512": "93441116"}},
		{2000000000, map[string]string{"SHA1": "69279037", "SHA256": "90698825", "SHA512": "38618901"}},
		{20000000000, map[string]string{"SHA1": "65353130", "SHA256": "77737706", "SHA512": "47863826"}},
	}
	for _, v := range vectors {
		for name, s := range seeds {
			got := hotp(s.h, []byte(s.seed), totpCounter(time.Unix(v.unix, 0)), 8)
			if got != v.want[name] {
				t.Errorf("%s at %d: got %s, want %s", name, v.unix, got, v.want[name])
			}
		}
	}
}

func TestTOTPSixDigitsFromBase32(t *testing.T) {
	// base32 of the RFC's SHA-1 seed "12345678901234567890".
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for _, v := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {2000000000, "279037"}} {
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
	if _, err := TOTP("not base32!", time.Now()); err == nil {
		t.Error("TOTP accepted a bad secret")
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
	for _, bad := range []string{"", "12345", "1234567", "abcdef"} {
		if verifyTOTP(DemoAdminSecret, bad, now) {
			t.Errorf("verify accepted %q", bad)
		}
	}
}
