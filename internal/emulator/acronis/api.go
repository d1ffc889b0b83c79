package acronis

import (
	"crypto/rand"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
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
// Reset drops tokens, settings and every change made through the API or
// out of band.
type API struct {
	emuhttp.Core[Fixture, state]
	// signKey signs the JWT-shaped tokens. Nobody verifies them, but a real
	// signature keeps them from looking forgeable in a debugger.
	signKey []byte
}

// New builds the emulator from a fixture. now is the shared emulator clock;
// nil means time.Now. The API owns /api/2/: the datacenter URL is the
// server root and clients append /api/2.
func New(fx Fixture, now func() time.Time) (*API, error) {
	a := &API{signKey: make([]byte, 32)}
	_, _ = rand.Read(a.signKey)
	if err := a.Init(Name, "/api/2/", fx, now, Fixture.Validate, newState); err != nil {
		return nil, err
	}
	return a, nil
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
