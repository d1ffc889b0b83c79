package acronis

import (
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const Name = "acronis"

// Route patterns, also the route names in the server's counts and faults.
const (
	RouteToken        = "POST /api/2/idp/token"
	RouteGetTenant    = "GET /api/2/tenants/{tenant_id}"
	RouteGetMFAStatus = "GET /api/2/tenants/{tenant_id}/mfa/status"
	RoutePutMFAStatus = "PUT /api/2/tenants/{tenant_id}/mfa/status"
	RouteListTenants  = "GET /api/2/tenants"
	RouteGetClient    = "GET /api/2/clients/{client_id}"
	RouteGetUser      = "GET /api/2/users/{user_id}"
	RoutePutUserMFA   = "PUT /api/2/users/{user_id}/mfa/status"
)

// API is the Acronis account API emulator, safe for concurrent use.
type API struct {
	emuhttp.Core[Fixture, state]
	signKey []byte // nobody verifies it, but tokens look real in a debugger
}

// New builds the emulator on the shared clock now (nil: time.Now). It owns
// /api/2/, as clients append that to the datacenter URL.
func New(fx Fixture, now func() time.Time) (*API, error) {
	a := &API{signKey: emuhttp.RandomBytes(32)}
	if err := a.Init(Name, "/api/2/", fx, now, Fixture.Validate, newState); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		RouteToken:        http.HandlerFunc(a.handleToken),
		RouteGetTenant:    http.HandlerFunc(a.handleGetTenant),
		RouteGetMFAStatus: http.HandlerFunc(a.handleGetMFAStatus),
		RoutePutMFAStatus: http.HandlerFunc(a.handlePutMFAStatus),
		RouteListTenants:  http.HandlerFunc(a.handleListTenants),
		RouteGetClient:    http.HandlerFunc(a.handleGetClient),
		RouteGetUser:      http.HandlerFunc(a.handleGetUser),
		RoutePutUserMFA:   http.HandlerFunc(a.handlePutUserMFAStatus),
	}
}
