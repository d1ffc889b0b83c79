package conformance

import (
	"net/http"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// csQuota is the emulator's per-account quota in the quota tests, lowered
// from the documented 100 calls per second so that a client can exceed it
// within a few seconds.
const csQuota = 20

// csBurst makes calls GetMFAAuthenticationStatus calls one after another,
// as a Terraform refresh of many resources through one Client would, and
// fails on any error. It returns how long they took.
func csBurst(t *testing.T, c *cloudsso.Client, calls int) time.Duration {
	t.Helper()
	start := time.Now()
	for i := range calls {
		if _, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID); err != nil {
			t.Fatalf("call %d of %d: %v", i+1, calls, err)
		}
	}
	return time.Since(start)
}

// TestCloudSSOQuotaExceededAndRetried: a client allowed 50 calls per
// second meets a gateway that allows 20. The gateway answers some calls
// with Throttling.User; the client waits and repeats them, each repeat
// with a new nonce, so that all 100 calls succeed and the caller sees no
// error. Every throttled answer is a retry the client logged.
func TestCloudSSOQuotaExceededAndRetried(t *testing.T) {
	t.Parallel()
	const calls = 100
	e := newCloudSSOEnv(t)
	e.setCallsPerSecond(csQuota)
	log := &csLog{}
	// Short waits keep the test near the 4.4s the quota itself imposes.
	// Full jitter may draw waits near zero many times in a row, so the
	// retry budget is raised: the test is about the caller seeing no
	// error, and a repeat is cheap here.
	c := e.client(func(cfg *cloudsso.Config) {
		cfg.RequestsPerSecond = 50
		cfg.RetryWaitMin = 20 * time.Millisecond
		cfg.RetryWaitMax = 250 * time.Millisecond
		cfg.RetryMax = 100
		cfg.Logger = log
	})
	took := csBurst(t, c, calls)

	codes := e.codes()
	throttled := codes[csThrottlingUser]
	t.Logf("%d calls in %v; the emulator throttled %d requests, at most %d in a row", calls, took, throttled, log.retriesOfOneCall())
	if throttled == 0 {
		t.Errorf("no Throttling.User answers: the client stayed under a quota of %d/s at 50/s?", csQuota)
	}
	if len(codes) != 1 {
		t.Errorf("error answers %v, want Throttling.User only", codes)
	}
	e.wantCounts(map[int]int{http.StatusOK: calls, http.StatusBadRequest: throttled})
	if n := log.count("cloudsso retry"); n != throttled {
		t.Errorf("client logged %d retries for %d throttled answers", n, throttled)
	}
	nonces := map[string]bool{}
	for _, x := range e.seen() {
		nonces[x.nonce] = true
	}
	if len(nonces) != calls+throttled {
		t.Errorf("%d distinct nonces in %d requests", len(nonces), calls+throttled)
	}
	// At most csQuota calls fit in any second, so 100 successes span more
	// than four: had the gateway let more through, this would be quicker.
	if took < (calls/csQuota-1)*time.Second {
		t.Errorf("%d calls took %v, too quick for a quota of %d/s", calls, took, csQuota)
	}
}

// TestCloudSSOQuotaRespected: a client limited to 15 calls per second never
// gets a Throttling.User from a gateway allowing 20, over more than two
// seconds of calls, so the sliding window is tested and not just the
// first second.
func TestCloudSSOQuotaRespected(t *testing.T) {
	t.Parallel()
	const calls = 40
	e := newCloudSSOEnv(t)
	e.setCallsPerSecond(csQuota)
	c := e.client(func(cfg *cloudsso.Config) { cfg.RequestsPerSecond = 15 })
	took := csBurst(t, c, calls)
	t.Logf("%d calls in %v", calls, took)
	e.wantCounts(map[int]int{http.StatusOK: calls})
	if codes := e.codes(); len(codes) != 0 {
		t.Errorf("error answers %v, want none", codes)
	}
	// The limiter is what kept the calls apart: 40 calls at 15/s take at
	// least (40-1)/15 s.
	if took < 2500*time.Millisecond {
		t.Errorf("%d calls took %v, under the 2.6s a limit of 15/s needs", calls, took)
	}
}
