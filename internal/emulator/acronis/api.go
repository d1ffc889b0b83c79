package acronis

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// Name is the API's name in counts, faults and admin routes.
const Name = "acronis"

// Route patterns, also the route names in the server's counts and faults.
const (
	RouteToken        = "POST /api/2/idp/token"
	RouteGetTenant    = "GET /api/2/tenants/{tenant_id}"
	RouteGetMFAStatus = "GET /api/2/tenants/{tenant_id}/mfa/status"
	RoutePutMFAStatus = "PUT /api/2/tenants/{tenant_id}/mfa/status"
)

// API is the Acronis account API emulator. It is safe for concurrent use.
type API struct {
	now     func() time.Time
	fixture Fixture
	// signKey signs the JWT-shaped tokens. Nobody verifies them, but a real
	// signature keeps them from looking forgeable in a debugger.
	signKey []byte

	mu sync.Mutex
	st *state
}

// New builds the emulator from a fixture. now is the shared emulator clock;
// nil means time.Now.
func New(fx Fixture, now func() time.Time) (*API, error) {
	if now == nil {
		now = time.Now
	}
	fx = fx.Clone()
	if err := fx.Validate(); err != nil {
		return nil, fmt.Errorf("acronis fixture: %w", err)
	}
	a := &API{now: now, fixture: fx, signKey: make([]byte, 32)}
	_, _ = rand.Read(a.signKey)
	a.st = newState(fx, now())
	return a, nil
}

// Name returns "acronis".
func (a *API) Name() string { return Name }

// PathPrefix is the path space the API owns, so unmatched requests under it
// are counted as Acronis's and answered with its error envelope. The
// datacenter URL is the server root; clients append /api/2.
func (a *API) PathPrefix() string { return "/api/2/" }

// Reset returns to the fixture: tokens, settings and every change made
// through the API or out of band are dropped.
func (a *API) Reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.st = newState(a.fixture, a.now())
}

// Routes returns the API's ServeMux patterns and handlers.
func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		RouteToken:        http.HandlerFunc(a.handleToken),
		RouteGetTenant:    http.HandlerFunc(a.handleGetTenant),
		RouteGetMFAStatus: http.HandlerFunc(a.handleGetMFAStatus),
		RoutePutMFAStatus: http.HandlerFunc(a.handlePutMFAStatus),
	}
}
