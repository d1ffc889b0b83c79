package conformance

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// What each case cancels: a Terraform command's context ends (Ctrl-C) while a client keeps
// getting answers it retries. The clients run with their default waits, as the provider
// builds them, so that a wait left to run out would take seconds, not milliseconds.
const (
	cancelAfter = 200 * time.Millisecond
	// cancelGrace is how soon after the cancel the call must have returned.
	cancelGrace = time.Second
)

// cancelFaults are the answers a call keeps getting until its context ends: each kind of
// wait a client can be in when the cancel comes.
var cancelFaults = []struct {
	name  string
	fault emulator.Fault
}{
	// Retry-After asks for an hour: the client waits its cap, far longer than the test.
	{"503 with Retry-After", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: "3600"}},
	{"throttle", emulator.Fault{Kind: emulator.FaultThrottle, RetryAfter: "3600"}},
	// No Retry-After: the client's own backoff.
	{"503", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable}},
	{"connection reset", emulator.Fault{Kind: emulator.FaultReset}},
	// The cancel comes while an attempt is in flight.
	{"slow answer", emulator.Fault{Latency: time.Minute}},
}

// testCancel runs call with a context cancelled after cancelAfter, and checks that it returns
// a context error within cancelGrace of the cancel and that no request reaches the emulator
// afterwards.
func testCancel(t *testing.T, srv *emulator.Server, call func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cancelledAt := make(chan time.Time, 1)
	timer := time.AfterFunc(cancelAfter, func() {
		cancelledAt <- time.Now()
		cancel()
	})
	defer timer.Stop()
	start := time.Now()
	err := call(ctx)
	returned := time.Now()
	var cancelled time.Time
	select {
	case cancelled = <-cancelledAt:
	default:
		t.Fatalf("the call returned after %v, before the cancel: %v", returned.Sub(start), err)
	}
	if late := returned.Sub(cancelled); late > cancelGrace {
		t.Errorf("the call returned %v after the cancel, want within %v", late, cancelGrace)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v (%T) does not wrap context.Canceled", err, err)
	}
	seen := arrivals(srv)
	if seen == 0 {
		t.Error("no request reached the emulator: the case did not exercise a fault")
	}
	// A retry still scheduled would arrive within a backoff step.
	time.Sleep(300 * time.Millisecond)
	if n := arrivals(srv); n != seen {
		t.Errorf("%d requests reached the emulator after the call returned", n-seen)
	}
	t.Logf("returned %v after the cancel, %d requests", returned.Sub(cancelled).Round(time.Millisecond), seen)
}

// arrivals counts the requests the faults have seen arrive. The emulator's own counts would
// miss one still in flight, which it counts once answered.
func arrivals(srv *emulator.Server) int {
	n := 0
	for _, f := range srv.Faults() {
		n += f.Matched
	}
	return n
}

// TestCancelStopsRackspaceRetries: a login against Identity that keeps answering with faults
// stops when its context ends.
func TestCancelStopsRackspaceRetries(t *testing.T) {
	for _, tc := range cancelFaults {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.addFault(tc.fault)
			c := e.client(func(cfg *rackspace.Config) { cfg.RetryWaitMin, cfg.RetryWaitMax = 0, 0 })
			testCancel(t, e.srv, func(ctx context.Context) error {
				_, err := c.Authenticate(ctx, demoUserKey)
				return err
			})
		})
	}
}

// TestCancelStopsAcronisRetries: the token request, and an API call once a token is held,
// stop when their context ends.
func TestCancelStopsAcronisRetries(t *testing.T) {
	for _, route := range []string{acTokenRoute, acPutMFARoute} {
		for _, tc := range cancelFaults {
			t.Run(route+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := newAcronisEnv(t)
				c := e.client(func(cfg *acronis.Config) { cfg.RetryWaitMin, cfg.RetryWaitMax = 0, 0 })
				if route != acTokenRoute {
					// The token first, so that the faults meet the API call.
					readMFA(t, c, acCustomerID)
				}
				e.addFault(route, tc.fault)
				testCancel(t, e.srv, func(ctx context.Context) error {
					_, err := c.SetTenantMFAStatus(ctx, acCustomerID, true)
					return err
				})
				if e.tenant(acCustomerID).MFAEnabled {
					t.Error("the cancelled call changed the tenant")
				}
			})
		}
	}
}

// TestCancelStopsCloudSSORetries: a call stops when its context ends, with retries unlimited
// as the provider configures them.
func TestCancelStopsCloudSSORetries(t *testing.T) {
	for _, tc := range cancelFaults {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newCloudSSOEnv(t)
			e.addFault(tc.fault)
			c := e.client(func(cfg *cloudsso.Config) {
				cfg.RetryMax, cfg.RetryWaitMin, cfg.RetryWaitMax = math.MaxInt32, 0, 0
			})
			testCancel(t, e.srv, func(ctx context.Context) error {
				return c.SetMFAAuthenticationStatus(ctx, csDirectoryID, false)
			})
			if st := e.directory(csDirectoryID).MFAAuthenticationStatus; st != "Enabled" {
				t.Errorf("the cancelled call changed the directory to %q", st)
			}
		})
	}
}
