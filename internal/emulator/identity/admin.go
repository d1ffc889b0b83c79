package identity

import (
	"encoding/json"
	"errors"
	"net/http"
)

// AdminRoutes returns the out-of-band routes. Patterns are relative: the
// server mounts them under /_emulator/identity.
func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /domains/{id}":         http.HandlerFunc(a.adminGetDomain),
		"PATCH /domains/{id}":       http.HandlerFunc(a.adminPatchDomain),
		"GET /users":                http.HandlerFunc(a.adminListUsers),
		"GET /users/{username}":     http.HandlerFunc(a.adminGetUser),
		"PATCH /users/{username}":   http.HandlerFunc(a.adminPatchUser),
		"GET /users/{username}/sms": http.HandlerFunc(a.adminGetSMS),
		"GET /tokens":               http.HandlerFunc(a.adminListTokens),
	}
}

type adminError struct {
	Error string `json:"error"`
}

func adminFail(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, ErrNotFound) {
		status = http.StatusNotFound
	}
	writeJSON(w, status, adminError{Error: err.Error()})
}

// decodeStrict rejects unknown fields so a typo in a test's PATCH fails loudly
// instead of silently changing nothing.
func decodeStrict(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New("invalid JSON body: " + err.Error())
	}
	return nil
}

func (a *API) adminGetDomain(w http.ResponseWriter, r *http.Request) {
	d, ok := a.Domain(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, adminError{Error: "domain not found"})
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (a *API) adminPatchDomain(w http.ResponseWriter, r *http.Request) {
	var p DomainPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	d, err := a.UpdateDomain(r.PathValue("id"), p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (a *API) adminListUsers(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Users())
}

func (a *API) adminGetUser(w http.ResponseWriter, r *http.Request) {
	u, ok := a.User(r.PathValue("username"))
	if !ok {
		writeJSON(w, http.StatusNotFound, adminError{Error: "user not found"})
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (a *API) adminPatchUser(w http.ResponseWriter, r *http.Request) {
	var p UserPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	u, err := a.UpdateUser(r.PathValue("username"), p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (a *API) adminGetSMS(w http.ResponseWriter, r *http.Request) {
	code, err := a.LastSMSPasscode(r.PathValue("username"))
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"passcode": code})
}

func (a *API) adminListTokens(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Tokens())
}
