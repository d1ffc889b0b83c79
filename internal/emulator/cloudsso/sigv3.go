package cloudsso

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// v3Algorithm names signature V3 in the Authorization header (B.4.2).
const v3Algorithm = "ACS3-HMAC-SHA256"

type v3Auth struct {
	credential    string
	signedHeaders []string
	signature     string
}

// parseV3Authorization reads "ACS3-HMAC-SHA256 Credential=<id>,
// SignedHeaders=<h1;h2>,Signature=<hex>". Inferred: spaces after the commas
// are tolerated; an unknown or repeated field is malformed.
func parseV3Authorization(h string) (v3Auth, *apiError) {
	var out v3Auth
	algorithm, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	if algorithm != v3Algorithm {
		return out, errIncomplete(fmt.Sprintf("The signature algorithm %q is not supported; use %s.", algorithm, v3Algorithm))
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(rest, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || seen[name] {
			return out, errIncomplete("The Authorization header is malformed.")
		}
		seen[name] = true
		switch name {
		case "Credential":
			out.credential = value
		case "SignedHeaders":
			if value != "" {
				out.signedHeaders = strings.Split(value, ";")
			}
		case "Signature":
			out.signature = value
		default:
			return out, errIncomplete(fmt.Sprintf("The Authorization header has an unknown field %q.", name))
		}
	}
	switch {
	case out.credential == "":
		return out, errIncomplete("The Authorization header lacks Credential.")
	case len(out.signedHeaders) == 0:
		return out, errIncomplete("The Authorization header lacks SignedHeaders.")
	case out.signature == "":
		return out, errIncomplete("The Authorization header lacks Signature.")
	}
	return out, nil
}

// checkSignedHeaders: host and every x-acs-* header must be signed (B.4.2;
// DARA signs all of them), each present and named in lowercase.
func checkSignedHeaders(req *request, signed []string) *apiError {
	listed := map[string]bool{}
	for _, name := range signed {
		if name == "" || name != strings.ToLower(name) {
			return errIncomplete(fmt.Sprintf("The signed header name %q is not a lowercase header name.", name))
		}
		if name != "host" && len(req.header.Values(name)) == 0 {
			return errIncomplete(fmt.Sprintf("The signed header %q is not in the request.", name))
		}
		listed[name] = true
	}
	if !listed["host"] {
		return errIncomplete("SignedHeaders must include host.")
	}
	var unsigned []string
	for name := range req.header {
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "x-acs-") && !listed[lower] {
			unsigned = append(unsigned, lower)
		}
	}
	if len(unsigned) > 0 {
		sort.Strings(unsigned)
		return errIncomplete("SignedHeaders must include every x-acs- header; missing: " + strings.Join(unsigned, ";") + ".")
	}
	return nil
}

// v3CanonicalRequest (B.4.2): the query sorted, names as sent, values
// percent-encoded; the signed headers in the client's order (DARA sorts
// them), host exactly as received.
func v3CanonicalRequest(req *request, signed []string, payloadHash string) string {
	query := sortedQuery(req.query, func(name string) string { return name })
	var headers strings.Builder
	for _, name := range signed {
		value := req.host
		if name != "host" {
			// Inferred: a header sent on several lines counts as its
			// trimmed values joined with commas.
			var vs []string
			for _, v := range req.header.Values(name) {
				vs = append(vs, strings.TrimSpace(v))
			}
			value = strings.Join(vs, ",")
		}
		headers.WriteString(name + ":" + strings.TrimSpace(value) + "\n")
	}
	// The only path the API serves is "/", which needs no encoding.
	return strings.Join([]string{
		req.method, "/", query, headers.String(), strings.Join(signed, ";"), payloadHash,
	}, "\n")
}

func v3StringToSign(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return v3Algorithm + "\n" + hex.EncodeToString(sum[:])
}

// v3Signature: unlike V1 the key is the secret alone.
func v3Signature(secret, stringToSign string) string {
	return hex.EncodeToString(mac(sha256.New, secret, stringToSign))
}

// checkV3 hashes the body received, so a changed body fails. Inferred: a
// wrong x-acs-content-sha256 is a signature mismatch; the notes name no code.
func checkV3(req *request, auth v3Auth, secret string) (string, bool) {
	sum := sha256.Sum256(req.body)
	payloadHash := hex.EncodeToString(sum[:])
	sts := v3StringToSign(v3CanonicalRequest(req, auth.signedHeaders, payloadHash))
	want := v3Signature(secret, sts)
	ok := hmac.Equal([]byte(want), []byte(strings.ToLower(auth.signature)))
	return sts, ok && strings.EqualFold(req.header.Get("x-acs-content-sha256"), payloadHash)
}
