package cloudsso

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const Name = "cloudsso"

// Route patterns, also the route names in counts and faults; every RPC
// action goes to "/". "{$}" leaves other paths to the server's unmatched
// handling, which answers InvalidAction.NotFound.
const (
	RouteGet  = "GET /{$}"
	RoutePost = "POST /{$}"
)

// API is the CloudSSO emulator, safe for concurrent use.
type API struct {
	emuhttp.Core[Fixture, state]
}

// New builds the emulator on the shared clock now (nil: time.Now). It owns
// "/", which leaves it only the paths no longer prefix claims.
func New(fx Fixture, now func() time.Time) (*API, error) {
	a := &API{}
	if err := a.Init(Name, "/", fx, now, Fixture.Validate, newState); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		RouteGet:  http.HandlerFunc(a.handle),
		RoutePost: http.HandlerFunc(a.handle),
	}
}

// handle reads, verifies, applies the quota, checks Format, then dispatches.
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
	if e == nil && !a.St.quota.allow(c.accountID, a.St.settings.CallsPerSecond, now) {
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

// checkFormat: B.4.1 makes XML V1's default; the emulator answers JSON when
// Format is absent and refuses XML, whose layout the notes do not document.
// Inferred: the code.
func checkFormat(req *request) *apiError {
	if f := req.param("Format"); f != "" && !strings.EqualFold(f, "JSON") {
		return errBadRequest(codeInvalidFormat, fmt.Sprintf("Format %q is not supported by the emulator; use JSON.", f))
	}
	return nil
}
