package conformance

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// TestAcronisRetryOnFaults: Acronis's own throttle answer and resets on real connections, at
// the API route or the token endpoint, are retried and the caller sees only the success; a
// retry is not a reason for a new token, and a retried token request is one fetch. Which
// statuses are transient is the client's rule (internal/client/acronis retry_test.go). The
// throttle's Retry-After (1 s) is capped by the test client's 20 ms RetryWaitMax.
func TestAcronisRetryOnFaults(t *testing.T) {
	tests := []struct {
		name  string
		route string
		fault emulator.Fault
		want  map[int]int
	}{
		{"status read/429 throttle", acGetMFARoute, emulator.Fault{Kind: emulator.FaultThrottle, Count: 1}, map[int]int{429: 1, 200: 1}},
		// Two resets: net/http itself replays a GET once when the reused
		// keep-alive connection of the token request is reset, so one reset
		// alone would never reach the client's retry policy; the second,
		// on a fresh connection, does.
		{"status read/connection reset twice", acGetMFARoute, emulator.Fault{Kind: emulator.FaultReset, Count: 2}, map[int]int{0: 2, 200: 1}},
		{"token/429 throttle", acTokenRoute, emulator.Fault{Kind: emulator.FaultThrottle, Count: 1}, map[int]int{429: 1, 200: 1}},
		{"token/connection reset", acTokenRoute, emulator.Fault{Kind: emulator.FaultReset, Count: 1}, map[int]int{0: 1, 200: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newAcronisEnv(t)
			e.addFault(tt.route, tt.fault)
			c := e.client()
			wantMFA(t, "status", readMFA(t, c, acCustomerID), customerStatus)
			reads, tokens := map[int]int{200: 1}, map[int]int{200: 1}
			if tt.route == acTokenRoute {
				tokens = tt.want
			} else {
				reads = tt.want
			}
			e.wantCounts(acGetMFARoute, reads)
			e.wantTokenRequests(c, tokens, 1)
			e.tokens(1)
		})
	}
}

// TestAcronisResetNotRetriedWhenRetriesOff is the control for the reset
// cases above: with retries disabled the same two resets end the call, so
// it is the client's policy, not net/http's replay, that recovers there.
func TestAcronisResetNotRetriedWhenRetriesOff(t *testing.T) {
	e := newAcronisEnv(t)
	e.addFault(acGetMFARoute, emulator.Fault{Kind: emulator.FaultReset, Count: 2})
	c := e.client(func(cfg *acronis.Config) { cfg.RetryMax = -1 })
	_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
	if re := acErrOf(t, err, acronis.KindUnknown); re.Status != 0 || !strings.Contains(re.Message, "connection reset") {
		t.Errorf("status %d, message %q; want 0 and a connection reset", re.Status, re.Message)
	}
	e.wantCounts(acGetMFARoute, map[int]int{0: 2})
}

// TestAcronisRetryPut: a PUT is repeated with its body after a 503, so the
// repeat is a valid request that takes effect once.
func TestAcronisRetryPut(t *testing.T) {
	for _, fault := range []emulator.Fault{
		{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1},
		{Kind: emulator.FaultReset, Count: 1},
	} {
		t.Run(fault.Kind, func(t *testing.T) {
			e := newAcronisEnv(t)
			e.addFault(acPutMFARoute, fault)
			v := e.tenant(acCustomerID).Version
			got, err := e.client().SetTenantMFAStatus(t.Context(), acCustomerID, true)
			if err != nil {
				t.Fatal(err)
			}
			want := customerStatus
			want.Status = "enabled"
			wantMFA(t, "PUT answer", got, want)
			e.wantCounts(acPutMFARoute, map[int]int{fault.Status: 1, 200: 1})
			if ts := e.tenant(acCustomerID); !ts.MFAEnabled || ts.Version != v+1 {
				t.Errorf("emulator: mfa_enabled %v, version %d; want true, %d", ts.MFAEnabled, ts.Version, v+1)
			}
		})
	}
}

// TestAcronisNoRetry: answers that waiting cannot change come back after
// one request, in the kind their status calls for.
func TestAcronisNoRetry(t *testing.T) {
	tests := []struct {
		status int
		kind   acronis.Kind
		text   string
	}{
		{http.StatusBadRequest, acronis.KindBadRequest, "Bad Request."},
		{http.StatusForbidden, acronis.KindForbidden, "Forbidden."},
		{http.StatusNotFound, acronis.KindNotFound, "Not Found."},
		{http.StatusUnsupportedMediaType, acronis.KindUnsupportedMediaType, "Unsupported Media Type."},
		{http.StatusNotImplemented, acronis.KindServer, "Not Implemented."},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			e := newAcronisEnv(t)
			e.addFault(acGetMFARoute, emulator.Fault{Kind: emulator.FaultStatus, Status: tt.status})
			c := e.client()
			_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
			re := acErrOf(t, err, tt.kind)
			wantWire(t, re, acWire{
				Op: "get tenant MFA status", Status: tt.status, Code: strconv.Itoa(tt.status), Domain: acDomain,
				Message: tt.text, Info: tt.text,
			})
			e.wantCounts(acGetMFARoute, map[int]int{tt.status: 1})
			e.wantTokenRequests(c, map[int]int{200: 1}, 1)
		})
	}
}

// TestAcronisTokenEndpointDownNotRemembered: a token endpoint that stays
// down fails the call with KindServer, but unlike a wrong secret the
// failure is not remembered: the next call asks again and succeeds.
func TestAcronisTokenEndpointDownNotRemembered(t *testing.T) {
	e := newAcronisEnv(t)
	e.addFault(acTokenRoute, emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable})
	c := e.client(func(cfg *acronis.Config) { cfg.RetryMax = 1 })
	_, err := c.GetTenantMFAStatus(t.Context(), acCustomerID)
	re := acErrOf(t, err, acronis.KindServer)
	wantWire(t, re, acWire{
		Op: "request token", Status: 503, Code: "503", Domain: acDomain,
		Message: "Service Unavailable.", Info: "Service Unavailable.",
	})
	e.wantTokenRequests(c, map[int]int{503: 2}, 1)

	e.srv.ClearFaults()
	wantMFA(t, "after recovery", readMFA(t, c, acCustomerID), customerStatus)
	e.wantTokenRequests(c, map[int]int{503: 2, 200: 1}, 2)
	e.wantCounts(acGetMFARoute, map[int]int{200: 1})
}
