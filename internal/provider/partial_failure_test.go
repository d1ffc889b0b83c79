package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// partialFailure is an apply of 30 resources that fails part way for a reason no retry can
// fix.
type partialFailure struct {
	api *faultAPI
	fe  *faultEmulator
	// diag is what the diagnostic of every resource left unapplied must say, in order.
	diag []string
	// failed checks the failed apply against what the emulator saw, given the diagnostics by
	// resource address.
	failed func(t *testing.T, diags map[string]string)
	// restore, if set, runs once the apply has failed, e.g. to give back the credentials.
	restore func()
}

// testPartialFailure runs the failing apply, then a plan that must show exactly what is left
// (with the state, unrefreshed, holding exactly what the emulator holds), then an apply that
// completes.
func testPartialFailure(t *testing.T, p partialFailure) {
	config := p.api.config(p.fe.testEmulator, 0)
	var applyErr error
	var diags map[string]string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		// The failed apply is what step 1 is for. It is kept for step 2 to compare with the
		// emulator rather than matched by ExpectError, which can't say which resources failed.
		ErrorCheck: func(err error) error {
			if applyErr == nil && strings.HasPrefix(err.Error(), "Error running apply") {
				applyErr = err
				return nil
			}
			return err
		},
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if applyErr == nil {
						t.Fatal("the apply succeeded despite the failure")
					}
					diags = diagnosticsByResource(t, applyErr.Error())
					want := diagPattern(p.diag[0], p.diag[1:]...)
					for addr, d := range diags {
						if !want.MatchString(d) {
							t.Errorf("the diagnostic of %s does not match %s:\n%s", addr, want, d)
						}
					}
					p.failed(t, diags)
					if p.restore != nil {
						p.restore()
					}
				},
				Config: config,
				// PlanOnly plans without refreshing first, so the plan's prior state is the state
				// exactly as the failed apply left it.
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPreRefresh: []plancheck.PlanCheck{
					planLeavesTheRest{t: t, api: p.api, e: p.fe.testEmulator, diags: func() map[string]string { return diags }},
				}},
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					planLeavesTheRest{t: t, api: p.api, e: p.fe.testEmulator},
				}},
				Check: func(*terraform.State) error { return p.api.holds(t, p.fe.testEmulator, 0) },
			},
		},
	})
}

// diagnosticWithRE finds the resource a diagnostic is about.
var diagnosticWithRE = regexp.MustCompile(`with (authpolicy_\w+\.test\[\d+\]),`)

// diagnosticsByResource splits a failed command's output into its error diagnostics, by the
// resource each names. A diagnostic that names none, or a resource named twice, fails the
// test.
func diagnosticsByResource(t *testing.T, out string) map[string]string {
	t.Helper()
	blocks := strings.Split(out, "Error: ")[1:]
	if len(blocks) == 0 {
		t.Fatalf("no diagnostic in the output:\n%s", out)
	}
	diags := map[string]string{}
	for _, b := range blocks {
		m := diagnosticWithRE.FindStringSubmatch(b)
		if m == nil {
			t.Fatalf("a diagnostic names no resource:\n%s", b)
		}
		if _, dup := diags[m[1]]; dup {
			t.Fatalf("two diagnostics name %s:\n%s", m[1], out)
		}
		diags[m[1]] = b
	}
	return diags
}

// planLeavesTheRest checks a plan against the emulator: the prior state holds exactly the
// resources the emulator holds, the plan creates exactly the others and changes nothing else,
// and, after the failed apply, exactly those others got a diagnostic.
type planLeavesTheRest struct {
	t     *testing.T
	api   *faultAPI
	e     *testEmulator
	diags func() map[string]string // nil after the recovery
}

func (c planLeavesTheRest) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	applied := c.api.applied(c.t, c.e, 0)
	inState := map[string]bool{}
	if s := req.Plan.PriorState; s != nil && s.Values != nil && s.Values.RootModule != nil {
		for _, r := range s.Values.RootModule.Resources {
			inState[r.Address] = true
		}
	}
	var errs []error
	var left []string
	for addr, ok := range applied {
		if ok != inState[addr] {
			errs = append(errs, fmt.Errorf("%s: held by the emulator %t, in state %t", addr, ok, inState[addr]))
		}
		if !ok {
			left = append(left, addr)
		}
	}
	var created []string
	for _, rc := range req.Plan.ResourceChanges {
		switch {
		case rc.Change.Actions.Create():
			created = append(created, rc.Address)
		case !rc.Change.Actions.NoOp():
			errs = append(errs, fmt.Errorf("%s: planned %v, want create or no change", rc.Address, rc.Change.Actions))
		}
	}
	slices.Sort(left)
	slices.Sort(created)
	if !slices.Equal(created, left) {
		errs = append(errs, fmt.Errorf("the plan creates %v, the emulator lacks %v", created, left))
	}
	if c.diags != nil {
		failed := slices.Sorted(maps.Keys(c.diags()))
		if !slices.Equal(failed, left) {
			errs = append(errs, fmt.Errorf("the apply reported failures for %v, the emulator lacks %v", failed, left))
		}
		if len(left) == len(applied) {
			errs = append(errs, errors.New("the failed apply applied nothing: the test did not fail it part way"))
		}
	}
	c.t.Logf("%s: %d of %d resources held by the emulator and in state; the plan creates the other %d",
		c.api.name, len(applied)-len(left), len(applied), len(left))
	resp.Error = errors.Join(errs...)
}

// A 400 on a write part way through (the tenth, or halfway through the write route's share of
// the objects when the API has many types): the apply fails with one diagnostic, naming the resource and the
// API's message; the state holds exactly what the emulator holds; the next plan creates only
// that resource, and the next apply does.
func TestAccPartial_writeRejected(t *testing.T) {
	cases := []struct {
		api  string
		diag []string
	}{
		{emuidentity.Name, []string{"Rackspace Identity Error",
			"the multi-factor enforcement level of domain", "failed: rackspace identity:", "HTTP 400 badRequest: Bad Request"}},
		{emuacronis.Name, []string{"Acronis Rejected The Request",
			"Setting the MFA status of tenant", "failed: acronis:", "HTTP 400: Bad Request."}},
		{emucloudsso.Name, []string{"CloudSSO Rejected The Request",
			"Setting the", "of directory", "failed: cloudsso:", "HTTP 400, code BadRequest: Bad Request."}},
	}
	for _, tc := range cases {
		t.Run(tc.api, func(t *testing.T) {
			a := newFaultAPI(t, tc.api, faultResources)
			fe := newFaultEmulator(t, nil, a)
			// The write route serves one type of the API's objects, each type an equal share.
			after := min(9, len(a.objects[0].ids)/2)
			fe.arm(emulator.Fault{API: a.name, Route: a.writeRoute, Kind: emulator.FaultStatus,
				Status: http.StatusBadRequest, After: after, Count: 1})
			testPartialFailure(t, partialFailure{
				api:  a,
				fe:   fe,
				diag: tc.diag,
				failed: func(t *testing.T, diags map[string]string) {
					if f := fe.srv.Faults(); len(f) != 1 || f[0].Injected != 1 || f[0].Matched < after+1 {
						t.Fatalf("faults %+v: want one 400 on write %d", f, after+1)
					}
					var refused []faultExchange
					for _, x := range fe.exchanges() {
						if x.status == http.StatusBadRequest {
							refused = append(refused, x)
						}
					}
					if len(refused) != 1 {
						t.Fatalf("%d requests were answered 400, want 1", len(refused))
					}
					x := refused[0]
					addr := x.address
					if d, ok := diags[addr]; !ok || len(diags) != 1 || !strings.Contains(d, x.object) {
						t.Errorf("the apply failed for %v, want one diagnostic, for %s, naming %s",
							slices.Sorted(maps.Keys(diags)), addr, x.object)
					}
					// A 400 is an answer: the write is not repeated.
					sent := 0
					for _, y := range fe.exchanges() {
						if y.key == x.key {
							sent++
						}
					}
					if sent != 1 {
						t.Errorf("%s was sent %d times, want once", x.key, sent)
					}
				},
			})
		})
	}
}

// The Acronis API client's secret changes after the apply's first token was issued; the API
// refuses that token after 15 requests, and the new token is refused as invalid_client. The
// apply fails with that diagnostic for every resource not yet applied, having asked for the
// refused token once; once the secret is back, the next plan and apply finish the job.
func TestAccPartial_acronisLoginFails(t *testing.T) {
	a := newFaultAPI(t, emuacronis.Name, faultResources)
	fe := newFaultEmulator(t, func(fx *emulator.Fixture) {
		fx.Acronis.Settings = &emuacronis.SettingsFixture{TokenMaxUses: 15}
	}, a)
	setSecret := func(secret string) {
		if _, err := fe.srv.Acronis().UpdateClient(acronisClientID, emuacronis.ClientPatch{Secret: &secret}); err != nil {
			t.Errorf("changing the client secret: %v", err)
		}
	}
	fe.whenWriting(func(n int) {
		if n == 1 {
			setSecret("rotated-secret")
		}
	})
	testPartialFailure(t, partialFailure{
		api:  a,
		fe:   fe,
		diag: []string{"Acronis API Client Rejected", "HTTP 401, code invalid_client", "Check acronis.client_id and acronis.client_secret"},
		failed: func(t *testing.T, _ map[string]string) {
			if n := fe.count(acronisTokenRoute, http.StatusUnauthorized); n != 1 {
				t.Errorf("the token endpoint refused %d requests, want 1: a refused secret is not sent again", n)
			}
			refused := 0
			for _, c := range fe.srv.Counts() {
				if c.Route != acronisTokenRoute && c.Status == http.StatusUnauthorized {
					refused += c.N
				}
			}
			if refused == 0 {
				t.Error("no request was refused for its token: the token did not expire mid-run")
			}
		},
		restore: func() { setSecret(acronisClientSecret) },
	})
}

// Identity rejects the apply's token at the tenth write (a day has passed), and the login that
// would replace it is refused: the API key has changed. The apply fails with that diagnostic
// for every resource not yet applied, having logged in again once; once the key is back, the
// next plan and apply finish the job.
func TestAccPartial_identityLoginFails(t *testing.T) {
	a := newFaultAPI(t, emuidentity.Name, faultResources)
	fe := newFaultEmulator(t, nil, a)
	setKey := func(key string) {
		if _, err := fe.srv.Identity().UpdateUser(emuidentity.DemoRackspaceAdminUser, emuidentity.UserPatch{APIKey: &key}); err != nil {
			t.Errorf("changing the API key: %v", err)
		}
	}
	// The logins before the token was rejected; written by the listener's goroutine.
	var logins atomic.Int64
	fe.whenWriting(func(n int) {
		if n == 10 {
			logins.Store(int64(fe.srv.CountsFor(emuidentity.Name, "POST /v2.0/tokens")))
			fe.srv.Clock().Advance(25 * time.Hour)
			setKey("0badc0de0badc0de0badc0de0badc0de")
		}
	})
	testPartialFailure(t, partialFailure{
		api:  a,
		fe:   fe,
		diag: []string{"Rackspace API Key Rejected", "HTTP 401", "Check the user name and API key"},
		failed: func(t *testing.T, _ map[string]string) {
			if n := fe.count("POST /v2.0/tokens", 0) - int(logins.Load()); n != 1 {
				t.Errorf("%d logins after the token was rejected, want 1: a refused API key is not sent again", n)
			}
			if n := fe.count("POST /v2.0/tokens", http.StatusUnauthorized); n != 1 {
				t.Errorf("%d logins were refused, want 1", n)
			}
		},
		restore: func() { setKey(emuidentity.DemoRackspaceAdminAPIKey) },
	})
}
