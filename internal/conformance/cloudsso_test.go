package conformance

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	cloudssoemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

// csRoute is the one route every CloudSSO call takes: the generated SDKs
// POST each RPC action to "/" (B.0, B.7). It is written out rather than
// taken from the emulator, so that a request the emulator files under
// another pattern shows up as a wrong count.
const csRoute = "POST /{$}"

// The demo fixture's CloudSSO objects (CONTRACT-5), spelled out for the
// same reason.
const (
	csAccessKeyID     = "demo-ak"
	csAccessKeySecret = "demo-sk"
	csDirectoryID     = "d-demo00000001"
	csDirectoryName   = "demo-directory"
	csRegion          = "cn-shanghai"
	csSTSKeyID        = "STS.demo-sts-ak"
	csSTSSecret       = "demo-sts-sk"
	csSecurityToken   = "demo-security-token"
	csOtherDirectory  = "d-other0000001"
	// csNoDirectory has the documented form of an ID (B.2) but names no
	// directory, so the emulator can only refuse it for not existing.
	csNoDirectory = "d-000000000000"
)

// The CloudSSO codes the tests expect, from the notes (B.3) and, where the
// notes infer, CONTRACT-5.
const (
	csSignatureMismatch = "SignatureDoesNotMatch"
	csTimestampExpired  = "InvalidTimeStamp.Expired"
	csThrottlingUser    = "Throttling.User"
	csDirectoryNotFound = "EntityNotExists.Directory"
	// csSignaturePrefix is what the gateway says before its string to sign.
	csSignaturePrefix = "Specified signature is not matched with our calculation. server string to sign is:"
)

// csRequestIDRE is the uppercase UUID shape of a RequestId (B.2).
var csRequestIDRE = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

// csExchange is one request as the emulator received it and the answer it
// gave, seen from the listener: what the client signed with, and the Code
// of an error body.
type csExchange struct {
	// authorization is the V3 Authorization header; nonce, date and token
	// the x-acs- headers of those names.
	authorization, nonce, date, token string
	status                            int // 0: the connection was reset
	code                              string
}

// csEnv is one emulator, loaded with the demo fixture, behind a real HTTP
// listener, seen from the CloudSSO side.
type csEnv struct {
	t   *testing.T
	srv *emulator.Server
	url string

	mu        sync.Mutex
	exchanges []csExchange
}

func newCloudSSOEnv(t *testing.T) *csEnv {
	t.Helper()
	srv, err := emulator.New(emulator.DemoFixture())
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	e := &csEnv{t: t, srv: srv}
	ts := httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

// serve records each request's signing headers and its answer's status and
// error code around the emulator. The emulator counts statuses only; the
// code tells a throttled 400 from any other.
func (e *csEnv) serve(w http.ResponseWriter, r *http.Request) {
	rec := &csRecorder{ResponseWriter: w}
	e.srv.ServeHTTP(rec, r)
	x := csExchange{
		authorization: r.Header.Get("Authorization"),
		nonce:         r.Header.Get("x-acs-signature-nonce"),
		date:          r.Header.Get("x-acs-date"),
		token:         r.Header.Get("x-acs-security-token"),
		status:        rec.status,
	}
	if rec.hijacked {
		x.status = 0
	} else if x.status == 0 {
		x.status = http.StatusOK
	}
	if x.status >= 400 {
		var body struct{ Code string }
		if err := json.Unmarshal(rec.body.Bytes(), &body); err != nil {
			e.t.Errorf("the %d answer is not a JSON error body: %q", x.status, rec.body.String())
		}
		x.code = body.Code
	}
	e.mu.Lock()
	e.exchanges = append(e.exchanges, x)
	e.mu.Unlock()
}

func (e *csEnv) seen() []csExchange {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]csExchange(nil), e.exchanges...)
}

// codes counts the error answers by code.
func (e *csEnv) codes() map[string]int {
	out := map[string]int{}
	for _, x := range e.seen() {
		if x.status >= 400 {
			out[x.code]++
		}
	}
	return out
}

// csRecorder keeps a copy of the answer's status and body.
type csRecorder struct {
	http.ResponseWriter
	status   int
	body     bytes.Buffer
	hijacked bool
}

func (r *csRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *csRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// Hijack lets the emulator's reset fault reach the connection, noting the
// reset on the way.
func (r *csRecorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	r.hijacked = true
	return http.NewResponseController(r.ResponseWriter).Hijack()
}

// emu is the emulator's Go state API.
func (e *csEnv) emu() *cloudssoemu.API { return e.srv.CloudSSO() }

// client builds a client for the emulator with the demo access key. The
// endpoint is the listener's URL, which the client turns into DARA's
// host:port and protocol HTTP. Retries wait milliseconds so that fault
// tests stay fast; the quota tests set their own waits.
func (e *csEnv) client(edits ...func(*cloudsso.Config)) *cloudsso.Client {
	e.t.Helper()
	cfg := cloudsso.Config{
		Endpoint:        e.url,
		AccessKeyID:     csAccessKeyID,
		AccessKeySecret: csAccessKeySecret,
		RetryWaitMin:    time.Millisecond,
		RetryWaitMax:    20 * time.Millisecond,
	}
	for _, edit := range edits {
		edit(&cfg)
	}
	c, err := cloudsso.New(cfg)
	if err != nil {
		e.t.Fatalf("cloudsso.New: %v", err)
	}
	return c
}

// counts returns how many requests the emulator answered on csRoute, by
// status (0: the connection was reset).
func (e *csEnv) counts() map[int]int {
	return e.srv.StatusCounts(cloudssoemu.Name, csRoute)
}

// wantCounts checks the emulator's counts and that it counted nothing of
// CloudSSO anywhere else (an unmatched path, say).
func (e *csEnv) wantCounts(want map[int]int) {
	e.t.Helper()
	// A status wanted zero times is one not wanted at all.
	want = maps.Clone(want)
	maps.DeleteFunc(want, func(_, n int) bool { return n == 0 })
	if got := e.counts(); !maps.Equal(got, want) {
		e.t.Errorf("%s answered %v (status: requests), want %v", csRoute, got, want)
	}
	total := 0
	for _, n := range want {
		total += n
	}
	if n := e.srv.Total(); n != total {
		e.t.Errorf("emulator served %d requests in all, want %d", n, total)
	}
}

func (e *csEnv) directory(id string) cloudssoemu.DirectoryState {
	e.t.Helper()
	d, ok := e.emu().Directory(id)
	if !ok {
		e.t.Fatalf("emulator has no directory %s", id)
	}
	return d
}

func (e *csEnv) setCallsPerSecond(n int) {
	e.t.Helper()
	if _, err := e.emu().UpdateSettings(cloudssoemu.SettingsPatch{CallsPerSecond: &n}); err != nil {
		e.t.Fatalf("UpdateSettings: %v", err)
	}
}

func (e *csEnv) addFault(f emulator.Fault) {
	e.t.Helper()
	f.API, f.Route = cloudssoemu.Name, csRoute
	if _, err := e.srv.AddFault(f); err != nil {
		e.t.Fatalf("AddFault: %v", err)
	}
}

// csMFA reads the demo directory's MFA status and fails the test on an
// error.
func csMFA(t *testing.T, c *cloudsso.Client) bool {
	t.Helper()
	on, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
	if err != nil {
		t.Fatalf("GetMFAAuthenticationStatus(%s): %v", csDirectoryID, err)
	}
	return on
}

// csErrOf fails unless err is a *cloudsso.Error of kind want, and returns
// it.
func csErrOf(t *testing.T, err error, want cloudsso.Kind) *cloudsso.Error {
	t.Helper()
	var e *cloudsso.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *cloudsso.Error", err, err)
	}
	if e.Kind != want {
		t.Fatalf("kind %v, want %v (error: %v)", e.Kind, want, err)
	}
	return e
}

// csWantAPIError checks the wire side of an API error: operation, status
// and code, a message and a request ID as the emulator writes them.
func csWantAPIError(t *testing.T, e *cloudsso.Error, op string, status int, code string) {
	t.Helper()
	if e.Op != op || e.Status != status || e.Code != code {
		t.Errorf("error %s HTTP %d %q, want %s HTTP %d %q (error: %v)", e.Op, e.Status, e.Code, op, status, code, e)
	}
	if e.Message == "" || !csRequestIDRE.MatchString(e.RequestID) {
		t.Errorf("error message %q, request ID %q: want a message and an uppercase UUID", e.Message, e.RequestID)
	}
	if !strings.Contains(e.Error(), e.RequestID) {
		t.Errorf("error text %q does not name the request ID", e)
	}
}

// csNoSecrets fails if the error text shows a secret.
func csNoSecrets(t *testing.T, err error, secrets ...string) {
	t.Helper()
	for _, s := range append(secrets, csAccessKeySecret, csSTSSecret, csSecurityToken) {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q shows a secret", err)
		}
	}
}

// csLog records the client's debug messages.
type csLog struct {
	mu   sync.Mutex
	msgs []string
	// maxAttempt is the highest attempt number a retry message named.
	maxAttempt int
}

func (l *csLog) Debug(_ context.Context, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, msg)
	if n, ok := fields["attempt"].(int); ok && msg == "cloudsso retry" {
		l.maxAttempt = max(l.maxAttempt, n)
	}
}

func (l *csLog) count(msg string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, m := range l.msgs {
		if m == msg {
			n++
		}
	}
	return n
}

func (l *csLog) retriesOfOneCall() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.maxAttempt
}

// TestCloudSSOSignedRoundTrip: the vendor's signer, driven by the client,
// and the emulator's verifier agree on V3, and the client reads and writes
// the state the emulator keeps: Enabled, Disabled, Enabled again and a
// change made out of band. The directory's fields and times are the
// emulator's own tests' (emulator/cloudsso TestGetAndListDirectories,
// TestMFAStatus).
func TestCloudSSOSignedRoundTrip(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client()

	if !csMFA(t, c) {
		t.Fatal("demo directory reads Disabled, want Enabled")
	}
	if err := c.SetMFAAuthenticationStatus(t.Context(), csDirectoryID, false); err != nil {
		t.Fatalf("Set Disabled: %v", err)
	}
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Disabled" {
		t.Fatalf("emulator holds %q after Set Disabled", st)
	}
	if csMFA(t, c) {
		t.Fatal("reads Enabled after Set Disabled")
	}
	if err := c.SetMFAAuthenticationStatus(t.Context(), csDirectoryID, true); err != nil {
		t.Fatalf("Set Enabled: %v", err)
	}
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Enabled" {
		t.Fatalf("emulator holds %q after Set Enabled", st)
	}
	if !csMFA(t, c) {
		t.Fatal("reads Disabled after Set Enabled")
	}

	// A change made in the console shows on the next read.
	off := "Disabled"
	if _, err := e.emu().UpdateDirectory(csDirectoryID, cloudssoemu.DirectoryPatch{MFAAuthenticationStatus: &off}); err != nil {
		t.Fatal(err)
	}
	if csMFA(t, c) {
		t.Error("a change made out of band does not show")
	}

	e.wantCounts(map[int]int{http.StatusOK: 6})
	for i, x := range e.seen() {
		wantV3(t, i, x, csAccessKeyID)
		if x.token != "" {
			t.Errorf("request %d carries a security token without STS credentials", i)
		}
	}
}

// csV3HeaderRE is a V3 Authorization header (B.4.2).
var csV3HeaderRE = regexp.MustCompile(`^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$`)

// wantV3 checks that a request was signed with V3 by the access key, over
// host and every x-acs- header the notes list, and dated in the form they
// give. It returns the signed header names.
func wantV3(t *testing.T, i int, x csExchange, accessKeyID string) []string {
	t.Helper()
	m := csV3HeaderRE.FindStringSubmatch(x.authorization)
	if m == nil {
		t.Fatalf("request %d: Authorization %q is not ACS3-HMAC-SHA256", i, x.authorization)
	}
	if m[1] != accessKeyID {
		t.Errorf("request %d: Credential %q, want %q", i, m[1], accessKeyID)
	}
	signed := strings.Split(m[2], ";")
	for _, h := range []string{"host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if !slices.Contains(signed, h) {
			t.Errorf("request %d: SignedHeaders %q lack %s", i, m[2], h)
		}
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", x.date); err != nil {
		t.Errorf("request %d: x-acs-date %q is not yyyy-MM-ddTHH:mm:ssZ", i, x.date)
	}
	return signed
}
