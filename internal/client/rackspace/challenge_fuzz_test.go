package rackspace

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// identityChallengeFmt is the WWW-Authenticate value Identity sends with a
// multi-factor challenge, as the research notes document it (§1.4). It is
// written out here because the client may not import the emulator.
const identityChallengeFmt = "OS-MF sessionId='%s', factor='%s'"

// FuzzParseChallenge feeds ParseChallenge arbitrary header values. It must
// never panic; what it accepts must be an OS-MF challenge whose session ID
// and factor were taken from the header, not made up; challengeFrom must
// agree with it; and any session ID and factor without quotes must survive
// a trip through Identity's own header format. The input is also used as a
// session ID and as a factor, so that the round trip sees every byte
// sequence the fuzzer comes up with, not only those it finds accepted.
func FuzzParseChallenge(f *testing.F) {
	for _, s := range []string{
		"OS-MF sessionId='APU9ymNj-bA24_x', factor='PASSCODE'",
		"OS-MF sessionId='abc', factor='OTPPASSCODE'",
		`OS-MF sessionId="abc", factor="OTPPASSCODE"`,
		"OS-MF sessionId=abc, factor=PASSCODE",
		"os-mf SESSIONID='abc', Factor='PASSCODE'",
		"  OS-MF   sessionId = 'abc' ,factor='PASSCODE'  ",
		"OS-MF sessionId='abc'",
		"OS-MF sessionId='abc', factor='PASSCODE', realm='x'",
		"OS-MF sessionId='YWJj==', factor='PASSCODE'",
		`OS-MF sessionId="a'b, c", factor='PASSCODE'`,
		"OS-MF sessionId='a\"b', factor=''",
		"OS-MF sessionId='abc, factor='PASSCODE",
		"OS-MF sessionId='a', sessionId='b'",
		"OS-MF sessionId='abc'x, factor='PASSCODE'",
		"OS-MF sessionId='abc' factor='PASSCODE'",
		"OS-MF ='abc'",
		"OS-MF sessionId=ab'c",
		"OS-MF\tsessionId='abc'",
		"OS-MFA sessionId='abc'",
		`Basic realm="identity"`,
		"OS-MF",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		id, factor, ok := ParseChallenge(header)
		if !ok {
			if id != "" || factor != "" {
				t.Fatalf("ParseChallenge(%q) = %q, %q, false; a refusal must return empty values", header, id, factor)
			}
		} else {
			scheme, _, _ := strings.Cut(strings.TrimSpace(header), " ")
			if !strings.EqualFold(scheme, challengeScheme) {
				t.Fatalf("ParseChallenge(%q) accepted scheme %q", header, scheme)
			}
			if id == "" {
				t.Fatalf("ParseChallenge(%q) accepted an empty session ID", header)
			}
			if !strings.Contains(header, id) || !strings.Contains(header, factor) {
				t.Fatalf("ParseChallenge(%q) = %q, %q: values not taken from the header", header, id, factor)
			}
			challengeRoundTrip(t, id, factor)
		}

		hid, hfactor, present, hok := challengeFrom(http.Header{"Www-Authenticate": {header}})
		if hid != id || hfactor != factor || hok != ok || (ok && !present) {
			t.Fatalf("challengeFrom(%q) = %q, %q, present %v, ok %v; ParseChallenge = %q, %q, %v",
				header, hid, hfactor, present, hok, id, factor, ok)
		}

		challengeRoundTrip(t, header, factorOTP)
		challengeRoundTrip(t, "APU9ymNj-bA24_x", header)
	})
}

// challengeRoundTrip formats a challenge the way Identity does and checks that it
// reads back as the same session ID and factor. Values with a quote are
// skipped: the format cannot carry them, and Identity's session IDs are
// URL-safe base64.
func challengeRoundTrip(t *testing.T, id, factor string) {
	t.Helper()
	if id == "" || strings.ContainsAny(id+factor, `'"`) {
		return
	}
	header := fmt.Sprintf(identityChallengeFmt, id, factor)
	gotID, gotFactor, ok := ParseChallenge(header)
	if !ok || gotID != id || gotFactor != factor {
		t.Fatalf("ParseChallenge(%q) = %q, %q, %v; want %q, %q, true", header, gotID, gotFactor, ok, id, factor)
	}
}
