package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// The longest each client waits between two attempts, whatever Retry-After asks: the caps
// the provider documents (templates/index.md.tmpl). A test failing on one of them means the
// documentation is wrong too.
const (
	identityRetryWaitMax = 30 * time.Second
	acronisRetryWaitMax  = 30 * time.Second
	cloudSSORetryWaitMax = 10 * time.Second
	// transientRetries is the retries the Identity and Acronis clients give a request by default.
	transientRetries = 10
)

// faultCount is how many answers a counted fault injects: fewer than the retries Identity and
// Acronis give a request (transientRetries), so that even if every injection lands on the same
// request it still succeeds and no test can fail by chance.
const faultCount = 4

// faultObjects is how many resources each fault test applies.
const faultObjects = 30

// faultExchange is one API request as the listener saw it.
type faultExchange struct {
	// key names the logical request: its retries share it (method, path, and for CloudSSO,
	// whose calls all go to "/", the action and the directory).
	key string
	// object is the ID of the domain, tenant or directory the request is about, if any.
	object string
	path   string
	write  bool
	// arrived is when the request reached the listener; answered when the emulator wrote the
	// status line (zero for a reset).
	arrived, answered time.Time
	status            int // 0: the connection was reset
	retryAfter        string
}

// faultEmulator is an emulator behind a handler that logs every API request: when it arrived,
// when and how it was answered. The emulator's own counts say how many answers there were;
// only arrival times can show that a retry waited as long as Retry-After asked.
type faultEmulator struct {
	*testEmulator
	t       *testing.T
	srv     *emulator.Server
	isWrite func(*http.Request) bool

	mu     sync.Mutex
	log    []faultExchange
	writes int
	// armed faults are installed when the next write arrives, before it is served: they hit
	// the apply, not the plan before it.
	armed []emulator.Fault
	// before counts the emulator's answers when the faults were armed.
	before map[faultCountKey]int
	// onWrite, when set, runs before the n-th write (counted from 1) is served.
	onWrite func(n int)
}

type faultCountKey struct {
	api, route string
	status     int
}

func newFaultEmulator(t *testing.T, edit func(*emulator.Fixture), isWrite func(*http.Request) bool) *faultEmulator {
	t.Helper()
	fx := emulator.DemoFixture()
	edit(fx)
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	f := &faultEmulator{t: t, srv: srv, isWrite: isWrite}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	f.testEmulator = &testEmulator{URL: ts.URL}
	return f
}

func (f *faultEmulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		f.srv.ServeHTTP(w, r)
		return
	}
	x := faultExchange{
		key:     r.Method + " " + r.URL.Path + " " + r.Header.Get("x-acs-action") + " " + r.URL.Query().Get("DirectoryId"),
		object:  requestObject(r),
		path:    r.URL.Path,
		write:   f.isWrite(r),
		arrived: time.Now(),
	}
	if x.write {
		f.mu.Lock()
		f.writes++
		for _, fault := range f.armed {
			if _, err := f.srv.AddFault(fault); err != nil {
				f.t.Errorf("adding fault %+v: %v", fault, err)
			}
		}
		f.armed = nil
		if f.onWrite != nil {
			f.onWrite(f.writes)
		}
		f.mu.Unlock()
	}
	sw := &stampWriter{ResponseWriter: w}
	f.srv.ServeHTTP(sw, r)
	x.status, x.answered, x.retryAfter = sw.status, sw.at, sw.retryAfter
	f.mu.Lock()
	f.log = append(f.log, x)
	f.mu.Unlock()
}

// requestObject finds the domain, tenant or directory a request is about.
func requestObject(r *http.Request) string {
	if id := r.URL.Query().Get("DirectoryId"); id != "" {
		return id
	}
	parts := strings.Split(r.URL.Path, "/")
	for i, p := range parts {
		if (p == "domains" || p == "tenants") && i+1 < len(parts) {
			return parts[i+1]
		}
	}
	return ""
}

// whenWriting has fn run before the n-th write (counted from 1) is served.
func (f *faultEmulator) whenWriting(fn func(n int)) {
	f.mu.Lock()
	f.onWrite = fn
	f.mu.Unlock()
}

// arm clears the faults and the log and installs faults when the next write arrives.
func (f *faultEmulator) arm(faults ...emulator.Fault) {
	f.srv.ClearFaults()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.log, f.armed, f.before = nil, faults, f.counts()
}

func (f *faultEmulator) counts() map[faultCountKey]int {
	out := map[faultCountKey]int{}
	for _, c := range f.srv.Counts() {
		out[faultCountKey{c.API, c.Route, c.Status}] = c.N
	}
	return out
}

// answeredSinceArmed counts the emulator's answers of api with status since arm.
func (f *faultEmulator) answeredSinceArmed(api string, status int) int {
	f.mu.Lock()
	before := f.before
	f.mu.Unlock()
	n := 0
	for k, c := range f.counts() {
		if k.api == api && k.status == status {
			n += c - before[k]
		}
	}
	return n
}

// exchanges returns the log in order of arrival.
func (f *faultEmulator) exchanges() []faultExchange {
	f.mu.Lock()
	out := slices.Clone(f.log)
	f.mu.Unlock()
	slices.SortFunc(out, func(a, b faultExchange) int { return a.arrived.Compare(b.arrived) })
	return out
}

// injected sums what the installed faults injected.
func (f *faultEmulator) injected() int {
	n := 0
	for _, fault := range f.srv.Faults() {
		n += fault.Injected
	}
	return n
}

// stampWriter notes when the status line is written, with its status and Retry-After.
type stampWriter struct {
	http.ResponseWriter
	status     int
	at         time.Time
	retryAfter string
}

func (s *stampWriter) WriteHeader(code int) {
	if s.status == 0 && code >= 200 {
		s.status, s.at, s.retryAfter = code, time.Now(), s.Header().Get("Retry-After")
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *stampWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.WriteHeader(http.StatusOK)
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets the emulator's reset fault reach the connection.
func (s *stampWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// retriedAnswer is an injected answer and the retry that followed it.
type retriedAnswer struct {
	answer faultExchange
	// wait is from the answer to the retry's arrival; for a reset, from the request's arrival.
	// The emulator writes the answer before the client reads it, so wait is never shorter than
	// what the client actually waited.
	wait time.Duration
}

// retriesOf pairs each exchange that injected selects with the next request of the same key,
// its retry, and fails if one has none. A key is never in flight twice at once: a command
// writes or reads each object once, and the clients fetch one token at a time.
func retriesOf(log []faultExchange, injected func(faultExchange) bool) ([]retriedAnswer, error) {
	var out []retriedAnswer
	for i, x := range log {
		if !injected(x) {
			continue
		}
		from := x.answered
		if from.IsZero() {
			from = x.arrived
		}
		j := slices.IndexFunc(log[i+1:], func(y faultExchange) bool { return y.key == x.key })
		if j < 0 {
			return nil, fmt.Errorf("the %d answer to %s was never retried", x.status, x.key)
		}
		out = append(out, retriedAnswer{answer: x, wait: log[i+1+j].arrived.Sub(from)})
	}
	return out, nil
}

// honoured fails if a retry came before the Retry-After of its answer had passed, and returns
// the shortest wait after an answer with a Retry-After (-1 if none had one).
func honoured(retried []retriedAnswer) (time.Duration, error) {
	shortest := time.Duration(-1)
	for _, r := range retried {
		if r.answer.retryAfter == "" {
			continue
		}
		secs, err := strconv.Atoi(r.answer.retryAfter)
		if err != nil {
			return 0, fmt.Errorf("Retry-After %q is not a number of seconds", r.answer.retryAfter)
		}
		if r.wait < time.Duration(secs)*time.Second {
			return 0, fmt.Errorf("%s was retried %v after a %d answer with Retry-After: %s", r.answer.key, r.wait,
				r.answer.status, r.answer.retryAfter)
		}
		if shortest < 0 || r.wait < shortest {
			shortest = r.wait
		}
	}
	return shortest, nil
}

// faultAPI is one API seen by the fault and partial-failure tests: 30 resources against
// objects the fixture adds, and what the emulator holds once they are applied.
type faultAPI struct {
	name string // the emulator's name of the API
	// throttle is the status of the API's rate-limit answer.
	throttle int
	// retries is how many retries a request gets; 0 means until its operation's time runs out.
	retries int
	waitMax time.Duration
	// writeRoute is the emulator route of the main write.
	writeRoute string
	fixture    func(*emulator.Fixture)
	isWrite    func(*http.Request) bool
	block      func(e *testEmulator) string // the provider's block for this API
	resources  func(variant int) string
	// applied tells, for each resource address, whether the emulator holds what the variant-th
	// configuration sets.
	applied func(t *testing.T, e *testEmulator, variant int) map[string]bool
	// address is the resource a write request belongs to.
	address func(x faultExchange) string
}

// config is the provider with this API's block and the variant-th configuration.
func (a *faultAPI) config(e *testEmulator, variant int) string {
	return "provider \"authpolicy\" {\n" + a.block(e) + "}\n" + a.resources(variant)
}

// holds fails unless the emulator holds what the variant-th configuration sets, everywhere.
func (a *faultAPI) holds(t *testing.T, e *testEmulator, variant int) error {
	var missing []string
	for addr, ok := range a.applied(t, e, variant) {
		if !ok {
			missing = append(missing, addr)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return fmt.Errorf("the emulator does not hold what %d resources set: %s", len(missing), strings.Join(missing, ", "))
	}
	return nil
}

// identityFaultAPI manages both domain resources of n/2 domains the fixture adds, as the
// Rackspace administrator, whom Identity lets act on any domain.
func identityFaultAPI(n int) *faultAPI {
	var domains []string
	for i := range n / 2 {
		domains = append(domains, fmt.Sprintf("9%05d", i))
	}
	levels := []string{"REQUIRED", "OPTIONAL"}
	duration := func(variant int) string { return fmt.Sprintf("P%dD", 30+variant) }
	const mfaType, policyType = "authpolicy_domain_mfa_enforcement", "authpolicy_domain_password_policy"
	return &faultAPI{
		name:       emuidentity.Name,
		throttle:   http.StatusRequestEntityTooLarge,
		retries:    transientRetries,
		waitMax:    identityRetryWaitMax,
		writeRoute: "PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor",
		fixture:    func(fx *emulator.Fixture) { fx.AddDomains(domains...) },
		isWrite: func(r *http.Request) bool {
			return r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/")
		},
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  rackspace {\n    endpoint = %q\n    username = %q\n    api_key  = %q\n  }\n",
				e.URL, emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
		},
		resources: func(variant int) string {
			return fmt.Sprintf(`
locals {
  domain_ids = %s
}

resource %q "test" {
  count             = length(local.domain_ids)
  domain_id         = local.domain_ids[count.index]
  enforcement_level = %q
}

resource %q "test" {
  count                        = length(local.domain_ids)
  domain_id                    = local.domain_ids[count.index]
  password_duration            = %q
  password_history_restriction = %d
}
`, hclList(domains), mfaType, levels[variant%2], policyType, duration(variant), variant%10)
		},
		applied: func(t *testing.T, e *testEmulator, variant int) map[string]bool {
			out := map[string]bool{}
			for i, id := range domains {
				d := e.domain(t, id)
				out[fmt.Sprintf("%s.test[%d]", mfaType, i)] = d.MFAEnforcementLevel == levels[variant%2]
				p := d.PasswordPolicy
				out[fmt.Sprintf("%s.test[%d]", policyType, i)] = p != nil && p.PasswordDuration == duration(variant) &&
					p.PasswordHistoryRestriction != nil && *p.PasswordHistoryRestriction == variant%10
			}
			return out
		},
		address: func(x faultExchange) string {
			typ := mfaType
			if strings.HasSuffix(x.path, "/password-policy") {
				typ = policyType
			}
			return fmt.Sprintf("%s.test[%d]", typ, slices.Index(domains, x.object))
		},
	}
}

// acronisFaultAPI manages the MFA status of n customer tenants the fixture adds.
func acronisFaultAPI(n int) *faultAPI {
	var tenants []string
	const typ = "authpolicy_tenant_mfa_status"
	return &faultAPI{
		name:       emuacronis.Name,
		throttle:   http.StatusTooManyRequests,
		retries:    transientRetries,
		waitMax:    acronisRetryWaitMax,
		writeRoute: "PUT " + acronisMFAStatusRoute,
		fixture:    func(fx *emulator.Fixture) { tenants = manyCustomers(fx, n) },
		isWrite:    func(r *http.Request) bool { return r.Method == http.MethodPut },
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  acronis {\n    endpoint      = %q\n    client_id     = %q\n    client_secret = %q\n  }\n",
				e.URL, acronisClientID, acronisClientSecret)
		},
		resources: func(variant int) string {
			return fmt.Sprintf(`
locals {
  tenant_ids = %s
}

resource %q "test" {
  count     = length(local.tenant_ids)
  tenant_id = local.tenant_ids[count.index]
  enabled   = %t
}
`, hclList(tenants), typ, variant%2 == 0)
		},
		applied: func(t *testing.T, e *testEmulator, variant int) map[string]bool {
			out := map[string]bool{}
			for i, id := range tenants {
				out[fmt.Sprintf("%s.test[%d]", typ, i)] = e.tenant(t, id).MFAEnabled == (variant%2 == 0)
			}
			return out
		},
		address: func(x faultExchange) string { return fmt.Sprintf("%s.test[%d]", typ, slices.Index(tenants, x.object)) },
	}
}

// cloudSSOFaultAPI manages the MFA status of n directories the fixture adds to the demo
// account. Every directory starts Enabled; the even variants disable them.
func cloudSSOFaultAPI(n int) *faultAPI {
	var directories []string
	for i := range n {
		directories = append(directories, fmt.Sprintf("d-fault%07d", i))
	}
	status := func(variant int) string { return []string{"Disabled", "Enabled"}[variant%2] }
	const typ = "authpolicy_directory_mfa_status"
	return &faultAPI{
		name:       emucloudsso.Name,
		throttle:   http.StatusBadRequest, // Throttling.User
		waitMax:    cloudSSORetryWaitMax,
		writeRoute: "POST /{$}",
		fixture:    func(fx *emulator.Fixture) { fx.AddDirectories(directories...) },
		isWrite:    func(r *http.Request) bool { return r.Header.Get("x-acs-action") == cloudSSOSetAction },
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  cloudsso {\n    endpoint          = %q\n    access_key_id     = %q\n    access_key_secret = %q\n  }\n",
				e.URL, cloudSSOAccessKey, cloudSSOSecret)
		},
		resources: func(variant int) string {
			return fmt.Sprintf(`
locals {
  directory_ids = %s
}

resource %q "test" {
  count        = length(local.directory_ids)
  directory_id = local.directory_ids[count.index]
  enabled      = %t
}
`, hclList(directories), typ, variant%2 == 1)
		},
		applied: func(t *testing.T, e *testEmulator, variant int) map[string]bool {
			out := map[string]bool{}
			for i, id := range directories {
				out[fmt.Sprintf("%s.test[%d]", typ, i)] = e.directory(t, id).MFAAuthenticationStatus == status(variant)
			}
			return out
		},
		address: func(x faultExchange) string {
			return fmt.Sprintf("%s.test[%d]", typ, slices.Index(directories, x.object))
		},
	}
}

// faultKind is one kind of fault, injected into one apply.
type faultKind struct {
	name   string
	faults func(a *faultAPI) []emulator.Fault
	// status is that of the injected answers: 0 for a reset, -1 when none is injected
	// (latency only delays).
	status func(a *faultAPI) int
}

var faultKinds = []faultKind{
	{
		name: "503 with Retry-After",
		faults: func(a *faultAPI) []emulator.Fault {
			return []emulator.Fault{{API: a.name, Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, RetryAfter: "1", Count: faultCount}}
		},
		status: func(*faultAPI) int { return http.StatusServiceUnavailable },
	},
	{
		name: "throttle",
		faults: func(a *faultAPI) []emulator.Fault {
			return []emulator.Fault{{API: a.name, Kind: emulator.FaultThrottle, RetryAfter: "1", Count: faultCount}}
		},
		status: func(a *faultAPI) int { return a.throttle },
	},
	{
		name: "connection reset",
		faults: func(a *faultAPI) []emulator.Fault {
			return []emulator.Fault{{API: a.name, Kind: emulator.FaultReset, Count: faultCount}}
		},
		status: func(*faultAPI) int { return 0 },
	},
	{
		// Not counted: with transientRetries a request fails only after 11 errors in a row,
		// a chance of 0.3^11 (under 2e-6) per request.
		name: "30% random 500",
		faults: func(a *faultAPI) []emulator.Fault {
			return []emulator.Fault{{API: a.name, Kind: emulator.FaultStatus, Status: http.StatusInternalServerError, Rate: 0.3}}
		},
		status: func(*faultAPI) int { return http.StatusInternalServerError },
	},
	{
		name: "latency spikes",
		faults: func(a *faultAPI) []emulator.Fault {
			return []emulator.Fault{{API: a.name, Latency: time.Second, Rate: 0.3, Count: 10}}
		},
		status: func(*faultAPI) int { return -1 },
	},
}

// testFaultsSurvived applies 30 resources of one API once per kind of fault, each apply
// changing all of them, with the faults injected from the apply's first write on: each
// apply converges, the emulator holds the configuration, every injected answer was retried
// (and no sooner than its Retry-After), and every resource was written exactly once.
func testFaultsSurvived(t *testing.T, a *faultAPI) {
	fe := newFaultEmulator(t, a.fixture, a.isWrite)
	var steps []resource.TestStep
	for variant, kind := range faultKinds {
		steps = append(steps, resource.TestStep{
			PreConfig: func() { fe.arm(kind.faults(a)...) },
			Config:    a.config(fe.testEmulator, variant),
			Check: func(*terraform.State) error {
				defer fe.srv.ClearFaults()
				return fe.checkSurvived(t, a, kind, variant)
			},
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    steps,
	})
}

func (f *faultEmulator) checkSurvived(t *testing.T, a *faultAPI, kind faultKind, variant int) error {
	if err := a.holds(t, f.testEmulator, variant); err != nil {
		return err
	}
	log := f.exchanges()
	writes := map[string]int{}
	for _, x := range log {
		if x.write && x.status >= 200 && x.status < 300 {
			writes[a.address(x)]++
		}
	}
	resources := len(a.applied(t, f.testEmulator, variant))
	for addr, n := range writes {
		if n != 1 {
			return fmt.Errorf("%s was written %d times, want once", addr, n)
		}
	}
	if len(writes) != resources {
		return fmt.Errorf("%d resources were written, want %d", len(writes), resources)
	}
	injected := f.injected()
	if injected == 0 {
		return fmt.Errorf("%s: no fault was injected", kind.name)
	}
	status := kind.status(a)
	if status < 0 {
		for _, x := range log {
			if x.status == 0 || x.status >= 500 || x.status == a.throttle {
				return fmt.Errorf("%s: %s answered %d, want no answer that is retried", kind.name, x.key, x.status)
			}
		}
		t.Logf("%s, %s: %d requests, %d writes, %d delayed, none retried", a.name, kind.name, len(log), len(writes), injected)
		return nil
	}
	if n := f.answeredSinceArmed(a.name, status); n != injected {
		return fmt.Errorf("%s: the emulator counted %d answers with status %d, the faults injected %d", kind.name, n, status, injected)
	}
	retried, err := retriesOf(log, func(x faultExchange) bool { return x.status == status })
	if err != nil {
		return fmt.Errorf("%s: %w", kind.name, err)
	}
	if len(retried) != injected {
		return fmt.Errorf("%s: %d answers with status %d reached the client, the faults injected %d", kind.name, len(retried), status, injected)
	}
	shortest, err := honoured(retried)
	if err != nil {
		return fmt.Errorf("%s: %w", kind.name, err)
	}
	msg := fmt.Sprintf("%s, %s: %d requests, %d writes, %d answers with status %d injected and retried", a.name, kind.name,
		len(log), len(writes), injected, status)
	if shortest >= 0 {
		msg += fmt.Sprintf(", shortest wait after a Retry-After: 1 answer %v", shortest.Round(time.Millisecond))
	}
	t.Log(msg)
	return nil
}

func TestAccFault_identity(t *testing.T) {
	testFaultsSurvived(t, identityFaultAPI(faultObjects))
}

func TestAccFault_acronis(t *testing.T) {
	testFaultsSurvived(t, acronisFaultAPI(faultObjects))
}

func TestAccFault_cloudSSO(t *testing.T) {
	testFaultsSurvived(t, cloudSSOFaultAPI(faultObjects))
}

// An hour's Retry-After from each API: every client waits its documented cap instead, so the
// apply, one resource per API in one provider, converges in about the longest cap.
func TestAccFault_retryAfterCapped(t *testing.T) {
	apis := []*faultAPI{identityFaultAPI(2), acronisFaultAPI(1), cloudSSOFaultAPI(1)}
	fe := newFaultEmulator(t,
		func(fx *emulator.Fixture) {
			for _, a := range apis {
				a.fixture(fx)
			}
		},
		func(r *http.Request) bool {
			return slices.ContainsFunc(apis, func(a *faultAPI) bool { return a.isWrite(r) })
		})
	var faults []emulator.Fault
	config := "provider \"authpolicy\" {\n"
	for _, a := range apis {
		faults = append(faults, emulator.Fault{API: a.name, Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable,
			RetryAfter: "3600", Count: 1})
		config += a.block(fe.testEmulator)
	}
	config += "}\n"
	for _, a := range apis {
		config += a.resources(0)
	}
	// Slack for a loaded machine: well under the hour asked for, and under any cap's double.
	const slack = 5 * time.Second
	start := time.Now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() { fe.arm(faults...) },
			Config:    config,
			Check: func(*terraform.State) error {
				defer fe.srv.ClearFaults()
				for _, a := range apis {
					if err := a.holds(t, fe.testEmulator, 0); err != nil {
						return err
					}
				}
				retried, err := retriesOf(fe.exchanges(), func(x faultExchange) bool { return x.retryAfter == "3600" })
				if err != nil {
					return err
				}
				if len(retried) != len(apis) {
					return fmt.Errorf("%d answers asked for an hour and were retried, want %d", len(retried), len(apis))
				}
				for _, r := range retried {
					a := apis[slices.IndexFunc(apis, func(a *faultAPI) bool {
						return a.name == apiOfPath(r.answer)
					})]
					if r.wait < a.waitMax || r.wait >= a.waitMax+slack {
						return fmt.Errorf("%s: Retry-After: 3600 was followed by a retry after %v, want the cap of %v", a.name, r.wait, a.waitMax)
					}
					t.Logf("%s: Retry-After: 3600, retried after %v (cap %v)", a.name, r.wait.Round(time.Millisecond), a.waitMax)
				}
				return nil
			},
		}},
	})
	t.Logf("apply with one hour-long Retry-After per API: %v", time.Since(start).Round(time.Second))
}

// apiOfPath names the API of an exchange by its path, as the emulator routes it.
func apiOfPath(x faultExchange) string {
	switch {
	case strings.HasPrefix(x.path, "/v2.0/"):
		return emuidentity.Name
	case strings.HasPrefix(x.path, "/api/2/"):
		return emuacronis.Name
	}
	return emucloudsso.Name
}
