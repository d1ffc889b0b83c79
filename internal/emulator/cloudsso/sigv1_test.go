package cloudsso

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestV1PublishedExamples checks the V1 verifier against the worked
// examples Alibaba Cloud publishes, with their values exactly as printed.
//
// ECS, "Request signatures", Example 1 (DescribeRegions), from Alibaba
// Cloud's documentation source:
// https://github.com/AlibabaCloudDocs/ecs/blob/4c4be6ffc29fae6ac14cd761d69cbcc199040ad0/intl.en-US/API%20Reference/Getting%20started/Request%20signatures.md
// The request is taken from step 1; the signed URL of step 4 encodes the
// Timestamp twice (12%253A46), a slip of the page, so it is not used.
//
// RAM/IMS, "Request signatures", Signature example (CreateUser):
// https://github.com/AlibabaCloudDocs/ram/blob/65afa5a87462a60750fca437a755ad911e5ddbe3/intl.en-US/API%20Reference/API%20Reference%20(IMS)/Request%20signatures.md
// Its signed URL is used as printed.
func TestV1PublishedExamples(t *testing.T) {
	for _, tc := range []struct {
		name, url, secret, stringToSign, signature string
	}{
		{
			name:         "ECS DescribeRegions",
			url:          "http://ecs.aliyuncs.com/?Timestamp=2016-02-23T12%3A46%3A24Z&Format=XML&AccessKeyId=testid&Action=DescribeRegions&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Version=2014-05-26&SignatureVersion=1.0&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D",
			secret:       "testsecret",
			stringToSign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
			signature:    "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
		},
		{
			name:         "IMS CreateUser",
			url:          "https://ims.aliyuncs.com/?Signature=02heLegtw4%2BBFamznl1Ltj%2BvJ4A%3D&AccessKeyId=testid&Action=CreateUser&DisplayName=test&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=3f6b4e80-56f7-11eb-a256-a9f756ea7e85&SignatureVersion=1.0&Timestamp=2021-01-15T06%3A02%3A28Z&UserPrincipalName=test%40example.onaliyun.com&Version=2019-08-15",
			secret:       "testsecret",
			stringToSign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26DisplayName%3Dtest%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3f6b4e80-56f7-11eb-a256-a9f756ea7e85%26SignatureVersion%3D1.0%26Timestamp%3D2021-01-15T06%253A02%253A28Z%26UserPrincipalName%3Dtest%2540example.onaliyun.com%26Version%3D2019-08-15",
			signature:    "02heLegtw4+BFamznl1Ltj+vJ4A=",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The request goes through the same parameter reading as a
			// live one.
			req, e := readRequest(httptest.NewRequest(http.MethodGet, tc.url, nil))
			if e != nil {
				t.Fatalf("readRequest: %s", e.message)
			}
			if got := req.param("Signature"); got != tc.signature {
				t.Fatalf("Signature parameter = %q", got)
			}
			sts, ok := checkV1(req.method, req.params, tc.secret)
			if sts != tc.stringToSign {
				t.Errorf("string to sign\n got %s\nwant %s", sts, tc.stringToSign)
			}
			if !ok {
				t.Errorf("published signature %s refused", tc.signature)
			}
			if got := v1Signature(tc.secret, tc.stringToSign); got != tc.signature {
				t.Errorf("signature of the published string = %s, want %s", got, tc.signature)
			}
			// Any change to a parameter, the method or the secret breaks it.
			changed := url.Values{}
			for n, v := range req.params {
				changed[n] = v
			}
			changed.Set("Version", "2014-05-27")
			if _, ok := checkV1(req.method, changed, tc.secret); ok {
				t.Error("a changed parameter still verifies")
			}
			if _, ok := checkV1(http.MethodPost, req.params, tc.secret); ok {
				t.Error("another method still verifies")
			}
			if _, ok := checkV1(req.method, req.params, tc.secret+"x"); ok {
				t.Error("another secret still verifies")
			}
		})
	}
}

func TestPercentEncode(t *testing.T) {
	for in, want := range map[string]string{
		"AZaz09-_.~":   "AZaz09-_.~",
		"a b":          "a%20b",
		"a+b*c":        "a%2Bb%2Ac",
		"x=1&y=2":      "x%3D1%26y%3D2",
		"é/":           "%C3%A9%2F",
		"%2F":          "%252F",
		"12:46:24":     "12%3A46%3A24",
		"\x00\x7f\xff": "%00%7F%FF",
	} {
		if got := percentEncode(in); got != want {
			t.Errorf("percentEncode(%q) = %q, want %q", in, got, want)
		}
		if got := rfc3986(in); got != want {
			// The test's own encoder must agree, or the tests prove nothing.
			t.Errorf("test encoder rfc3986(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestV1GenuineRequests signs requests the three ways clients send them
// and expects each to be served.
func TestV1GenuineRequests(t *testing.T) {
	e := newEnv(t, DemoFixture())
	api := values("DirectoryId", DemoDirectoryID)
	// An unused parameter with characters every encoding rule touches: the
	// signature covers it all the same.
	api.Set("Note", "a b*c~d/é+&=")

	get := e.v1("GET", e.common(ActionGetMFAAuthenticationStatus, DemoAccessKeyID), api, false, DemoAccessKeySecret)
	if m := e.send(get).ok(t); m["MFAAuthenticationStatus"] != MFAEnabled {
		t.Fatalf("GET all in query: %v", m)
	}
	dara := e.v1("POST", e.common(ActionGetMFAAuthenticationStatus, DemoAccessKeyID), api, false, DemoAccessKeySecret)
	e.send(dara).ok(t)
	teaRPC := e.v1("POST", e.common(ActionGetMFAAuthenticationStatus, DemoAccessKeyID), api, true, DemoAccessKeySecret)
	if teaRPC.query.Get("DirectoryId") != "" || !strings.Contains(teaRPC.body, "DirectoryId=") {
		t.Fatal("the TEA-RPC request should carry DirectoryId in the body only")
	}
	e.send(teaRPC).ok(t)

	// The Go SDKs send Format in lowercase; no Format at all means JSON.
	common := e.common(ActionGetMFAAuthenticationStatus, DemoAccessKeyID)
	common.Set("Format", "json")
	e.send(e.v1("POST", common, api, true, DemoAccessKeySecret)).ok(t)
	common = e.common(ActionGetMFAAuthenticationStatus, DemoAccessKeyID)
	common.Del("Format")
	e.send(e.v1("POST", common, api, true, DemoAccessKeySecret)).ok(t)
}

// TestV1Tampered changes each part of a signed request after signing:
// the server must refuse it and show the string to sign it computed, which
// is the test's own string to sign of the changed request.
func TestV1Tampered(t *testing.T) {
	e := newEnv(t, DemoFixture())
	api := values("DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled)
	sign := func(inBody bool) *call {
		return e.v1("POST", e.common(ActionSetMFAAuthenticationStatus, DemoAccessKeyID), api, inBody, DemoAccessKeySecret)
	}
	merged := func(c *call) url.Values {
		all, _ := url.ParseQuery(c.body)
		for n, v := range c.query {
			all[n] = v
		}
		return all
	}
	for name, tamper := range map[string]func(c *call){
		"query parameter": func(c *call) { c.query.Set("MFAAuthenticationStatus", MFAEnabled) },
		"added parameter": func(c *call) { c.query.Set("Extra", "1") },
		"body parameter":  func(c *call) { c.body = strings.Replace(c.body, MFADisabled, MFAEnabled, 1) },
		"signature":       func(c *call) { c.query.Set("Signature", signV1("wrong-secret", "x")) },
		"method":          func(c *call) { c.method = "GET" },
		"timestamp":       func(c *call) { c.query.Set("Timestamp", stamp(e.clock.Now().Add(-time.Second))) },
	} {
		t.Run(name, func(t *testing.T) {
			c := sign(name == "body parameter")
			tamper(c)
			got := e.send(c).wantErr(t, 400, "SignatureDoesNotMatch")
			want := "Specified signature is not matched with our calculation. server string to sign is:" + stringToSignV1(c.method, merged(c))
			if got.Message != want {
				t.Errorf("Message\n got %s\nwant %s", got.Message, want)
			}
		})
	}
	if s, _ := e.api.Directory(DemoDirectoryID); s.MFAAuthenticationStatus != MFAEnabled {
		t.Error("a tampered request changed the directory")
	}
	// The untampered requests still work: no nonce was burnt.
	e.send(sign(false)).ok(t)
}

func TestV1MissingParameters(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for _, name := range []string{"Action", "Version", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature"} {
		t.Run(name, func(t *testing.T) {
			common := e.common(ActionGetDirectory, DemoAccessKeyID)
			common.Del(name)
			c := e.v1("POST", common, values("DirectoryId", DemoDirectoryID), false, DemoAccessKeySecret)
			if name == "Signature" {
				c.query.Del("Signature")
			}
			got := e.send(c).wantErr(t, 400, "MissingParameter")
			if want := `The input parameter "` + name + `" that is mandatory for processing this request is not supplied.`; got.Message != want {
				t.Errorf("Message = %q, want %q", got.Message, want)
			}
		})
	}
	// An empty value is as missing as an absent one.
	common := e.common(ActionGetDirectory, DemoAccessKeyID)
	common.Set("SignatureNonce", "")
	e.send(e.v1("POST", common, nil, false, DemoAccessKeySecret)).wantErr(t, 400, "MissingParameter")
}

func TestV1WrongAlgorithm(t *testing.T) {
	e := newEnv(t, DemoFixture())
	for param, value := range map[string]string{
		"SignatureMethod":  "HMAC-SHA256",
		"SignatureVersion": "2.0",
	} {
		common := e.common(ActionGetDirectory, DemoAccessKeyID)
		common.Set(param, value)
		// Correctly signed under the wrong algorithm's name: refused all the
		// same, before the signature is looked at.
		got := e.send(e.v1("POST", common, values("DirectoryId", DemoDirectoryID), false, DemoAccessKeySecret)).
			wantErr(t, 400, "IncompleteSignature")
		if !strings.Contains(got.Message, value) {
			t.Errorf("%s=%s: message %q does not name the value", param, value, got.Message)
		}
	}
}
