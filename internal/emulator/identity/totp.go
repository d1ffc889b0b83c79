package identity

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"hash"
	"strings"
	"time"
)

const (
	totpStep   = 30 * time.Second
	totpDigits = 6
)

// hotp (RFC 4226) takes a hash so the RFC 6238 SHA-256/512 vectors test it.
func hotp(newHash func() hash.Hash, key []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(newHash, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := int(sum[len(sum)-1] & 0x0f)
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, bin%mod)
}

func totpCounter(t time.Time) uint64 {
	s := t.Unix()
	if s < 0 {
		return 0
	}
	return uint64(s) / uint64(totpStep/time.Second)
}

// decodeSecret is as lenient as authenticator apps: case, spaces, padding.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	s = strings.TrimRight(s, "=")
	if s == "" {
		return nil, fmt.Errorf("empty secret")
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
}

// TOTP returns the code an authenticator app shows for secret at time t.
func TOTP(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", fmt.Errorf("invalid TOTP secret: not base32")
	}
	return hotp(sha1.New, key, totpCounter(t), totpDigits), nil
}

// verifyTOTP accepts one step either side, for clock skew.
func verifyTOTP(secret, code string, now time.Time) bool {
	key, err := decodeSecret(secret)
	if err != nil || len(code) != totpDigits {
		return false
	}
	c := totpCounter(now)
	for _, delta := range []int64{-1, 0, 1} {
		n := int64(c) + delta
		if n < 0 {
			continue
		}
		if hmac.Equal([]byte(hotp(sha1.New, key, uint64(n), totpDigits)), []byte(code)) {
			return true
		}
	}
	return false
}
