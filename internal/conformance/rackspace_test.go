package conformance

import (
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// Emulator route names, as the emulator counts them.
const (
	tokensRoute = "POST /v2.0/tokens"
	revokeRoute = "DELETE /v2.0/tokens"
	domainRoute = "GET /v2.0/RAX-AUTH/domains/{domainId}"
)

// Objects some tests add to the demo fixture, named so as not to clash with
// what the demo fixture may grow.
const (
	otherDomainID = "424242"
	filesTenantID = "MossoCloudFS_9c1f0d2e"
	opsAdminUser  = "conformance-ops"
	opsAdminKey   = "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0"
)

// env is one emulator, loaded with the demo fixture, behind a real HTTP
// listener.
type env struct {
	t   *testing.T
	srv *emulator.Server
	url string

	mu sync.Mutex
	// arrivals are when POST /v2.0/tokens requests reached the server, in
	// real time: the Retry-After check measures the server's view, not the
	// client's.
	arrivals []time.Time
}

func newEnv(t *testing.T, edits ...func(*identity.Fixture)) *env {
	t.Helper()
	fx := emulator.DemoFixture()
	for _, edit := range edits {
		edit(&fx.Identity)
	}
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	e := &env{t: t, srv: srv}
	ts := httptest.NewServer(http.HandlerFunc(e.serve))
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

func (e *env) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && r.URL.Path == "/v2.0/tokens" {
		e.mu.Lock()
		e.arrivals = append(e.arrivals, time.Now())
		e.mu.Unlock()
	}
	e.srv.ServeHTTP(w, r)
}

func (e *env) tokenArrivals() []time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.arrivals)
}

// client builds a client for the emulator. Its clock is the emulator's, as
// a TOTP app on a phone would agree with the real service's clock; retries
// wait milliseconds so that fault tests stay fast.
func (e *env) client(edits ...func(*rackspace.Config)) *rackspace.Client {
	e.t.Helper()
	cfg := rackspace.Config{
		Endpoint:     e.url + "/v2.0",
		Now:          e.srv.Clock().Now,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond,
	}
	for _, edit := range edits {
		edit(&cfg)
	}
	c, err := rackspace.New(cfg)
	if err != nil {
		e.t.Fatalf("rackspace.New: %v", err)
	}
	return c
}

// counts returns how many requests the emulator answered on route, by
// status (0: the connection was reset).
func (e *env) counts(route string) map[int]int {
	return e.srv.StatusCounts(identity.Name, route)
}

func (e *env) wantCounts(route string, want map[int]int) {
	e.t.Helper()
	if got := e.counts(route); !maps.Equal(got, want) {
		e.t.Errorf("%s answered %v (status: requests), want %v", route, got, want)
	}
}

func (e *env) user(name string) identity.UserState {
	e.t.Helper()
	u, ok := e.srv.Identity().User(name)
	if !ok {
		e.t.Fatalf("emulator has no user %q", name)
	}
	return u
}

// onlyToken returns the one token the emulator has issued.
func (e *env) onlyToken() identity.TokenState {
	e.t.Helper()
	toks := e.srv.Identity().Tokens()
	if len(toks) != 1 {
		e.t.Fatalf("emulator issued %d tokens, want 1", len(toks))
	}
	return toks[0]
}

// wantKind fails unless err is a *rackspace.Error of kind want.
func wantKind(t *testing.T, err error, want rackspace.Kind) {
	t.Helper()
	_ = errOfKind(t, err, want)
}

// errOfKind is wantKind returning the error for further checks.
func errOfKind(t *testing.T, err error, want rackspace.Kind) *rackspace.Error {
	t.Helper()
	var e *rackspace.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *rackspace.Error", err, err)
	}
	if e.Kind != want {
		t.Fatalf("kind %v, want %v (error: %v)", e.Kind, want, err)
	}
	return e
}

// wantFault checks the HTTP side of an error: status, fault key, message.
func wantFault(t *testing.T, e *rackspace.Error, status int, fault, message string) {
	t.Helper()
	if e.Status != status || e.Fault != fault || e.Message != message {
		t.Errorf("error HTTP %d %q %q, want HTTP %d %q %q", e.Status, e.Fault, e.Message, status, fault, message)
	}
}

// noSecrets fails if the error text shows any of the secrets.
func noSecrets(t *testing.T, err error, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("error %q shows a secret", err)
		}
	}
}

// wrongTOTP returns a six-digit code that is not valid for secret anywhere
// near at, so a "wrong passcode" can never be right by chance.
func wrongTOTP(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	opts := totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	valid := map[string]bool{}
	for step := -3; step <= 3; step++ {
		code, err := totp.GenerateCodeCustom(secret, at.Add(time.Duration(step)*30*time.Second), opts)
		if err != nil {
			t.Fatal(err)
		}
		valid[code] = true
	}
	for _, c := range []string{"000000", "111111", "222222", "333333", "444444", "555555", "666666", "777777"} {
		if !valid[c] {
			return c
		}
	}
	t.Fatal("no wrong code found")
	return ""
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// roundTripFunc lets a test stand between the client and the emulator.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// hookedHTTPClient returns an HTTP client whose transport passes each
// request through hook, which calls next to reach the emulator.
func hookedHTTPClient(t *testing.T, hook func(r *http.Request, next http.RoundTripper) (*http.Response, error)) *http.Client {
	t.Helper()
	dt, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		t.Fatalf("http.DefaultTransport is a %T", http.DefaultTransport)
	}
	base := dt.Clone()
	t.Cleanup(base.CloseIdleConnections)
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			return hook(r, base)
		}),
	}
}

func isChallenge(resp *http.Response) bool {
	return resp.StatusCode == http.StatusUnauthorized &&
		strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "OS-MF ")
}

// withOtherDomain adds a second domain with its own tenant and an
// identity:admin user, who may read any domain.
func withOtherDomain(fx *identity.Fixture) {
	fx.Domains = append(fx.Domains, identity.DomainFixture{
		ID: otherDomainID, Name: "Conformance Other", Description: "A second customer",
	})
	fx.Tenants = append(fx.Tenants, identity.TenantFixture{ID: otherDomainID, DomainID: otherDomainID, Type: "cloud"})
	fx.Users = append(fx.Users, identity.UserFixture{
		ID: "42001", Username: opsAdminUser, DomainID: otherDomainID, Role: identity.RoleAdmin,
		APIKey: opsAdminKey, DefaultRegion: "ORD",
	})
}

// withFilesTenant gives the demo domain a Cloud Files tenant; every demo
// user gets the default object-store role on it.
func withFilesTenant(fx *identity.Fixture) {
	fx.Tenants = append(fx.Tenants, identity.TenantFixture{ID: filesTenantID, DomainID: identity.DemoDomainID, Type: "files"})
}
