package conformance

import (
	"errors"
	"maps"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	acronisemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// Acronis route names as the emulator counts them, written out from the
// notes (A.1.2, A.2, A.3) rather than taken from the emulator, so that a
// route the emulator serves under another pattern shows up as a wrong count.
const (
	acTokenRoute     = "POST /api/2/idp/token"
	acGetTenantRoute = "GET /api/2/tenants/{tenant_id}"
	acGetMFARoute    = "GET /api/2/tenants/{tenant_id}/mfa/status"
	acPutMFARoute    = "PUT /api/2/tenants/{tenant_id}/mfa/status"
)

// The demo fixture's Acronis objects (CONTRACT-4), spelled out for the same
// reason.
const (
	acClientID     = "44444444-4444-4444-8444-444444444444"
	acClientSecret = "demo-secret"
	acRootID       = "00000000-0000-4000-8000-000000000000"
	acPartnerID    = "11111111-1111-4111-8111-111111111111"
	acCustomerID   = "22222222-2222-4222-8222-222222222222"
	acUnitID       = "33333333-3333-4333-8333-333333333333"
	acFolderID     = "55555555-5555-4555-8555-555555555555"
	acOtherCustID  = "77777777-7777-4777-8777-777777777777"
	acEnrolledID   = "88888888-8888-4888-8888-888888888888"
)

// acronisTokenLifetime is the token lifetime the guides state (A.1.2), and
// acronisMargin the client's default refresh margin.
const (
	acronisTokenLifetime = 2 * time.Hour
	acronisMargin        = 5 * time.Minute
)

// acEnv is one emulator, loaded with the demo fixture, behind a real HTTP
// listener, seen from the Acronis side.
type acEnv struct {
	t   *testing.T
	srv *emulator.Server
	url string
}

func newAcronisEnv(t *testing.T) *acEnv {
	t.Helper()
	srv, err := emulator.New(emulator.DemoFixture())
	if err != nil {
		t.Fatalf("emulator.New: %v", err)
	}
	e := &acEnv{t: t, srv: srv}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

// emu is the emulator's Go state API.
func (e *acEnv) emu() *acronisemu.API { return e.srv.Acronis() }

// client builds a client for the emulator with the demo API client's
// credentials. The endpoint is the server root, as the datacenter URL is;
// the client appends /api/2. Its clock is the emulator's, so that expiry
// is judged on the time the server keeps; retries wait milliseconds so
// that fault tests stay fast (a Retry-After is capped at RetryWaitMax).
func (e *acEnv) client(edits ...func(*acronis.Config)) *acronis.Client {
	e.t.Helper()
	cfg := acronis.Config{
		Endpoint:     e.url,
		ClientID:     acClientID,
		ClientSecret: acClientSecret,
		Now:          e.srv.Clock().Now,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond,
	}
	for _, edit := range edits {
		edit(&cfg)
	}
	c, err := acronis.New(cfg)
	if err != nil {
		e.t.Fatalf("acronis.New: %v", err)
	}
	return c
}

// counts returns how many requests the emulator answered on an Acronis
// route, by status (0: the connection was reset).
func (e *acEnv) counts(route string) map[int]int {
	return e.srv.StatusCounts(acronisemu.Name, route)
}

func (e *acEnv) wantCounts(route string, want map[int]int) {
	e.t.Helper()
	if got := e.counts(route); !maps.Equal(got, want) {
		e.t.Errorf("%s answered %v (status: requests), want %v", route, got, want)
	}
}

// wantTokenRequests checks both views of the token traffic: what the
// emulator answered and what the client says it fetched.
func (e *acEnv) wantTokenRequests(c *acronis.Client, want map[int]int, fetches int) {
	e.t.Helper()
	e.wantCounts(acTokenRoute, want)
	if n := c.TokenRequests(); n != fetches {
		e.t.Errorf("client reports %d token fetches, want %d", n, fetches)
	}
}

func (e *acEnv) tenant(id string) acronisemu.TenantState {
	e.t.Helper()
	ts, ok := e.emu().Tenant(id)
	if !ok {
		e.t.Fatalf("emulator has no tenant %s", id)
	}
	return ts
}

func (e *acEnv) tokens(want int) []acronisemu.TokenState {
	e.t.Helper()
	toks := e.emu().Tokens()
	if len(toks) != want {
		e.t.Fatalf("emulator issued %d tokens, want %d", len(toks), want)
	}
	return toks
}

func (e *acEnv) addFault(route string, f emulator.Fault) {
	e.t.Helper()
	f.API, f.Route = acronisemu.Name, route
	if _, err := e.srv.AddFault(f); err != nil {
		e.t.Fatalf("AddFault: %v", err)
	}
}

// readMFA reads a tenant's status and fails the test on an error.
func readMFA(t *testing.T, c *acronis.Client, id string) *acronis.MFAStatus {
	t.Helper()
	st, err := c.GetTenantMFAStatus(t.Context(), id)
	if err != nil {
		t.Fatalf("GetTenantMFAStatus(%s): %v", id, err)
	}
	return st
}

func wantMFA(t *testing.T, what string, got *acronis.MFAStatus, want acronis.MFAStatus) {
	t.Helper()
	if got == nil || *got != want {
		t.Errorf("%s: %+v, want %+v", what, got, want)
	}
}

// acWantKind fails unless err is an *acronis.Error of kind want.
func acWantKind(t *testing.T, err error, want acronis.Kind) {
	t.Helper()
	_ = acErrOf(t, err, want)
}

// acErrOf fails unless err is an *acronis.Error of kind want, and returns it.
func acErrOf(t *testing.T, err error, want acronis.Kind) *acronis.Error {
	t.Helper()
	var e *acronis.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *acronis.Error", err, err)
	}
	if e.Kind != want {
		t.Fatalf("kind %v, want %v (error: %v)", e.Kind, want, err)
	}
	return e
}

// acWire is the wire side of an *acronis.Error.
type acWire struct {
	Op, Code, Domain, Message, Info string
	Status                          int
}

func wantWire(t *testing.T, e *acronis.Error, want acWire) {
	t.Helper()
	got := acWire{Op: e.Op, Code: e.Code, Domain: e.Domain, Message: e.Message, Info: e.Info, Status: e.Status}
	if got != want {
		t.Errorf("error fields\n got %+v\nwant %+v", got, want)
	}
}

// noSecrets fails if the error text shows the client secret or any token
// the emulator issued.
func (e *acEnv) noSecrets(err error) {
	e.t.Helper()
	secrets := []string{acClientSecret}
	for _, tok := range e.emu().Tokens() {
		secrets = append(secrets, tok.AccessToken)
	}
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) {
			e.t.Errorf("error %q shows a secret", err)
		}
	}
}
