package cloudsso

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Name is the API's name in counts, faults and admin routes.
const Name = "cloudsso"

// Route patterns, also the route names in the server's counts and faults.
// Every action shares them: RPC calls all go to "/".
const (
	RouteGet  = "GET /{$}"
	RoutePost = "POST /{$}"
)

// API is the CloudSSO emulator. It is safe for concurrent use. Reset drops
// directories, settings, remembered nonces and quota windows.
type API struct {
	emuhttp.Core[Fixture, state]
}

// New builds the emulator from a fixture. now is the shared emulator clock;
// nil means time.Now. An RPC API lives at the root: the server gives every
// longer prefix (the other APIs', /_emulator/) to its owner, so this API
// gets only the paths nobody else claims, and answers those not "/" with
// InvalidAction.NotFound.
func New(fx Fixture, now func() time.Time) (*API, error) {
	a := &API{}
	if err := a.Init(Name, "/", fx, now, Fixture.Validate, newState); err != nil {
		return nil, err
	}
	return a, nil
}

// Routes returns the API's ServeMux patterns and handlers. "{$}" keeps them
// to "/" itself, so unknown paths fall to the server's unmatched handling
// and are counted by prefix.
func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		RouteGet:  http.HandlerFunc(a.handle),
		RoutePost: http.HandlerFunc(a.handle),
	}
}

// handle serves every action: read the parameters, verify the signature
// (see verify for the order), apply the account's quota, check Format,
// then run the action.
func (a *API) handle(w http.ResponseWriter, r *http.Request) {
	req, e := readRequest(r)
	if e != nil {
		e.write(w, r.Host)
		return
	}
	a.Mu.Lock()
	defer a.Mu.Unlock()
	now := a.Now()
	c, e := a.verify(req, now)
	if e == nil && !a.St.quota.allow(c.accountID, a.St.settings.callsPerSecond, now) {
		e = &apiError{status: http.StatusBadRequest, code: codeThrottlingUser, message: throttleMessage}
	}
	if e == nil {
		e = checkFormat(req)
	}
	var body map[string]any
	if e == nil {
		body, e = a.dispatch(req, c.accountID, now)
	}
	if e != nil {
		e.write(w, req.host)
		return
	}
	id := newRequestID()
	body["RequestId"] = id
	writeJSON(w, http.StatusOK, id, body)
}

// checkFormat allows JSON only. B.4.1 documents XML as the default of V1;
// the emulator answers JSON when Format is absent (the clients here always
// want JSON) and refuses XML rather than imitate an XML layout the notes
// do not document. Inferred: the code.
func checkFormat(req *request) *apiError {
	if f := req.param("Format"); f != "" && !strings.EqualFold(f, "JSON") {
		return errBadRequest(codeInvalidFormat, fmt.Sprintf("Format %q is not supported by the emulator; use JSON.", f))
	}
	return nil
}
