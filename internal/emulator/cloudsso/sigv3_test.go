package cloudsso

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"
)

// TestV3GenuineRequests signs V3 requests as DARA sends them (parameters in
// the query, empty body), with a form body (content-type signed) and by
// GET, and expects each to be served.
func TestV3GenuineRequests(t *testing.T) {
	e := newEnv(t, DemoFixture())
	q := values("DirectoryId", DemoDirectoryID, "Note", "a b*c~d/é+&=")

	c := e.v3("POST", ActionGetMFAAuthenticationStatus, q, "")
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	if !strings.Contains(c.header.Get("Authorization"), "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,") {
		t.Fatalf("Authorization = %s", c.header.Get("Authorization"))
	}
	if m := e.send(c).ok(t); m["MFAAuthenticationStatus"] != MFAEnabled {
		t.Fatalf("V3 with query: %v", m)
	}

	form := values("DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled).Encode()
	c = e.v3("POST", ActionSetMFAAuthenticationStatus, nil, form)
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	if !strings.Contains(c.header.Get("Authorization"), "SignedHeaders=content-type;host;") {
		t.Fatalf("Authorization = %s", c.header.Get("Authorization"))
	}
	e.send(c).ok(t)
	if s, _ := e.api.Directory(DemoDirectoryID); s.MFAAuthenticationStatus != MFADisabled {
		t.Fatal("the form body's parameters were not applied")
	}

	c = e.v3("GET", ActionGetDirectory, values("DirectoryId", DemoDirectoryID), "")
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	e.send(c).ok(t)

	// Headers DARA does not sign (Accept, User-Agent) may be anything.
	c = e.demoV3(ActionListDirectories)
	c.header.Set("Accept", "*/*")
	c.header.Set("User-Agent", "changed")
	e.send(c).ok(t)
}

// TestV3Tampered changes each signed part after signing.
func TestV3Tampered(t *testing.T) {
	e := newEnv(t, DemoFixture())
	form := values("DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled).Encode()
	sign := func() *call {
		c := e.v3("POST", ActionSetMFAAuthenticationStatus, values("Extra", "x y"), form)
		e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
		return c
	}
	for name, tamper := range map[string]func(c *call){
		"query parameter": func(c *call) { c.query.Set("Extra", "x z") },
		"added parameter": func(c *call) { c.query.Set("More", "1") },
		"body":            func(c *call) { c.body = strings.Replace(c.body, MFADisabled, MFAEnabled, 1) },
		"signed header":   func(c *call) { c.header.Set("x-acs-date", stamp(e.clock.Now().Add(time.Second))) },
		"content type":    func(c *call) { c.header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8") },
		"host":            func(c *call) { c.host = "cloudsso.cn-shanghai.aliyuncs.com" },
		"method":          func(c *call) { c.method = "GET" },
		"signature": func(c *call) {
			a := c.header.Get("Authorization")
			c.header.Set("Authorization", a[:len(a)-4]+"0000")
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := sign()
			tamper(c)
			got := e.send(c).wantErr(t, 400, "SignatureDoesNotMatch")
			// The server shows the string to sign of what it received.
			host := e.host
			if c.host != "" {
				host = c.host
			}
			sum := sha256.Sum256([]byte(c.body))
			want := "Specified signature is not matched with our calculation. server string to sign is:" +
				stringToSignV3(c.canonicalV3(host, c.signedNames(), hex.EncodeToString(sum[:])))
			if got.Message != want {
				t.Errorf("Message\n got %q\nwant %q", got.Message, want)
			}
		})
	}
	if s, _ := e.api.Directory(DemoDirectoryID); s.MFAAuthenticationStatus != MFAEnabled {
		t.Error("a tampered request changed the directory")
	}
	e.send(sign()).ok(t)
}

// TestV3ContentHash: x-acs-content-sha256 must be the hex SHA-256 of the
// body, even when the signature was computed over the wrong value.
func TestV3ContentHash(t *testing.T) {
	e := newEnv(t, DemoFixture())
	c := e.v3("POST", ActionListDirectories, nil, "a=1")
	c.header.Set("x-acs-content-sha256", strings.Repeat("0", 64))
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	e.send(c).wantErr(t, 400, "SignatureDoesNotMatch")

	// The empty body's hash is the well-known e3b0c442…b855.
	c = e.v3("POST", ActionListDirectories, nil, "")
	if got := c.header.Get("x-acs-content-sha256"); got != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("empty body hash = %s", got)
	}
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	e.send(c).ok(t)
}

// TestV3HostVerbatim: the Host header is signed as received, port and all.
func TestV3HostVerbatim(t *testing.T) {
	e := newEnv(t, DemoFixture())
	withoutPort, _, ok := strings.Cut(e.host, ":")
	if !ok {
		t.Fatalf("test host %q has no port", e.host)
	}
	c := e.v3("POST", ActionListDirectories, nil, "")
	e.signV3As(c, withoutPort, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, c.signedNames())
	e.send(c).wantErr(t, 400, "SignatureDoesNotMatch")

	c = e.v3("POST", ActionListDirectories, nil, "")
	e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
	e.send(c).ok(t)

	// A client that sends a regional host name signs that.
	const regional = "cloudsso.us-west-1.aliyuncs.com"
	c = e.v3("POST", ActionListDirectories, nil, "")
	e.signV3As(c, regional, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, c.signedNames())
	c.host = regional
	e.send(c).ok(t)
}

func TestV3MissingHeaders(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for _, name := range []string{"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		t.Run(name, func(t *testing.T) {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Del(name)
			e.signV3(c, DemoAccessKeyID, DemoAccessKeySecret)
			got := e.send(c).wantErr(t, 400, "MissingParameter")
			if !strings.Contains(got.Message, `"`+name+`"`) {
				t.Errorf("Message %q does not name %s", got.Message, name)
			}
		})
	}
}

func TestV3IncompleteSignature(t *testing.T) {
	e := newEnv(t, DemoFixture())
	all := []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
	without := func(drop string) []string {
		var out []string
		for _, n := range all {
			if n != drop {
				out = append(out, n)
			}
		}
		return out
	}
	for name, build := range map[string]func() *call{
		"other algorithm": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			e.signV3As(c, e.host, "ACS3-HMAC-SM3", DemoAccessKeyID, DemoAccessKeySecret, all)
			return c
		},
		"V2-style header": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("Authorization", "acs "+DemoAccessKeyID+":abc=")
			return c
		},
		"host unsigned": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			e.signV3As(c, e.host, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, without("host"))
			return c
		},
		"x-acs-signature-nonce unsigned": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			e.signV3As(c, e.host, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, without("x-acs-signature-nonce"))
			return c
		},
		"security token unsigned": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("x-acs-security-token", DemoSecurityToken)
			e.signV3As(c, e.host, "ACS3-HMAC-SHA256", DemoSTSAccessKeyID, DemoSTSAccessKeySecret, all)
			return c
		},
		"signed header absent": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			e.signV3As(c, e.host, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, append([]string{"content-type"}, all...))
			return c
		},
		"no Signature": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+DemoAccessKeyID+",SignedHeaders="+strings.Join(all, ";"))
			return c
		},
		"garbage": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("Authorization", "ACS3-HMAC-SHA256 nonsense")
			return c
		},
		"empty": func() *call {
			c := e.v3("POST", ActionListDirectories, nil, "")
			c.header.Set("Authorization", "")
			return c
		},
	} {
		t.Run(name, func(t *testing.T) {
			e.send(build()).wantErr(t, 400, "IncompleteSignature")
		})
	}
}
