package conformance

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	acronisemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	cloudssoemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// The hammer's size: hammerCallers goroutines share the three clients, each
// making hammerMixedOps calls of every kind and then hammerFinalOps calls
// whose writes all write an object's final value, while hammerAdmins
// goroutines keep calling the emulator's admin routes.
const (
	hammerCallers  = 200
	hammerMixedOps = 4
	hammerFinalOps = 2
	hammerAdmins   = 8
)

// Password policies written by the hammer carry their own checksum: a
// history restriction of (days - hammerBaseDays) % 11 for a duration of
// that many days, so a read that mixes two writes shows.
const hammerBaseDays = 100

func hammerPolicy(days int) rackspace.PasswordPolicy {
	h := (days - hammerBaseDays) % 11
	return rackspace.PasswordPolicy{Duration: "P" + strconv.Itoa(days) + "D", HistoryRestriction: &h}
}

// hammerFinal is the value every write of an object writes once the mixed
// phase is over, so it is the one the emulator must hold at the end
// whatever order the final writes land in.
var hammerFinal = struct {
	domainLevel    string
	policyDays     int
	customerMFA    bool
	enrolledMFA    bool
	partnerMFA     bool
	directoryMFAOn bool
}{
	domainLevel: "REQUIRED",
	policyDays:  400,
	customerMFA: true,
	enrolledMFA: false,
	partnerMFA:  true,
	// The directory ends with MFA off, the opposite of the fixture.
	directoryMFAOn: false,
}

// hammerClients are the provider's three shared logins to one emulator.
type hammerClients struct {
	session *rackspace.Session
	rs      *rackspace.Client
	ac      *acronis.Client
	cs      *cloudsso.Client
}

// hammerOp is one client call. final selects the final value for a write;
// otherwise n picks a value. It returns the call's error, or one saying
// what it read that no write could have left.
type hammerOp struct {
	name  string
	write bool
	do    func(ctx context.Context, c hammerClients, n int, final bool) error
}

var hammerOps = []hammerOp{
	{"identity: read domain", false, func(ctx context.Context, c hammerClients, _ int, _ bool) error {
		return c.session.Do(ctx, func(ctx context.Context, token string) error {
			d, err := c.rs.GetDomain(ctx, token, identity.DemoDomainID)
			if err == nil && d.MultiFactorEnforcementLevel != "" && d.MultiFactorEnforcementLevel != "OPTIONAL" &&
				d.MultiFactorEnforcementLevel != "REQUIRED" {
				err = fmt.Errorf("domain MFA level %q was never written", d.MultiFactorEnforcementLevel)
			}
			return err
		})
	}},
	{"identity: set domain MFA level", true, func(ctx context.Context, c hammerClients, n int, final bool) error {
		level := []string{"OPTIONAL", "REQUIRED"}[n%2]
		if final {
			level = hammerFinal.domainLevel
		}
		return c.session.Do(ctx, func(ctx context.Context, token string) error {
			return c.rs.SetDomainMFAEnforcement(ctx, token, identity.DemoDomainID, level)
		})
	}},
	{"identity: read password policy", false, func(ctx context.Context, c hammerClients, _ int, _ bool) error {
		return c.session.Do(ctx, func(ctx context.Context, token string) error {
			p, err := c.rs.GetPasswordPolicy(ctx, token, identity.DemoDomainID)
			if err != nil {
				return err
			}
			return checkHammerPolicy(p)
		})
	}},
	{"identity: set password policy", true, func(ctx context.Context, c hammerClients, n int, final bool) error {
		days := hammerBaseDays + n
		if final {
			days = hammerFinal.policyDays
		}
		return c.session.SetPasswordPolicy(ctx, identity.DemoDomainID, hammerPolicy(days))
	}},
	{"acronis: read customer MFA", false, hammerReadMFA(acCustomerID, true)},
	{"acronis: read unit MFA", false, hammerReadMFA(acUnitID, false)},
	{"acronis: read folder MFA", false, hammerReadMFA(acFolderID, false)},
	{"acronis: read customer", false, func(ctx context.Context, c hammerClients, _ int, _ bool) error {
		t, err := c.ac.GetTenant(ctx, acCustomerID)
		if err == nil && t.ID != acCustomerID {
			err = fmt.Errorf("read tenant %s, got %s", acCustomerID, t.ID)
		}
		return err
	}},
	{"acronis: set customer MFA", true, hammerSetMFA(acCustomerID, hammerFinal.customerMFA)},
	{"acronis: set enrolled customer MFA", true, hammerSetMFA(acEnrolledID, hammerFinal.enrolledMFA)},
	{"acronis: set partner MFA", true, hammerSetMFA(acPartnerID, hammerFinal.partnerMFA)},
	{"cloudsso: read MFA", false, func(ctx context.Context, c hammerClients, _ int, _ bool) error {
		_, err := c.cs.GetMFAAuthenticationStatus(ctx, csDirectoryID)
		return err
	}},
	{"cloudsso: set MFA", true, func(ctx context.Context, c hammerClients, n int, final bool) error {
		on := n%2 == 0
		if final {
			on = hammerFinal.directoryMFAOn
		}
		return c.cs.SetMFAAuthenticationStatus(ctx, csDirectoryID, on)
	}},
}

func checkHammerPolicy(p *rackspace.PasswordPolicy) error {
	days, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p.Duration, "P"), "D"))
	if err != nil || p.HistoryRestriction == nil || *p.HistoryRestriction != (days-hammerBaseDays)%11 {
		return fmt.Errorf("password policy %q / %v mixes two writes or was never written", p.Duration, p.HistoryRestriction)
	}
	return nil
}

// hammerReadMFA reads a tenant's MFA status. Disabling never goes through
// disable_in_progress in the demo fixture, so only enabled and disabled may
// show; a folder or unit must say it may not be updated.
func hammerReadMFA(tenantID string, updatable bool) func(context.Context, hammerClients, int, bool) error {
	return func(ctx context.Context, c hammerClients, _ int, _ bool) error {
		s, err := c.ac.GetTenantMFAStatus(ctx, tenantID)
		if err != nil {
			return err
		}
		if (s.Status != acronis.MFAEnabled && s.Status != acronis.MFADisabled) || s.UpdateAllowed != updatable {
			return fmt.Errorf("tenant %s status %+v", tenantID, s)
		}
		return nil
	}
}

func hammerSetMFA(tenantID string, finalValue bool) func(context.Context, hammerClients, int, bool) error {
	return func(ctx context.Context, c hammerClients, n int, final bool) error {
		on := n%2 == 1
		if final {
			on = finalValue
		}
		s, err := c.ac.SetTenantMFAStatus(ctx, tenantID, on)
		if err == nil && (s.Status == acronis.MFAEnabled) != on {
			err = fmt.Errorf("PUT enabled=%v on %s answered %q", on, tenantID, s.Status)
		}
		return err
	}
}

// hammerAdminCalls are the admin requests the admin goroutines cycle
// through: counts, faults added, listed and cleared, clock reads, state
// reads and patches. None moves the clock, resets anything or touches what
// the clients write, so the clients' results stay decidable; the faults
// either only add latency on routes the clients use or fail routes they
// never call, so every client call still succeeds at its first attempt.
func hammerAdminCalls(n int) []struct{ method, path, body string } {
	level := []string{"OPTIONAL", "REQUIRED"}[n%2]
	status := []string{"Enabled", "Disabled"}[n%2]
	return []struct{ method, path, body string }{
		{"GET", "/_emulator/requests", ""},
		{"POST", "/_emulator/faults", `{"api":"identity","route":"GET /v2.0/RAX-AUTH/domains/{domainId}","latency":"1ms"}`},
		{"POST", "/_emulator/faults", `{"api":"acronis","route":"GET /api/2/tenants/{tenant_id}/mfa/status","latency":"2ms","count":5}`},
		{"POST", "/_emulator/faults", `{"api":"cloudsso","route":"POST /{$}","latency":"1ms","rate":0.5}`},
		{"POST", "/_emulator/faults", `{"api":"cloudsso","route":"GET /{$}","kind":"status","status":503,"retry_after":"1"}`},
		{"POST", "/_emulator/faults", `{"api":"identity","route":"DELETE /v2.0/tokens","kind":"reset"}`},
		{"GET", "/_emulator/faults", ""},
		{"GET", "/_emulator/clock", ""},
		{"DELETE", "/_emulator/faults", ""},
		{"GET", "/_emulator/", ""},
		{"PATCH", "/_emulator/identity/domains/" + identity.DemoOtherDomainID, `{"mfa_enforcement_level":"` + level + `"}`},
		{"GET", "/_emulator/identity/domains/" + identity.DemoDomainID, ""},
		{"GET", "/_emulator/identity/tokens", ""},
		{"PATCH", "/_emulator/acronis/tenants/" + acOtherCustID, `{"users_count":` + strconv.Itoa(n%50) + `}`},
		{"PATCH", "/_emulator/acronis/tenants/" + acCustomerID, `{"users_count":` + strconv.Itoa(5+n%3) + `}`},
		{"GET", "/_emulator/acronis/tenants", ""},
		{"GET", "/_emulator/acronis/tokens", ""},
		{"PATCH", "/_emulator/cloudsso/directories/" + csOtherDirectory, `{"mfa_authentication_status":"` + status + `"}`},
		{"PATCH", "/_emulator/cloudsso/settings", `{"calls_per_second":1000000}`},
		{"GET", "/_emulator/cloudsso/directories", ""},
	}
}

// TestHammerSharedLogins runs hammerCallers goroutines through one
// rackspace.Session, one acronis.Client and one cloudsso.Client against one
// emulator at once, mixing reads and writes on six objects, while other
// goroutines work the emulator's admin routes. Run under -race it is the
// check that the emulator, the session's one login and the Acronis
// client's one token are safe for concurrent use; without it, it still
// checks the outcome: one Identity login (its two requests: the password
// step answered with the MFA challenge, and the passcode step), one Acronis
// token, no call failing, every answer a success, and the emulator holding
// each object's final value.
func TestHammerSharedLogins(t *testing.T) {
	srv, err := emulator.New(emulator.DemoFixture())
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)

	// The fixture's state before the first call, set out of band so that
	// no login happens before the hammer: a policy to read, and a CloudSSO
	// quota the burst cannot reach (throttling is tested elsewhere; here a
	// retry would only blur the counts).
	if _, err := srv.Identity().UpdateDomain(identity.DemoDomainID, identity.DomainPatch{
		PasswordPolicy: &identity.PasswordPolicyState{PasswordDuration: "P100D", PasswordHistoryRestriction: new(int)},
	}); err != nil {
		t.Fatalf("UpdateDomain: %v", err)
	}
	quota := 1_000_000
	if _, err := srv.CloudSSO().UpdateSettings(cloudssoemu.SettingsPatch{CallsPerSecond: &quota}); err != nil {
		t.Fatalf("UpdateSettings: %v", err)
	}

	c := newHammerClients(t, ts.URL, srv.Clock().Now)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	var adminCalls, adminFailures atomic.Int64
	stop := make(chan struct{})
	var admins sync.WaitGroup
	for a := range hammerAdmins {
		admins.Add(1)
		go func() {
			defer admins.Done()
			for n := a; ; n++ {
				calls := hammerAdminCalls(n)
				call := calls[n%len(calls)]
				select {
				case <-stop:
					return
				default:
				}
				adminCalls.Add(1)
				if err := hammerAdmin(ctx, ts.URL, call.method, call.path, call.body); err != nil {
					adminFailures.Add(1)
					t.Errorf("admin %s %s: %v", call.method, call.path, err)
				}
			}
		}()
	}

	type failure struct {
		op  string
		err error
	}
	var (
		mu       sync.Mutex
		failures []failure
		calls    atomic.Int64
		mixed    sync.WaitGroup
		callers  sync.WaitGroup
	)
	run := func(op hammerOp, n int, final bool) {
		calls.Add(1)
		if err := op.do(ctx, c, n, final); err != nil {
			mu.Lock()
			failures = append(failures, failure{op.name, err})
			mu.Unlock()
		}
	}
	start := make(chan struct{})
	began := time.Now()
	mixed.Add(hammerCallers)
	for i := range hammerCallers {
		callers.Add(1)
		go func() {
			defer callers.Done()
			<-start
			// Mixed phase: every kind of call, writes with values that vary.
			for r := range hammerMixedOps {
				run(hammerOps[(i*hammerMixedOps+r)%len(hammerOps)], i+r, false)
			}
			// Once every caller is through the mixed phase, writes only
			// write final values, while reads go on alongside them.
			mixed.Done()
			mixed.Wait()
			for r := range hammerFinalOps {
				run(hammerOps[(i*hammerFinalOps+r)%len(hammerOps)], i+r, true)
			}
		}()
	}
	close(start)
	callers.Wait()
	elapsed := time.Since(began)
	close(stop)
	admins.Wait()

	for _, f := range failures {
		t.Errorf("%s: %v", f.op, f.err)
	}
	t.Logf("%d client calls from %d goroutines and %d admin calls from %d goroutines in %v; %d API requests served",
		calls.Load(), hammerCallers, adminCalls.Load(), hammerAdmins, elapsed.Round(time.Millisecond), srv.Total())

	// One login each, however many callers wanted one at once.
	wantHammerCounts(t, srv, identity.Name, tokensRoute, map[int]int{http.StatusUnauthorized: 1, http.StatusOK: 1})
	if toks := srv.Identity().Tokens(); len(toks) != 1 {
		t.Errorf("Identity issued %d tokens, want 1", len(toks))
	}
	wantHammerCounts(t, srv, acronisemu.Name, acTokenRoute, map[int]int{http.StatusOK: 1})
	if n := c.ac.TokenRequests(); n != 1 {
		t.Errorf("the Acronis client fetched %d tokens, want 1", n)
	}
	if toks := srv.Acronis().Tokens(); len(toks) != 1 {
		t.Errorf("Acronis issued %d tokens, want 1", len(toks))
	}
	// Every other answer was a success: no call needed a retry.
	for _, n := range srv.Counts() {
		if n.Status >= 300 && (n.API != identity.Name || n.Route != tokensRoute) {
			t.Errorf("%s %s answered %d %d times", n.API, n.Route, n.Status, n.N)
		}
	}
	// Each call is one request; the logins add the Identity login's two and
	// the Acronis token request.
	if n := srv.Total(); int64(n) != calls.Load()+3 {
		t.Errorf("the emulator served %d API requests for %d calls, want one each and 3 for the logins", n, calls.Load())
	}

	hammerWantFinal(t, srv, c)
}

func newHammerClients(t *testing.T, url string, now func() time.Time) hammerClients {
	t.Helper()
	rs, err := rackspace.New(rackspace.Config{
		Endpoint: url + "/v2.0", Now: now, RetryWaitMin: time.Millisecond, RetryWaitMax: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("rackspace.New: %v", err)
	}
	ac, err := acronis.New(acronis.Config{
		Endpoint: url, ClientID: acClientID, ClientSecret: acClientSecret, Now: now,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("acronis.New: %v", err)
	}
	cs, err := cloudsso.New(cloudsso.Config{
		Endpoint: url, AccessKeyID: csAccessKeyID, AccessKeySecret: csAccessKeySecret,
		// The client's own limit (50 per second by default) would make the
		// burst take many seconds without adding anything to the test.
		RequestsPerSecond: -1,
		RetryWaitMin:      time.Millisecond, RetryWaitMax: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("cloudsso.New: %v", err)
	}
	return hammerClients{
		session: rackspace.NewSession(rs, rackspace.Credentials{
			Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
		}),
		rs: rs, ac: ac, cs: cs,
	}
}

// hammerAdmin makes one admin request and wants a 2xx answer.
func hammerAdmin(ctx context.Context, base, method, path, body string) error {
	req, err := http.NewRequestWithContext(ctx, method, base+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return errors.New(resp.Status + ": " + string(b))
	}
	return nil
}

func wantHammerCounts(t *testing.T, srv *emulator.Server, api, route string, want map[int]int) {
	t.Helper()
	if got := srv.StatusCounts(api, route); !maps.Equal(got, want) {
		t.Errorf("%s %s answered %v (status: requests), want %v", api, route, got, want)
	}
}

// hammerWantFinal checks each written object against its final value, as
// the emulator holds it and as the clients read it back.
func hammerWantFinal(t *testing.T, srv *emulator.Server, c hammerClients) {
	t.Helper()
	ctx := t.Context()
	d, ok := srv.Identity().Domain(identity.DemoDomainID)
	finalPolicy := hammerPolicy(hammerFinal.policyDays)
	switch {
	case !ok:
		t.Fatal("the demo domain is gone")
	case d.MFAEnforcementLevel != hammerFinal.domainLevel:
		t.Errorf("domain MFA level = %q, want %q", d.MFAEnforcementLevel, hammerFinal.domainLevel)
	case d.PasswordPolicy == nil || d.PasswordPolicy.PasswordDuration != finalPolicy.Duration ||
		d.PasswordPolicy.PasswordHistoryRestriction == nil ||
		*d.PasswordPolicy.PasswordHistoryRestriction != *finalPolicy.HistoryRestriction:
		t.Errorf("password policy = %+v, want %s / %d", d.PasswordPolicy, finalPolicy.Duration, *finalPolicy.HistoryRestriction)
	}
	err := c.session.Do(ctx, func(ctx context.Context, token string) error {
		got, err := c.rs.GetDomain(ctx, token, identity.DemoDomainID)
		if err == nil && got.MultiFactorEnforcementLevel != hammerFinal.domainLevel {
			err = fmt.Errorf("client reads level %q", got.MultiFactorEnforcementLevel)
		}
		return err
	})
	if err != nil {
		t.Errorf("reading the domain back: %v", err)
	}

	for id, want := range map[string]bool{
		acCustomerID: hammerFinal.customerMFA, acEnrolledID: hammerFinal.enrolledMFA, acPartnerID: hammerFinal.partnerMFA,
		// Units and folders inherit: the unit from the customer, the folder
		// from the partner.
		acUnitID: hammerFinal.customerMFA, acFolderID: hammerFinal.partnerMFA,
	} {
		if st, ok := srv.Acronis().Tenant(id); !ok || st.MFAEnabled != want {
			t.Errorf("Acronis tenant %s: mfa_enabled %v (found %v), want %v", id, st.MFAEnabled, ok, want)
		}
		if s, err := c.ac.GetTenantMFAStatus(ctx, id); err != nil || (s.Status == acronis.MFAEnabled) != want {
			t.Errorf("Acronis tenant %s reads back as %+v, %v; want enabled %v", id, s, err, want)
		}
	}

	wantStatus := cloudssoemu.MFADisabled
	if hammerFinal.directoryMFAOn {
		wantStatus = cloudssoemu.MFAEnabled
	}
	if dir, ok := srv.CloudSSO().Directory(csDirectoryID); !ok || dir.MFAAuthenticationStatus != wantStatus {
		t.Errorf("CloudSSO directory MFA = %q (found %v), want %q", dir.MFAAuthenticationStatus, ok, wantStatus)
	}
	if on, err := c.cs.GetMFAAuthenticationStatus(ctx, csDirectoryID); err != nil || on != hammerFinal.directoryMFAOn {
		t.Errorf("CloudSSO directory MFA reads back as %v, %v; want %v", on, err, hammerFinal.directoryMFAOn)
	}
}
