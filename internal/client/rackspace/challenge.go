package rackspace

import (
	"net/http"
	"strings"
)

// The factors a multi-factor challenge names.
const (
	factorSMS = "PASSCODE"
	factorOTP = "OTPPASSCODE"
)

const challengeScheme = "OS-MF"

// ParseChallenge reads a WWW-Authenticate value such as
// `OS-MF sessionId='abc', factor='OTPPASSCODE'` (Identity's single quotes,
// or double quotes or none); ok needs a non-empty sessionId.
func ParseChallenge(header string) (sessionID, factor string, ok bool) {
	scheme, rest, _ := strings.Cut(strings.TrimSpace(header), " ")
	params, ok := parseAuthParams(rest)
	if !strings.EqualFold(scheme, challengeScheme) || !ok || params["sessionid"] == "" {
		return "", "", false
	}
	return params["sessionid"], params["factor"], true
}

// challengeFrom's present tells a malformed challenge from a plain
// rejection.
func challengeFrom(h http.Header) (sessionID, factor string, present, ok bool) {
	for _, v := range h.Values("WWW-Authenticate") {
		if sessionID, factor, ok = ParseChallenge(v); ok {
			return sessionID, factor, true, true
		}
		scheme, _, _ := strings.Cut(strings.TrimSpace(v), " ")
		present = present || strings.EqualFold(scheme, challengeScheme)
	}
	return "", "", present, false
}

// parseAuthParams lower-cases keys. A repeated key, an unterminated quote or
// junk makes the whole list invalid: guessing which session ID was meant
// could burn a passcode attempt.
func parseAuthParams(s string) (map[string]string, bool) {
	params := map[string]string{}
	i := 0
	skip := func(chars string) {
		for i < len(s) && strings.IndexByte(chars, s[i]) >= 0 {
			i++
		}
	}
	for {
		skip(" \t,")
		if i == len(s) {
			return params, true
		}
		eq := strings.IndexByte(s[i:], '=')
		if eq <= 0 {
			return nil, false
		}
		key := strings.ToLower(strings.TrimSpace(s[i : i+eq]))
		if key == "" || strings.ContainsAny(key, " \t,'\"") {
			return nil, false
		}
		i += eq + 1
		skip(" \t")
		var value string
		if i < len(s) && (s[i] == '\'' || s[i] == '"') {
			q := s[i]
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return nil, false
			}
			value = s[i+1 : i+1+end]
			i += end + 2
		} else {
			start := i
			for i < len(s) && s[i] != ',' && s[i] != ' ' && s[i] != '\t' {
				i++
			}
			value = s[start:i]
			if strings.ContainsAny(value, "'\"") {
				return nil, false
			}
		}
		if _, dup := params[key]; dup {
			return nil, false
		}
		params[key] = value
		skip(" \t")
		if i < len(s) && s[i] != ',' {
			return nil, false
		}
	}
}
