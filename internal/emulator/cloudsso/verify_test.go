package cloudsso

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// TestVerificationOrder gives each request two faults: the one checked
// first must be the one reported (B.4.3).
func TestVerificationOrder(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if _, err := e.api.UpdateSettings(SettingsPatch{CallsPerSecond: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	stale := stamp(e.clock.Now().Add(-time.Hour))
	for _, tc := range []struct {
		name   string
		build  func() *call
		status int
		code   string
	}{
		{"unknown action before missing parameters", func() *call {
			return &call{method: "GET", query: values("Action", "DescribeRegions")}
		}, 404, "InvalidAction.NotFound"},
		{"unknown version before missing parameters", func() *call {
			return &call{method: "POST", query: values("Action", ActionGetDirectory, "Version", "2014-05-26")}
		}, 404, "InvalidAction.NotFound"},
		{"unknown V3 action", func() *call {
			c := e.v3("POST", "UpdateMFAAuthenticationSettings", nil, "")
			e.signV3(c, "nobody", "x")
			return c
		}, 404, "InvalidAction.NotFound"},
		{"missing parameter before a bad algorithm and an unknown key", func() *call {
			common := e.common(ActionGetDirectory, "nobody")
			common.Set("SignatureMethod", "HMAC-MD5")
			common.Del("SignatureNonce")
			return e.v1("POST", common, nil, false, "x")
		}, 400, "MissingParameter"},
		{"bad algorithm before an unknown key", func() *call {
			common := e.common(ActionGetDirectory, "nobody")
			common.Set("SignatureMethod", "HMAC-MD5")
			return e.v1("POST", common, nil, false, "x")
		}, 400, "IncompleteSignature"},
		{"unknown key before a stale timestamp", func() *call {
			common := e.common(ActionGetDirectory, "nobody")
			common.Set("Timestamp", stale)
			return e.v1("POST", common, nil, false, "x")
		}, 404, "InvalidAccessKeyId.NotFound"},
		{"unknown V3 key before a stale date", func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("x-acs-date", stale)
			e.signV3(c, "nobody", "x")
			return c
		}, 404, "InvalidAccessKeyId.NotFound"},
		{"stale timestamp before a bad signature", func() *call {
			common := e.common(ActionGetDirectory, DemoAccessKeyID)
			common.Set("Timestamp", stale)
			return e.v1("POST", common, nil, false, "wrong-secret")
		}, 400, "InvalidTimeStamp.Expired"},
		{"bad signature before a bad security token", func() *call {
			return e.v1("POST", e.common(ActionListDirectories, DemoSTSAccessKeyID), values("SecurityToken", "wrong"), false, "wrong-secret")
		}, 400, "SignatureDoesNotMatch"},
		{"bad security token before the quota", func() *call {
			return e.v1("POST", e.common(ActionListDirectories, DemoSTSAccessKeyID), values("SecurityToken", "wrong"), false, DemoSTSAccessKeySecret)
		}, 400, "InvalidSecurityToken.MalformedOrExpired"},
		{"quota before the action's checks", func() *call {
			// This call uses the account's one call of the second.
			e.send(e.demoV1(ActionListDirectories)).ok(t)
			return e.demoV1(ActionGetDirectory)
		}, 400, "Throttling.User"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.send(tc.build()).wantErr(t, tc.status, tc.code)
		})
	}
}

// TestNonceReplay: a verified request's nonce may not be used again for 15
// minutes by the same key; a refused request does not burn it.
func TestNonceReplay(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for _, style := range []string{"V1", "V3"} {
		t.Run(style, func(t *testing.T) {
			sign := func(n string) *call {
				if style == "V1" {
					common := e.common(ActionListDirectories, DemoAccessKeyID)
					common.Set("SignatureNonce", n)
					return e.v1("POST", common, nil, false, DemoAccessKeySecret)
				}
				c := e.v3("POST", ActionListDirectories, nil, "")
				c.header.Set("x-acs-signature-nonce", n)
				e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
				return c
			}
			n := nonce()
			c := sign(n)
			e.send(c).ok(t)
			e.send(c).wantErr(t, 400, "SignatureNonceUsed")
			// Signed anew with the same nonce: still used.
			e.send(sign(n)).wantErr(t, 400, "SignatureNonceUsed")

			// A request with a bad signature does not record its nonce.
			fresh := nonce()
			bad := sign(fresh)
			if style == "V1" {
				bad.query.Set("Signature", "AAAA")
			} else {
				bad.query = values("x", "1")
			}
			e.send(bad).wantErr(t, 400, "SignatureDoesNotMatch")
			e.send(sign(fresh)).ok(t)

			// After 15 minutes the nonce is forgotten.
			e.clock.Advance(15 * time.Minute)
			e.send(sign(n)).ok(t)
		})
	}
	// Nonces are per access key.
	n := nonce()
	for _, key := range [][2]string{{DemoAccessKeyID, DemoAccessKeySecret}, {DemoOtherAccessKeyID, DemoOtherAccessKeySecret}} {
		common := e.common(ActionListDirectories, key[0])
		common.Set("SignatureNonce", n)
		e.send(e.v1("POST", common, nil, false, key[1])).ok(t)
	}
}

// TestTimestampWindow: 15 minutes either way is accepted, one second more
// is not, for both signatures.
func TestTimestampWindow(t *testing.T) {
	e := newEnv(t, DemoFixture())
	v1 := func(ts string) *call {
		common := e.common(ActionListDirectories, DemoAccessKeyID)
		common.Set("Timestamp", ts)
		return e.v1("POST", common, nil, false, DemoAccessKeySecret)
	}
	v3 := func(ts string) *call {
		c := e.v3("POST", ActionListDirectories, nil, "")
		c.header.Set("x-acs-date", ts)
		e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
		return c
	}
	now := e.clock.Now()
	for _, sign := range map[string]func(string) *call{"V1": v1, "V3": v3} {
		e.send(sign(stamp(now.Add(-15 * time.Minute)))).ok(t)
		e.send(sign(stamp(now.Add(15 * time.Minute)))).ok(t)
		e.send(sign(stamp(now.Add(-15*time.Minute-time.Second)))).wantErr(t, 400, "InvalidTimeStamp.Expired")
		e.send(sign(stamp(now.Add(15*time.Minute+time.Second)))).wantErr(t, 400, "InvalidTimeStamp.Expired")
		for _, bad := range []string{"2026-03-01 12:00:00", "2026-03-01T12:00:00+08:00", "1772366400", "2026-03-01T12:00:00.5Z"} {
			e.send(sign(bad)).wantErr(t, 400, "InvalidTimeStamp.Format")
		}
	}
	// The window follows the emulator clock.
	c := v1(stamp(now))
	e.clock.Advance(16 * time.Minute)
	e.send(c).wantErr(t, 400, "InvalidTimeStamp.Expired")
}

func TestUnknownAccessKey(t *testing.T) {
	e := newEnv(t, DemoFixture())
	got := e.send(e.v1("POST", e.common(ActionListDirectories, "no-such-key"), nil, false, "x")).
		wantErr(t, 404, "InvalidAccessKeyId.NotFound")
	if got.Message != "Specified access key is not found." {
		t.Errorf("Message = %q", got.Message)
	}
	// A secret is not an id.
	e.send(e.v1("POST", e.common(ActionListDirectories, DemoAccessKeySecret), nil, false, "x")).
		wantErr(t, 404, "InvalidAccessKeyId.NotFound")
}

// TestSecurityToken: an STS key needs its own unexpired token, in
// SecurityToken (V1) or x-acs-security-token (V3).
func TestSecurityToken(t *testing.T) {
	fx := DemoFixture()
	fx.Accounts[0].STSTokens = append(fx.Accounts[0].STSTokens, STSTokenFixture{
		AccessKeyID: "STS.short", Secret: "short-sk", SecurityToken: "short-token", Expires: "2026-03-01T13:00:00Z",
	})
	e := newEnv(t, fx)
	v1 := func(key, secret, token string) *call {
		api := values("DirectoryId", DemoDirectoryID)
		if token != "" {
			api.Set("SecurityToken", token)
		}
		return e.v1("POST", e.common(ActionGetMFAAuthenticationStatus, key), api, false, secret)
	}
	v3 := func(key, secret, token string) *call {
		c := e.v3("POST", ActionGetMFAAuthenticationStatus, values("DirectoryId", DemoDirectoryID), "")
		if token != "" {
			c.header.Set("x-acs-security-token", token)
		}
		e.signV3(c, key, secret)
		return c
	}
	for style, sign := range map[string]func(key, secret, token string) *call{"V1": v1, "V3": v3} {
		t.Run(style, func(t *testing.T) {
			// The STS key acts for its account.
			m := e.send(sign(DemoSTSAccessKeyID, DemoSTSAccessKeySecret, DemoSecurityToken)).ok(t)
			if m["MFAAuthenticationStatus"] != MFAEnabled {
				t.Fatalf("STS read: %v", m)
			}
			e.send(sign(DemoSTSAccessKeyID, DemoSTSAccessKeySecret, "")).wantErr(t, 400, "InvalidSecurityToken.MalformedOrExpired")
			e.send(sign(DemoSTSAccessKeyID, DemoSTSAccessKeySecret, "other-token")).wantErr(t, 400, "InvalidSecurityToken.MalformedOrExpired")
			// Another STS key's token is not this one's.
			e.send(sign(DemoSTSAccessKeyID, DemoSTSAccessKeySecret, "short-token")).wantErr(t, 400, "InvalidSecurityToken.MalformedOrExpired")
			// A permanent key with a token is refused.
			e.send(sign(DemoAccessKeyID, DemoAccessKeySecret, DemoSecurityToken)).wantErr(t, 400, "InvalidSecurityToken.MalformedOrExpired")
			// A permanent key without one is fine.
			e.send(sign(DemoAccessKeyID, DemoAccessKeySecret, "")).ok(t)
		})
	}
	// The short credential expires at 13:00 on the emulator clock.
	e.send(v1("STS.short", "short-sk", "short-token")).ok(t)
	e.clock.Advance(time.Hour - time.Second)
	e.send(v3("STS.short", "short-sk", "short-token")).ok(t)
	e.clock.Advance(time.Second)
	got := e.send(v1("STS.short", "short-sk", "short-token")).wantErr(t, 400, "InvalidSecurityToken.Expired")
	if strings.Contains(got.Message, "short-token") {
		t.Error("the message repeats the token")
	}
	e.send(v3("STS.short", "short-sk", "short-token")).wantErr(t, 400, "InvalidSecurityToken.Expired")
	if a := e.api.Accounts()[0]; len(a.STSTokens) != 2 || !a.STSTokens[1].Expired || a.STSTokens[0].Expired {
		t.Errorf("Accounts = %+v", a)
	}
}

// TestMalformedInput: syntax errors in the query or the form body.
func TestMalformedInput(t *testing.T) {
	e := newEnv(t, DemoFixture())
	req, _ := http.NewRequest("GET", e.url+"/?Action=%zz", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("malformed query = %d", resp.StatusCode)
	}
	c := e.demoV1(ActionListDirectories)
	c.body = "a=%zz"
	c.header.Set("Content-Type", "application/x-www-form-urlencoded")
	e.send(c).wantErr(t, 400, "InvalidParameter")
	c = e.demoV1(ActionListDirectories)
	c.body = strings.Repeat("a", emuhttp.MaxBodyBytes+1)
	e.send(c).wantErr(t, 400, "InvalidParameter")
	// A body of another content type is not read as parameters.
	c = e.v1("POST", e.common(ActionGetDirectory, DemoAccessKeyID), nil, false, DemoAccessKeySecret)
	c.body = "DirectoryId=" + DemoDirectoryID
	c.header.Set("Content-Type", "text/plain")
	e.send(c).wantErr(t, 400, "MissingParameter.DirectoryId")
}
