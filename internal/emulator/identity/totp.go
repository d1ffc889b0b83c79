package identity

import (
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// totpOpts: RFC 6238 defaults, and one step either side for clock skew.
var totpOpts = totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// normalSecret is as lenient as authenticator apps: case, spaces, padding.
func normalSecret(secret string) (string, bool) {
	s := strings.TrimRight(strings.ToUpper(strings.ReplaceAll(secret, " ", "")), "=")
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	// Re-encoded, the library reads the same key however loosely s was written
	// (Go's decoder skips line breaks and takes a short final group).
	return base32.StdEncoding.EncodeToString(key), s != "" && err == nil
}

// TOTP returns the code an authenticator app shows for secret at time t.
func TOTP(secret string, t time.Time) (string, error) {
	s, ok := normalSecret(secret)
	if !ok {
		return "", errors.New("invalid TOTP secret: not base32")
	}
	return totp.GenerateCodeCustom(s, t, totpOpts)
}

func verifyTOTP(secret, code string, now time.Time) bool {
	s, ok := normalSecret(secret)
	// The library trims spaces around a code; Identity takes six digits as sent.
	valid, err := totp.ValidateCustom(code, s, now, totpOpts)
	return ok && len(code) == 6 && valid && err == nil
}
