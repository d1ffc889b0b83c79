package conformance

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

var demoUserKey = rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey}

func (e *env) addFault(f emulator.Fault) {
	e.t.Helper()
	f.API, f.Route = identity.Name, tokensRoute
	if _, err := e.srv.AddFault(f); err != nil {
		e.t.Fatalf("AddFault: %v", err)
	}
}

// TestRetryAfterHonoured is the one test that takes real time: it shows the
// client waits as long as Retry-After asks, measured where the server sees
// the requests arrive.
func TestRetryAfterHonoured(t *testing.T) {
	e := newEnv(t)
	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: "1", Count: 1})
	c := e.client(func(cfg *rackspace.Config) { cfg.RetryWaitMax = 5 * time.Second })
	if _, err := c.Authenticate(context.Background(), demoUserKey); err != nil {
		t.Fatal(err)
	}
	if n := e.srv.CountsFor(identity.Name, tokensRoute); n != 2 {
		t.Errorf("emulator counted %d requests, want 2", n)
	}
	e.wantCounts(tokensRoute, map[int]int{503: 1, 200: 1})
	at := e.tokenArrivals()
	if len(at) != 2 {
		t.Fatalf("%d requests arrived, want 2", len(at))
	}
	gap := at[1].Sub(at[0])
	t.Logf("retry arrived %v after the 503", gap)
	if gap < time.Second || gap >= 5*time.Second {
		t.Errorf("retry came %v after the 503 with Retry-After: 1, want at least 1s and under the 5s cap", gap)
	}
}

// TestRetryAfterCapped: a long Retry-After is cut to RetryWaitMax rather
// than stalling the provider.
func TestRetryAfterCapped(t *testing.T) {
	e := newEnv(t)
	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: "3600", Count: 1})
	c := e.client(func(cfg *rackspace.Config) { cfg.RetryWaitMax = 50 * time.Millisecond })
	if _, err := c.Authenticate(context.Background(), demoUserKey); err != nil {
		t.Fatal(err)
	}
	at := e.tokenArrivals()
	if len(at) != 2 || at[1].Sub(at[0]) > 30*time.Second {
		t.Errorf("arrivals %v: want 2, the retry long before the hour asked for", at)
	}
}

func TestRetryOnFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault emulator.Fault
		want  map[int]int
	}{
		{"413 overLimit throttle", emulator.Fault{Kind: emulator.FaultThrottle, Count: 1}, map[int]int{413: 1, 200: 1}},
		{"429", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusTooManyRequests, Count: 1}, map[int]int{429: 1, 200: 1}},
		{"502 twice", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusBadGateway, Count: 2}, map[int]int{502: 2, 200: 1}},
		{"connection reset", emulator.Fault{Kind: emulator.FaultReset, Count: 1}, map[int]int{0: 1, 200: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.addFault(tt.fault)
			a, err := e.client().Authenticate(context.Background(), demoUserKey)
			if err != nil {
				t.Fatal(err)
			}
			if tok := e.onlyToken(); a.Token.ID != tok.ID {
				t.Errorf("token %q, emulator issued %q", a.Token.ID, tok.ID)
			}
			e.wantCounts(tokensRoute, tt.want)
		})
	}
}

// TestRetryResetViaAdminRoute installs the fault the way a user of the
// standalone emulator would, over its admin HTTP route.
func TestRetryResetViaAdminRoute(t *testing.T) {
	e := newEnv(t)
	body := `{"api":"identity","route":"POST /v2.0/tokens","kind":"reset","count":1}`
	resp, err := http.Post(e.url+"/_emulator/faults", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /_emulator/faults: %d", resp.StatusCode)
	}
	if _, err := e.client().Authenticate(context.Background(), demoUserKey); err != nil {
		t.Fatal(err)
	}
	e.wantCounts(tokensRoute, map[int]int{0: 1, 200: 1})
}

// TestRetryPasscodeStep: the second request of an MFA login is retried
// with its session ID, and still succeeds.
func TestRetryPasscodeStep(t *testing.T) {
	e := newEnv(t)
	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, After: 1, Count: 1})
	a, err := e.client().Authenticate(context.Background(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Token.AuthenticatedBy) != 2 {
		t.Errorf("authenticatedBy %v", a.Token.AuthenticatedBy)
	}
	e.wantCounts(tokensRoute, map[int]int{401: 1, 503: 1, 200: 1})
}

// TestNoRetry: answers that waiting cannot change are returned after one
// request.
func TestNoRetry(t *testing.T) {
	tests := []struct {
		name     string
		fault    emulator.Fault
		kind     rackspace.Kind
		faultKey string
	}{
		{"400", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusBadRequest}, rackspace.KindBadRequest, "badRequest"},
		{"403", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusForbidden}, rackspace.KindForbidden, "forbidden"},
		{"404", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusNotFound}, rackspace.KindNotFound, "itemNotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.addFault(tt.fault)
			_, err := e.client().Authenticate(context.Background(), demoUserKey)
			re := errOfKind(t, err, tt.kind)
			if re.Status != tt.fault.Status || re.Fault != tt.faultKey {
				t.Errorf("HTTP %d %q, want %d %q", re.Status, re.Fault, tt.fault.Status, tt.faultKey)
			}
			e.wantCounts(tokensRoute, map[int]int{tt.fault.Status: 1})
		})
	}
}

// TestRetriesExhausted: once the retries are spent the last answer is
// classified like any other.
func TestRetriesExhausted(t *testing.T) {
	tests := []struct {
		name   string
		fault  emulator.Fault
		kind   rackspace.Kind
		status int
		want   map[int]int
	}{
		{"throttled", emulator.Fault{Kind: emulator.FaultThrottle}, rackspace.KindRateLimited, 413, map[int]int{413: 3}},
		{"503", emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable}, rackspace.KindServer, 503, map[int]int{503: 3}},
		{"reset", emulator.Fault{Kind: emulator.FaultReset}, rackspace.KindUnknown, 0, map[int]int{0: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.addFault(tt.fault)
			c := e.client(func(cfg *rackspace.Config) { cfg.RetryMax = 2 })
			_, err := c.Authenticate(context.Background(), demoUserKey)
			re := errOfKind(t, err, tt.kind)
			if re.Status != tt.status {
				t.Errorf("status %d, want %d", re.Status, tt.status)
			}
			if tt.status == 0 && !strings.Contains(re.Message, "after 3 attempts") {
				t.Errorf("message %q does not count the attempts", re.Message)
			}
			e.wantCounts(tokensRoute, tt.want)
		})
	}
}
