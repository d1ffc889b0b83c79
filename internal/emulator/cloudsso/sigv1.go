package cloudsso

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/url"
	"sort"
	"strings"
)

const (
	v1Method  = "HMAC-SHA1"
	v1Version = "1.0"
)

// percentEncode (B.4.1 step 2) keeps A-Z a-z 0-9 - _ . ~ and writes every
// other UTF-8 byte as uppercase %XY: unlike form encoding, space is %20.
func percentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// v1StringToSign (B.4.1 steps 1-4); a repeated name counts with its first value.
func v1StringToSign(method string, params url.Values) string {
	names := make([]string, 0, len(params))
	for name := range params {
		if name != "Signature" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	pairs := make([]string, len(names))
	for i, name := range names {
		pairs[i] = percentEncode(name) + "=" + percentEncode(params.Get(name))
	}
	return method + "&" + percentEncode("/") + "&" + percentEncode(strings.Join(pairs, "&"))
}

// v1Signature is B.4.1 step 5.
func v1Signature(secret, stringToSign string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func checkV1(method string, params url.Values, secret string) (string, bool) {
	sts := v1StringToSign(method, params)
	want := v1Signature(secret, sts)
	return sts, hmac.Equal([]byte(want), []byte(params.Get("Signature")))
}
