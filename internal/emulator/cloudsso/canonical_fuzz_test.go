package cloudsso

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

// FuzzPercentEncode checks the encoding both signatures use (B.4.1 step 2)
// on arbitrary strings: only unreserved characters and %XY escapes with
// uppercase hex come out, url.QueryUnescape gives the input back, and the
// result is what the notes' recipe (form-encode, then %20 for spaces, %2A
// for asterisks, ~ left alone) gives. Parameters are valid UTF-8, but the
// encoding works byte by byte, so the round trip must hold for any bytes
// and is checked for any.
func FuzzPercentEncode(f *testing.F) {
	for _, s := range []string{
		"", "abc", "AZaz09-_.~", "a b", "a+b", "*", "~", "%", "%41", "/", "&=", "é", "日本",
		"\x00", "\xff\xfe", "\xed\xa0\x80", "2026-03-01T12:00:00Z", "a b*c~d/é+&=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := percentEncode(s)
		for i := 0; i < len(enc); i++ {
			c := enc[i]
			switch {
			case unreserved(c):
			case c == '%' && i+2 < len(enc) && isUpperHex(enc[i+1]) && isUpperHex(enc[i+2]):
				i += 2
			default:
				t.Fatalf("percentEncode(%q) = %q: byte %q at %d is neither unreserved nor a %%XY escape", s, enc, c, i)
			}
		}
		back, err := url.QueryUnescape(enc)
		if err != nil || back != s {
			t.Fatalf("QueryUnescape(percentEncode(%q) = %q) = %q, %v", s, enc, back, err)
		}
		if want := rfc3986(s); enc != want {
			t.Fatalf("percentEncode(%q) = %q, the notes' recipe gives %q", s, enc, want)
		}
	})
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

// Placeholders a fuzz input may hold, filled in before the request is
// served, so that inputs reach the checks behind a valid signature, which
// a fuzzer could never compute. The harness signs with the emulator's own
// functions; the signatures themselves are checked against independent
// signers in sigv1_test.go and sigv3_test.go.
const (
	phSig  = "$SIG"  // as the Signature parameter (V1) or in Authorization (V3)
	phHash = "$HASH" // in x-acs-content-sha256: the body's hex SHA-256
)

// fuzzSecrets are the demo fixture's secrets by access key ID.
var fuzzSecrets = map[string]string{
	DemoAccessKeyID:      DemoAccessKeySecret,
	DemoSTSAccessKeyID:   DemoSTSAccessKeySecret,
	DemoOtherAccessKeyID: DemoOtherAccessKeySecret,
}

// fuzzHost is the Host every fuzzed request is sent with.
const fuzzHost = "127.0.0.1:8181"

// FuzzCanonicalRequest reads an arbitrary query string, form body and
// header block (one "Name: value" per line) as the API does and checks
// what the signatures are computed over:
//
//   - nothing panics, and a query or body readRequest refuses is
//     InvalidParameter;
//   - the V1 string to sign equals an independent rendering of B.4.1, and
//     decoding it gives back every parameter but Signature, sorted, with
//     its first value;
//   - the V3 canonical request has B.4.2's shape, its query line decodes
//     to the request's query, and its string to sign is the algorithm and
//     a SHA-256;
//   - both are independent of the order of the parameters;
//   - the API's handler answers a documented status with a JSON body.
func FuzzCanonicalRequest(f *testing.F) {
	v1Query := "Action=GetMFAAuthenticationStatus&Version=2021-05-15&Format=JSON&AccessKeyId=demo-ak" +
		"&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n1&Timestamp=2026-03-01T12%3A00%3A00Z" +
		"&DirectoryId=d-demo00000001&Signature=" + phSig
	v3Headers := func(action string, extra ...string) string {
		return strings.Join(append([]string{
			"Authorization: ACS3-HMAC-SHA256 Credential=demo-ak,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=" + phSig,
			"x-acs-action: " + action,
			"x-acs-version: 2021-05-15",
			"x-acs-date: 2026-03-01T12:00:00Z",
			"x-acs-signature-nonce: n1",
			"x-acs-content-sha256: " + phHash,
		}, extra...), "\n")
	}
	form := "Content-Type: application/x-www-form-urlencoded"
	for _, s := range []struct{ query, body, headers string }{
		{v1Query, "", ""},
		{v1Query + "&Note=a%20b%2Ac~d%2F%C3%A9%2B%26%3D", "", ""},
		{strings.Replace(v1Query, "GetMFAAuthenticationStatus", "SetMFAAuthenticationStatus", 1), "MFAAuthenticationStatus=Disabled", form},
		{strings.Replace(v1Query, "GetMFAAuthenticationStatus", "CreateDirectory", 1), "DirectoryName=new-dir", form},
		{strings.Replace(v1Query, "GetMFAAuthenticationStatus", "DeleteDirectory", 1), "", ""},
		{strings.Replace(v1Query, "GetMFAAuthenticationStatus", "ListDirectories", 1), "", ""},
		{strings.Replace(v1Query, "demo-ak", "STS.demo-sts-ak", 1) + "&SecurityToken=demo-security-token", "", ""},
		{strings.Replace(v1Query, "Signature="+phSig, "Signature=wrong", 1), "", ""},
		{strings.Replace(v1Query, "Format=JSON", "Format=XML", 1), "", ""},
		{"Action=GetDirectory&Action=ListDirectories&a=1&a=2&b=", "", ""},
		{"DirectoryId=d-demo00000001", "", v3Headers("GetMFAAuthenticationStatus")},
		{"DirectoryId=d-demo00000001&Note=x+y", "", v3Headers("GetDirectory", "x-acs-security-token: t")},
		{"", "DirectoryId=d-demo00000001&MFAAuthenticationStatus=Disabled",
			strings.Replace(v3Headers("SetMFAAuthenticationStatus", form), "SignedHeaders=", "SignedHeaders=content-type;", 1)},
		{"", "", "Authorization: ACS3-HMAC-SHA256 Credential=demo-ak, SignedHeaders=host, Signature=x, Signature=y"},
		{"", "", "Authorization: HMAC-SHA1 Credential=demo-ak"},
		{"a=%zz", "", ""},
		{"a;b=1", "", ""},
		{"", "a=%", form},
		{"+%2B=%20+&%26=%3D", "x=1&y", form},
		{"%E6%97%A5=%FF", "", ""},
	} {
		f.Add(s.query, s.body, s.headers)
	}

	clock := emutest.NewClock()
	api, err := New(DemoFixture(), clock.Now)
	if err != nil {
		f.Fatal(err)
	}
	handler := api.Routes()[RoutePost]

	f.Fuzz(func(t *testing.T, rawQuery, body, headers string) {
		header := fuzzHeaders(headers)
		req, e := readRequest(newFuzzRequest(rawQuery, body, header))
		if e != nil {
			if e.status != http.StatusBadRequest || e.code != codeInvalidParameter {
				t.Fatalf("readRequest refused with %d %s, want 400 %s", e.status, e.code, codeInvalidParameter)
			}
		} else {
			checkV1StringToSign(t, req)
			signed := signedHeadersOf(t, req)
			checkV3Canonical(t, req, signed)

			again, e := readRequest(newFuzzRequest(fuzzReorder(rawQuery), fuzzReorder(body), header))
			if e != nil {
				t.Fatalf("the reordered request is refused: %s %s", e.code, e.message)
			}
			if a, b := v1StringToSign(http.MethodPost, req.params), v1StringToSign(http.MethodPost, again.params); a != b {
				t.Fatalf("V1 string to sign depends on parameter order:\n%q\n%q", a, b)
			}
			if a, b := v3CanonicalRequest(req, signed, "h"), v3CanonicalRequest(again, signed, "h"); a != b {
				t.Fatalf("V3 canonical request depends on parameter order:\n%q\n%q", a, b)
			}
		}

		// Every input starts from the fixture: no nonce or quota use left
		// by the inputs before it.
		api.Reset()
		rawQuery, header = fuzzSign(rawQuery, body, header)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, newFuzzRequest(rawQuery, body, header))
		fuzzCheckAnswer(t, rec)
	})
}

// fuzzHeaders reads "Name: value" lines; a line without a colon or
// with a name that is not a valid header token is skipped, as no HTTP
// client could send it.
func fuzzHeaders(block string) http.Header {
	h := http.Header{}
	for _, line := range strings.Split(block, "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok || !fuzzHeaderName(name) {
			continue
		}
		h.Add(name, strings.TrimSpace(value))
	}
	return h
}

func fuzzHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func newFuzzRequest(rawQuery, body string, header http.Header) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", io.NopCloser(strings.NewReader(body)))
	// Set after NewRequest, which would refuse a query it cannot parse;
	// readRequest must cope with anything.
	r.URL.RawQuery = rawQuery
	r.Host = fuzzHost
	r.Header = header.Clone()
	return r
}

// checkV1StringToSign compares the V1 string to sign with the independent
// rendering in helpers_test.go and decodes it back into the parameters.
func checkV1StringToSign(t *testing.T, req *request) {
	t.Helper()
	sts := v1StringToSign(http.MethodPost, req.params)
	if want := stringToSignV1(http.MethodPost, req.params); sts != want {
		t.Fatalf("v1StringToSign = %q, B.4.1 gives %q", sts, want)
	}
	method, rest, _ := strings.Cut(sts, "&")
	path, encoded, ok := strings.Cut(rest, "&")
	if method != http.MethodPost || path != "%2F" || !ok || strings.Contains(encoded, "&") {
		t.Fatalf("string to sign %q is not POST&%%2F&<encoded>", sts)
	}
	joined, err := url.QueryUnescape(encoded)
	if err != nil {
		t.Fatalf("string to sign %q does not decode: %v", sts, err)
	}
	var names []string
	got := map[string]string{}
	if joined != "" {
		for _, pair := range strings.Split(joined, "&") {
			n, v, ok := strings.Cut(pair, "=")
			name, err1 := url.QueryUnescape(n)
			value, err2 := url.QueryUnescape(v)
			if !ok || err1 != nil || err2 != nil {
				t.Fatalf("canonical pair %q of %q does not decode", pair, joined)
			}
			names = append(names, name)
			got[name] = value
		}
	}
	want := map[string]string{}
	for name := range req.params {
		if name != "Signature" {
			want[name] = req.params.Get(name)
		}
	}
	if !slices.IsSorted(names) || len(names) != len(got) || !maps.Equal(got, want) {
		t.Fatalf("canonical parameters %q decode to %q, want %q sorted", joined, got, want)
	}
}

// signedHeadersOf is the SignedHeaders of a well-formed Authorization
// header that covers what it must, else the list DARA signs for a request
// without a body.
func signedHeadersOf(t *testing.T, req *request) []string {
	t.Helper()
	if auth, e := parseV3Authorization(req.header.Get("Authorization")); e == nil {
		if auth.credential == "" || auth.signature == "" || len(auth.signedHeaders) == 0 {
			t.Fatalf("parseV3Authorization accepted %q without Credential, SignedHeaders or Signature", req.header.Get("Authorization"))
		}
		if checkSignedHeaders(req, auth.signedHeaders) == nil {
			return auth.signedHeaders
		}
	}
	return []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}
}

// checkV3Canonical checks the canonical request's frame and, when no query
// name holds a character that DARA's unencoded names make ambiguous, that
// its query line decodes to the request's query, sorted.
func checkV3Canonical(t *testing.T, req *request, signed []string) {
	t.Helper()
	const hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	c := v3CanonicalRequest(req, signed, hash)
	if !strings.HasPrefix(c, "POST\n/\n") || !strings.HasSuffix(c, "\n"+strings.Join(signed, ";")+"\n"+hash) {
		t.Fatalf("canonical request %q lacks the method, path, signed headers or hash", c)
	}
	sts := v3StringToSign(c)
	sum := sha256.Sum256([]byte(c))
	if sts != v3Algorithm+"\n"+hex.EncodeToString(sum[:]) {
		t.Fatalf("V3 string to sign %q", sts)
	}
	for name := range req.query {
		if strings.ContainsAny(name, "&=\n") {
			return
		}
	}
	line := strings.SplitN(c, "\n", 4)[2]
	var names []string
	if line != "" {
		for _, pair := range strings.Split(line, "&") {
			name, enc, ok := strings.Cut(pair, "=")
			value, err := url.QueryUnescape(enc)
			if !ok || err != nil || value != req.query.Get(name) || enc != percentEncode(value) {
				t.Fatalf("canonical query pair %q does not give back %q = %q", pair, name, req.query.Get(name))
			}
			names = append(names, name)
		}
	}
	if !slices.IsSorted(names) || len(names) != len(req.query) {
		t.Fatalf("canonical query line %q, want the %d names of the query sorted", line, len(req.query))
	}
}

// fuzzReorder reverses the order of the names in a query string or form body.
// The pairs of one name keep their order, since a repeated name counts
// with its first value.
func fuzzReorder(raw string) string {
	var order []string
	groups := map[string][]string{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, _, _ := strings.Cut(pair, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if _, seen := groups[name]; !seen {
			order = append(order, name)
		}
		groups[name] = append(groups[name], pair)
	}
	slices.Reverse(order)
	var out []string
	for _, name := range order {
		out = append(out, groups[name]...)
	}
	return strings.Join(out, "&")
}

// fuzzSign fills in the placeholders: the body's hash, then a V1 Signature
// parameter or a V3 Authorization signature computed as the API will.
func fuzzSign(rawQuery, body string, header http.Header) (string, http.Header) {
	header = header.Clone()
	sum := sha256.Sum256([]byte(body))
	if v := header.Get("x-acs-content-sha256"); strings.Contains(v, phHash) {
		header.Set("x-acs-content-sha256", strings.ReplaceAll(v, phHash, hex.EncodeToString(sum[:])))
	}
	req, e := readRequest(newFuzzRequest(rawQuery, body, header))
	if e != nil {
		return rawQuery, header
	}
	if auth := header.Get("Authorization"); strings.Contains(auth, phSig) {
		parsed, e := parseV3Authorization(auth)
		if e != nil {
			return rawQuery, header
		}
		sts := v3StringToSign(v3CanonicalRequest(req, parsed.signedHeaders, hex.EncodeToString(sum[:])))
		header.Set("Authorization", strings.ReplaceAll(auth, phSig, v3Signature(fuzzSecrets[parsed.credential], sts)))
		return rawQuery, header
	}
	if req.params.Get("Signature") == phSig {
		sig := v1Signature(fuzzSecrets[req.params.Get("AccessKeyId")], v1StringToSign(http.MethodPost, req.params))
		rawQuery = strings.Replace(rawQuery, "Signature="+phSig, "Signature="+url.QueryEscape(sig), 1)
	}
	return rawQuery, header
}

// fuzzStatuses are the statuses the notes give the gateway and the
// actions (B.3): 200, 400 for bad or throttled requests, 404 for unknown
// actions, keys and directories, 409 for directory conflicts.
var fuzzStatuses = []int{http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusConflict}

// fuzzCheckAnswer wants a documented status and a JSON body with a RequestId,
// and for an error a Code and a Message (B.3, B.5).
func fuzzCheckAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if !slices.Contains(fuzzStatuses, rec.Code) {
		t.Fatalf("status %d is not documented; body %q", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("status %d with Content-Type %q", rec.Code, ct)
	}
	var body struct{ RequestID, Code, Message string }
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("status %d with a body that is not JSON: %v; %q", rec.Code, err, rec.Body)
	}
	if !requestIDRE.MatchString(body.RequestID) {
		t.Fatalf("status %d without a RequestId: %q", rec.Code, rec.Body)
	}
	if rec.Code != http.StatusOK && (body.Code == "" || body.Message == "") {
		t.Fatalf("status %d without Code and Message: %q", rec.Code, rec.Body)
	}
}
