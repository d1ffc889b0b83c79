package conformance

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// withSTS gives a client the demo account's STS credential.
func withSTS(token string) func(*cloudsso.Config) {
	return func(cfg *cloudsso.Config) {
		cfg.AccessKeyID, cfg.AccessKeySecret, cfg.SecurityToken = csSTSKeyID, csSTSSecret, token
	}
}

// TestCloudSSOSTS: an STS key works with its security token, which DARA
// sends, signed, as x-acs-security-token; with another token the call ends
// in KindSecurityToken after one request, and nothing changes.
func TestCloudSSOSTS(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client(withSTS(csSecurityToken))
	if !csMFA(t, c) {
		t.Fatal("demo directory reads Disabled, want Enabled")
	}
	if err := c.SetMFAAuthenticationStatus(t.Context(), csDirectoryID, false); err != nil {
		t.Fatalf("Set Disabled with STS: %v", err)
	}
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Disabled" {
		t.Fatalf("emulator holds %q after Set Disabled with STS", st)
	}
	for i, x := range e.seen() {
		signed := wantV3(t, i, x, csSTSKeyID)
		if x.token != csSecurityToken || !slices.Contains(signed, "x-acs-security-token") {
			t.Errorf("request %d: token %q, signed %v; want the demo token, signed", i, x.token, signed)
		}
	}
	e.wantCounts(map[int]int{http.StatusOK: 2})

	const wrong = "not-the-demo-token"
	err := e.client(withSTS(wrong)).SetMFAAuthenticationStatus(t.Context(), csDirectoryID, true)
	re := csErrOf(t, err, cloudsso.KindSecurityToken)
	csWantAPIError(t, re, "SetMFAAuthenticationStatus", http.StatusBadRequest, "InvalidSecurityToken.MalformedOrExpired")
	csNoSecrets(t, err, wrong)
	e.wantCounts(map[int]int{http.StatusOK: 2, http.StatusBadRequest: 1})
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Disabled" {
		t.Errorf("a refused Set changed the emulator to %q", st)
	}
}

// csStringToSignRE is the V3 string to sign (B.4.2): the algorithm, then
// the hex SHA-256 of the canonical request.
var csStringToSignRE = regexp.MustCompile(`^ACS3-HMAC-SHA256\n[0-9a-f]{64}$`)

// TestCloudSSOWrongSecret: a wrong secret is KindSignature, code
// SignatureDoesNotMatch, after exactly one request: waiting cannot fix it.
// The message carries the server's string to sign, and the signature the
// client sent is that very string signed with the wrong secret, so client
// and emulator built the same canonical request and differ only in the
// key.
func TestCloudSSOWrongSecret(t *testing.T) {
	e := newCloudSSOEnv(t)
	const wrong = "not-the-demo-secret"
	c := e.client(func(cfg *cloudsso.Config) { cfg.AccessKeySecret = wrong })
	_, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
	re := csErrOf(t, err, cloudsso.KindSignature)
	csWantAPIError(t, re, "GetMFAAuthenticationStatus", http.StatusBadRequest, csSignatureMismatch)
	csNoSecrets(t, err, wrong)
	e.wantCounts(map[int]int{http.StatusBadRequest: 1})

	sts, ok := strings.CutPrefix(re.Message, csSignaturePrefix)
	if !ok || !csStringToSignRE.MatchString(sts) {
		t.Fatalf("message %q: want %q and a V3 string to sign", re.Message, csSignaturePrefix)
	}
	if !strings.Contains(err.Error(), sts) {
		t.Errorf("error text %q leaves out the server's string to sign", err)
	}
	x := e.seen()[0]
	m := csV3HeaderRE.FindStringSubmatch(x.authorization)
	if m == nil {
		t.Fatalf("Authorization %q is not ACS3-HMAC-SHA256", x.authorization)
	}
	mac := hmac.New(sha256.New, []byte(wrong))
	mac.Write([]byte(sts))
	if want := hex.EncodeToString(mac.Sum(nil)); m[3] != want {
		t.Errorf("the client signed something else than the server's string to sign: signature %s, HMAC of it %s", m[3], want)
	}
}

// TestCloudSSOUnknownAccessKey: a key the gateway does not know is
// KindAccessKey, 404 InvalidAccessKeyId.NotFound, after one request.
func TestCloudSSOUnknownAccessKey(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client(func(cfg *cloudsso.Config) { cfg.AccessKeyID = "LTAI-no-such-key" })
	err := c.SetMFAAuthenticationStatus(t.Context(), csDirectoryID, false)
	re := csErrOf(t, err, cloudsso.KindAccessKey)
	csWantAPIError(t, re, "SetMFAAuthenticationStatus", http.StatusNotFound, "InvalidAccessKeyId.NotFound")
	csNoSecrets(t, err)
	e.wantCounts(map[int]int{http.StatusNotFound: 1})
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Enabled" {
		t.Errorf("a refused Set changed the emulator to %q", st)
	}
}

// TestCloudSSODirectoryNotFound: another account's directory is as unknown
// as one that does not exist (B.3, CONTRACT-5): KindNotFound, 404
// EntityNotExists.Directory, for each action, one request each, and the
// other account's directory stays as it was.
func TestCloudSSODirectoryNotFound(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client()
	calls := []struct {
		op   string
		call func(id string) error
	}{
		{"GetMFAAuthenticationStatus", func(id string) error {
			_, err := c.GetMFAAuthenticationStatus(t.Context(), id)
			return err
		}},
		{"SetMFAAuthenticationStatus", func(id string) error {
			return c.SetMFAAuthenticationStatus(t.Context(), id, false)
		}},
	}
	n := 0
	for _, id := range []string{csOtherDirectory, csNoDirectory} {
		for _, cl := range calls {
			t.Run(cl.op+" "+id, func(t *testing.T) {
				re := csErrOf(t, cl.call(id), cloudsso.KindNotFound)
				csWantAPIError(t, re, cl.op, http.StatusNotFound, csDirectoryNotFound)
			})
			n++
			e.wantCounts(map[int]int{http.StatusNotFound: n})
		}
	}
	if st := e.directory(csOtherDirectory).MFAAuthenticationStatus; st != "Enabled" {
		t.Errorf("the other account's directory is now %q", st)
	}
}

// TestCloudSSOClockSkew: the gateway judges x-acs-date against its own
// clock with 15 minutes' grace (B.3). DARA dates requests by the local
// clock, which the client does not correct, so a gateway 16 minutes away,
// either way, refuses with KindTimestamp InvalidTimeStamp.Expired after
// one request; 14 minutes away it answers.
func TestCloudSSOClockSkew(t *testing.T) {
	tests := []struct {
		skew time.Duration
		ok   bool
	}{
		{16 * time.Minute, false},
		{-16 * time.Minute, false},
		{14 * time.Minute, true},
		{-14 * time.Minute, true},
	}
	for _, tt := range tests {
		t.Run(tt.skew.String(), func(t *testing.T) {
			e := newCloudSSOEnv(t)
			e.srv.Clock().Advance(tt.skew)
			_, err := e.client().GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
			if tt.ok {
				if err != nil {
					t.Fatalf("gateway %v away: %v", tt.skew, err)
				}
				e.wantCounts(map[int]int{http.StatusOK: 1})
				return
			}
			re := csErrOf(t, err, cloudsso.KindTimestamp)
			csWantAPIError(t, re, "GetMFAAuthenticationStatus", http.StatusBadRequest, csTimestampExpired)
			e.wantCounts(map[int]int{http.StatusBadRequest: 1})
		})
	}
}

// TestCloudSSOFreshNonces: every request of a burst carries its own nonce
// (B.4.2), or the gateway, which remembers nonces for 15 minutes, would
// refuse the repeat with SignatureNonceUsed. Sequential calls are the hard
// case for a nonce built from the time; concurrent ones, for a nonce
// built from shared state. The quota is raised and the client's limit
// lifted so that only nonces are under test.
func TestCloudSSOFreshNonces(t *testing.T) {
	const calls, workers = 200, 8
	e := newCloudSSOEnv(t)
	e.setCallsPerSecond(100 * calls)
	c := e.client(func(cfg *cloudsso.Config) { cfg.RequestsPerSecond = -1 })
	start := time.Now()
	for i := range calls {
		if _, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	t.Logf("%d sequential calls in %v", calls, time.Since(start))

	start = time.Now()
	errs := make(chan error, calls)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range calls / workers {
				_, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent call: %v", err)
		}
	}
	t.Logf("%d calls on %d goroutines in %v", calls, workers, time.Since(start))

	e.wantCounts(map[int]int{http.StatusOK: 2 * calls})
	if codes := e.codes(); len(codes) != 0 {
		t.Errorf("error answers %v, want none", codes)
	}
	nonces := map[string]bool{}
	for _, x := range e.seen() {
		nonces[x.nonce] = true
	}
	if len(nonces) != 2*calls || nonces[""] {
		t.Errorf("%d distinct nonces in %d requests, want one each", len(nonces), 2*calls)
	}
}

// TestCloudSSOOtherAccount: the second demo account reads its own
// directory and not the first account's, so "not found" above is about
// ownership, not about that directory.
func TestCloudSSOOtherAccount(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client(func(cfg *cloudsso.Config) {
		cfg.AccessKeyID, cfg.AccessKeySecret = "other-ak", "other-sk"
	})
	// The directory's fields: emulator/cloudsso TestGetAndListDirectories.
	if _, err := c.GetMFAAuthenticationStatus(t.Context(), csOtherDirectory); err != nil {
		t.Fatalf("GetMFAAuthenticationStatus(%s) as its owner: %v", csOtherDirectory, err)
	}
	_, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
	csWantAPIError(t, csErrOf(t, err, cloudsso.KindNotFound), "GetMFAAuthenticationStatus", http.StatusNotFound, csDirectoryNotFound)
	e.wantCounts(map[int]int{http.StatusOK: 1, http.StatusNotFound: 1})
}
