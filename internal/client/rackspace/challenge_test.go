package rackspace

import (
	"net/http"
	"testing"
)

func TestParseChallenge(t *testing.T) {
	tests := []struct {
		name, header       string
		wantID, wantFactor string
		wantOK             bool
	}{
		{"sms as sent", "OS-MF sessionId='APU9ymNj-bA24_x', factor='PASSCODE'", "APU9ymNj-bA24_x", "PASSCODE", true},
		{"otp as sent", "OS-MF sessionId='abc', factor='OTPPASSCODE'", "abc", "OTPPASSCODE", true},
		{"double quotes", `OS-MF sessionId="abc", factor="OTPPASSCODE"`, "abc", "OTPPASSCODE", true},
		{"bare values", "OS-MF sessionId=abc, factor=PASSCODE", "abc", "PASSCODE", true},
		{"factor first", "OS-MF factor='PASSCODE', sessionId='abc'", "abc", "PASSCODE", true},
		{"case of scheme and keys", "os-mf SESSIONID='abc', Factor='PASSCODE'", "abc", "PASSCODE", true},
		{"extra whitespace", "  OS-MF   sessionId = 'abc' ,factor='PASSCODE'  ", "abc", "PASSCODE", true},
		{"no comma space", "OS-MF sessionId='abc',factor='PASSCODE'", "abc", "PASSCODE", true},
		{"no factor", "OS-MF sessionId='abc'", "abc", "", true},
		{"unknown extra param", "OS-MF sessionId='abc', factor='PASSCODE', realm='x'", "abc", "PASSCODE", true},
		{"base64 padding in id", "OS-MF sessionId='YWJj==', factor='PASSCODE'", "YWJj==", "PASSCODE", true},

		{"empty", "", "", "", false},
		{"other scheme", `Basic realm="identity"`, "", "", false},
		{"scheme only", "OS-MF", "", "", false},
		{"scheme prefix of another", "OS-MFA sessionId='abc'", "", "", false},
		{"no session id", "OS-MF factor='PASSCODE'", "", "", false},
		{"empty session id", "OS-MF sessionId='', factor='PASSCODE'", "", "", false},
		{"unterminated quote", "OS-MF sessionId='abc, factor='PASSCODE", "", "", false},
		{"mismatched quotes", `OS-MF sessionId='abc", factor='PASSCODE'`, "", "", false},
		{"duplicate session id", "OS-MF sessionId='a', sessionId='b'", "", "", false},
		{"junk after value", "OS-MF sessionId='abc'x, factor='PASSCODE'", "", "", false},
		{"missing separator", "OS-MF sessionId='abc' factor='PASSCODE'", "", "", false},
		{"no equals", "OS-MF sessionId", "", "", false},
		{"key without name", "OS-MF ='abc'", "", "", false},
		{"quote in bare value", "OS-MF sessionId=ab'c", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, factor, ok := ParseChallenge(tt.header)
			if id != tt.wantID || factor != tt.wantFactor || ok != tt.wantOK {
				t.Errorf("ParseChallenge(%q) = %q, %q, %v; want %q, %q, %v",
					tt.header, id, factor, ok, tt.wantID, tt.wantFactor, tt.wantOK)
			}
		})
	}
}

func TestChallengeFromHeaders(t *testing.T) {
	h := http.Header{}
	h.Add("WWW-Authenticate", `Keystone uri="https://identity"`)
	h.Add("WWW-Authenticate", "OS-MF sessionId='abc', factor='OTPPASSCODE'")
	id, factor, present, ok := challengeFrom(h)
	if id != "abc" || factor != "OTPPASSCODE" || !present || !ok {
		t.Errorf("got %q %q %v %v", id, factor, present, ok)
	}

	h = http.Header{"Www-Authenticate": {"OS-MF sessionId='abc"}}
	if _, _, present, ok := challengeFrom(h); !present || ok {
		t.Errorf("malformed challenge: present %v ok %v", present, ok)
	}
	if _, _, present, ok := challengeFrom(http.Header{}); present || ok {
		t.Errorf("no header: present %v ok %v", present, ok)
	}
}
