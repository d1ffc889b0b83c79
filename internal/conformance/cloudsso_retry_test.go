package conformance

import (
	"net/http"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// TestCloudSSORetryOnFaults: transient failures are retried and the caller
// sees only the success. A fault answers before the emulator verifies
// anything, so the repeat is a fresh, validly signed request: the Set takes
// effect once, and each attempt has a nonce of its own.
func TestCloudSSORetryOnFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault emulator.Fault
		want  map[int]int
		code  string
	}{
		{"ServiceUnavailable 503", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1},
			map[int]int{503: 1, 200: 1}, "ServiceUnavailable"},
		// A POST is never replayed by net/http itself, so one reset reaches
		// the client's retry policy.
		{"connection reset", emulator.Fault{Kind: emulator.FaultReset, Count: 1},
			map[int]int{0: 1, 200: 1}, ""},
		// The throttle fault's Retry-After (1 s) is capped by the test
		// client's 20 ms RetryWaitMax.
		{"Throttling.User", emulator.Fault{Kind: emulator.FaultThrottle, Count: 1},
			map[int]int{400: 1, 200: 1}, csThrottlingUser},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newCloudSSOEnv(t)
			e.addFault(tt.fault)
			log := &csLog{}
			c := e.client(func(cfg *cloudsso.Config) { cfg.Logger = log })
			if err := c.SetMFAAuthenticationStatus(t.Context(), csDirectoryID, false); err != nil {
				t.Fatalf("Set after one %s: %v", tt.name, err)
			}
			e.wantCounts(tt.want)
			if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Disabled" {
				t.Errorf("emulator holds %q, want Disabled", st)
			}
			x := e.seen()
			if len(x) != 2 || x[0].code != tt.code || x[0].nonce == x[1].nonce {
				t.Errorf("exchanges %+v: want the fault's %q, then a repeat with a new nonce", x, tt.code)
			}
			if n := log.count("cloudsso retry"); n != 1 {
				t.Errorf("client logged %d retries, want 1", n)
			}
		})
	}
}

// TestCloudSSOFaultsNotRetriedWhenRetriesOff is the control for the cases
// above: with retries disabled each fault ends the call, in the kind the
// client gives it, so it is the client's policy that recovers there.
func TestCloudSSOFaultsNotRetriedWhenRetriesOff(t *testing.T) {
	tests := []struct {
		name   string
		fault  emulator.Fault
		kind   cloudsso.Kind
		status int
		code   string
	}{
		{"ServiceUnavailable 503", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1},
			cloudsso.KindServer, 503, "ServiceUnavailable"},
		{"connection reset", emulator.Fault{Kind: emulator.FaultReset, Count: 1}, cloudsso.KindUnknown, 0, ""},
		{"InternalError 500", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusInternalServerError, Count: 1},
			cloudsso.KindServer, 500, "InternalError"},
		{"Throttling.User", emulator.Fault{Kind: emulator.FaultThrottle, Count: 1}, cloudsso.KindThrottled, 400, csThrottlingUser},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newCloudSSOEnv(t)
			e.addFault(tt.fault)
			c := e.client(func(cfg *cloudsso.Config) { cfg.RetryMax = -1 })
			_, err := c.GetMFAAuthenticationStatus(t.Context(), csDirectoryID)
			re := csErrOf(t, err, tt.kind)
			if tt.status == 0 {
				if re.Status != 0 || !strings.Contains(re.Message, "connection reset") {
					t.Errorf("status %d, message %q; want 0 and a connection reset", re.Status, re.Message)
				}
			} else {
				csWantAPIError(t, re, "GetMFAAuthenticationStatus", tt.status, tt.code)
			}
			e.wantCounts(map[int]int{tt.status: 1})
		})
	}
}

// TestCloudSSOInjected400NotRetried: a 400 that is no throttling is the
// request's fault, not the server's: one request, KindBadRequest with the
// emulator's code for the status, and no change.
func TestCloudSSOInjected400NotRetried(t *testing.T) {
	e := newCloudSSOEnv(t)
	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusBadRequest, Count: 1})
	err := e.client().SetMFAAuthenticationStatus(t.Context(), csDirectoryID, false)
	re := csErrOf(t, err, cloudsso.KindBadRequest)
	// The emulator names an unnamed status after its text (CONTRACT-5
	// leaves it open; WriteFault documents the choice).
	csWantAPIError(t, re, "SetMFAAuthenticationStatus", http.StatusBadRequest, "BadRequest")
	e.wantCounts(map[int]int{http.StatusBadRequest: 1})
	if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Enabled" {
		t.Errorf("emulator holds %q after a refused Set", st)
	}
}
