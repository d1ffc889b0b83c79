package cloudsso

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"hash"
	"maps"
	"net/url"
	"slices"
	"strings"
)

const (
	v1Method  = "HMAC-SHA1"
	v1Version = "1.0"
)

// percentEncode (B.4.1 step 2) keeps A-Z a-z 0-9 - _ . ~ and writes every
// other UTF-8 byte as uppercase %XY: form encoding, but space is %20.
func percentEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// sortedQuery joins name=value pairs in name order, a repeated name with its
// first value; both signatures sort so, V1 also encoding the names.
func sortedQuery(params url.Values, encodeName func(string) string) string {
	names := slices.Sorted(maps.Keys(params))
	pairs := make([]string, len(names))
	for i, name := range names {
		pairs[i] = encodeName(name) + "=" + percentEncode(params.Get(name))
	}
	return strings.Join(pairs, "&")
}

// mac is the HMAC both signatures take of their string to sign.
func mac(h func() hash.Hash, key, stringToSign string) []byte {
	m := hmac.New(h, []byte(key))
	m.Write([]byte(stringToSign))
	return m.Sum(nil)
}

// v1StringToSign (B.4.1 steps 1-4).
func v1StringToSign(method string, params url.Values) string {
	signed := maps.Clone(params)
	delete(signed, "Signature")
	return method + "&" + percentEncode("/") + "&" + percentEncode(sortedQuery(signed, percentEncode))
}

// v1Signature is B.4.1 step 5.
func v1Signature(secret, stringToSign string) string {
	return base64.StdEncoding.EncodeToString(mac(sha1.New, secret+"&", stringToSign))
}

func checkV1(method string, params url.Values, secret string) (string, bool) {
	sts := v1StringToSign(method, params)
	want := v1Signature(secret, sts)
	return sts, hmac.Equal([]byte(want), []byte(params.Get("Signature")))
}
