package provider

import (
	"fmt"
	"net/http"
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

// faultResources is about how many resources each fault test applies per API.
const faultResources = 30

// faultExchange is one API request as the listener saw it.
type faultExchange struct {
	// key names the logical request: its retries share it (method, path, and for CloudSSO,
	// whose calls all go to "/", the action and the directory).
	key string
	// object is the ID of the domain, tenant or directory the request is about, if any.
	object string
	path   string
	// address is the resource a write belongs to ("" for any other request).
	address string
	write   bool
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
	t    *testing.T
	apis []*faultAPI

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

// newFaultEmulator starts an emulator with the objects of apis, and the demo fixture as edit
// (if any) leaves it.
func newFaultEmulator(t *testing.T, edit func(*emulator.Fixture), apis ...*faultAPI) *faultEmulator {
	t.Helper()
	f := &faultEmulator{t: t, apis: apis}
	f.testEmulator = startEmulator(t, func(fx *emulator.Fixture) {
		for _, a := range apis {
			for _, o := range a.objects {
				o.fixture(fx, o.ids...)
			}
		}
		if edit != nil {
			edit(fx)
		}
	}, func(*emulator.Server) http.Handler { return f })
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
		arrived: time.Now(),
	}
	for _, a := range f.apis {
		for _, o := range a.objects {
			if o.isWrite(r) {
				x.write, x.address = true, fmt.Sprintf("%s.test[%d]", o.typ, slices.Index(o.ids, x.object))
			}
		}
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

// requestObject finds the domain, tenant, user or directory a request is about.
func requestObject(r *http.Request) string {
	if id := r.URL.Query().Get("DirectoryId"); id != "" {
		return id
	}
	parts := strings.Split(r.URL.Path, "/")
	for i, p := range parts {
		if (p == "domains" || p == "tenants" || p == "users") && i+1 < len(parts) {
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

// faultObject is how the fault-injection and partial-failure runs manage many objects of one
// resource type (objectCases): its objects are added by the fixture, one resource each.
type faultObject struct {
	ids     func(n int) []string
	fixture func(fx *emulator.Fixture, ids ...string)
	// isWrite tells the object's writes among the API's requests.
	isWrite func(*http.Request) bool
	// config is the body of a resource with count over the HCL list ids, at the variant-th
	// setting; each variant changes every object from the one before.
	config func(ids string, variant int) string
	// holds reports whether the emulator holds what the variant-th setting sets on id.
	holds func(t *testing.T, e *testEmulator, id string, variant int) bool
}

// faultObjects are the objects of one type in one run.
type faultObjects struct {
	*faultObject
	typ string
	ids []string
}

// faultService is what the runs need of one API besides its objects.
type faultService struct {
	// throttle is the status of the API's rate-limit answer.
	throttle int
	// retries is how many retries a request gets; 0 means until its operation's time runs out.
	retries int
	waitMax time.Duration
	// writeRoute is the emulator route of the write the partial-failure run refuses.
	writeRoute string
	block      func(e *testEmulator) string // the provider's block for this API
}

var faultServices = map[string]faultService{
	emuidentity.Name: {
		throttle:   http.StatusRequestEntityTooLarge,
		retries:    transientRetries,
		waitMax:    identityRetryWaitMax,
		writeRoute: "PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor",
		// The Rackspace administrator, whom Identity lets act on any domain.
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  rackspace {\n    endpoint = %q\n    username = %q\n    api_key  = %q\n  }\n",
				e.URL, emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
		},
	},
	emuacronis.Name: {
		throttle:   http.StatusTooManyRequests,
		retries:    transientRetries,
		waitMax:    acronisRetryWaitMax,
		writeRoute: "PUT " + acronisMFAStatusRoute,
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  acronis {\n    endpoint      = %q\n    client_id     = %q\n    client_secret = %q\n  }\n",
				e.URL, acronisClientID, acronisClientSecret)
		},
	},
	emucloudsso.Name: {
		throttle:   http.StatusBadRequest, // Throttling.User
		waitMax:    cloudSSORetryWaitMax,
		writeRoute: "POST /{$}",
		block: func(e *testEmulator) string {
			return fmt.Sprintf("  cloudsso {\n    endpoint          = %q\n    access_key_id     = %q\n    access_key_secret = %q\n  }\n",
				e.URL, cloudSSOAccessKey, cloudSSOSecret)
		},
	},
}

// faultAPI is one API seen by the fault and partial-failure tests: n resources, shared among
// its object types (objectCases), against objects the fixture adds.
type faultAPI struct {
	faultService
	name    string // the emulator's name of the API
	objects []faultObjects
}

// newFaultAPI is the API with about n resources of each type that has a fault case.
func newFaultAPI(t *testing.T, name string, n int) *faultAPI {
	t.Helper()
	svc, ok := faultServices[name]
	if !ok {
		t.Fatalf("API %s has objects with a fault case but no entry in faultServices", name)
	}
	a := &faultAPI{faultService: svc, name: name}
	var types []string
	for typ, c := range objectCases {
		if c.api == name && c.fault != nil {
			types = append(types, typ)
		}
	}
	slices.Sort(types)
	for _, typ := range types {
		o := objectCases[typ].fault
		a.objects = append(a.objects, faultObjects{o, typ, o.ids(max(1, n/len(types)))})
	}
	if len(a.objects) == 0 {
		t.Fatalf("API %s has no object with a fault case", name)
	}
	return a
}

// faultAPINames are the APIs that have objects in the fault runs.
func faultAPINames() []string {
	var out []string
	for _, c := range objectCases {
		if c.fault != nil && !slices.Contains(out, c.api) {
			out = append(out, c.api)
		}
	}
	slices.Sort(out)
	return out
}

// config is the provider with this API's block and the variant-th configuration.
func (a *faultAPI) config(e *testEmulator, variant int) string {
	return "provider \"authpolicy\" {\n" + a.block(e) + "}\n" + a.resources(variant)
}

// resources are the API's resources at the variant-th setting.
func (a *faultAPI) resources(variant int) string {
	var b strings.Builder
	for _, o := range a.objects {
		local := o.typ + "_ids"
		fmt.Fprintf(&b, "\nlocals {\n  %s = %s\n}\n\nresource %q \"test\" {\n  count = length(local.%s)\n%s}\n",
			local, hclList(o.ids), o.typ, local, o.config("local."+local, variant))
	}
	return b.String()
}

// applied tells, for each resource address, whether the emulator holds what the variant-th
// configuration sets.
func (a *faultAPI) applied(t *testing.T, e *testEmulator, variant int) map[string]bool {
	out := map[string]bool{}
	for _, o := range a.objects {
		for i, id := range o.ids {
			out[fmt.Sprintf("%s.test[%d]", o.typ, i)] = o.holds(t, e, id, variant)
		}
	}
	return out
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
	fe := newFaultEmulator(t, nil, a)
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
			writes[x.address]++
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

// TestAccFault runs every kind of fault against each API, with the resources of every type
// that has a fault case in objectCases.
func TestAccFault(t *testing.T) {
	checkCovered(t, "the fault-injection run",
		"give it a fault case, or a noFault reason, in objectCases (helpers_test.go)", func(_ string, c objectCase) bool { return c.fault != nil || c.noFault != "" })
	for _, name := range faultAPINames() {
		t.Run(name, func(t *testing.T) { testFaultsSurvived(t, newFaultAPI(t, name, faultResources)) })
	}
}

// An hour's Retry-After from each API: every client waits its documented cap instead, so the
// apply, one resource per API in one provider, converges in about the longest cap.
func TestAccFault_retryAfterCapped(t *testing.T) {
	var apis []*faultAPI
	for _, name := range faultAPINames() {
		apis = append(apis, newFaultAPI(t, name, 1))
	}
	fe := newFaultEmulator(t, nil, apis...)
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
