package acronis

import (
	"encoding/json"
	"errors"
	"net/http"
)

// AdminRoutes returns the out-of-band routes. Patterns are relative: the
// server mounts them under /_emulator/acronis.
func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /tenants":        http.HandlerFunc(a.adminListTenants),
		"GET /tenants/{id}":   http.HandlerFunc(a.adminGetTenant),
		"PATCH /tenants/{id}": http.HandlerFunc(a.adminPatchTenant),
		"GET /clients":        http.HandlerFunc(a.adminListClients),
		"GET /clients/{id}":   http.HandlerFunc(a.adminGetClient),
		"PATCH /clients/{id}": http.HandlerFunc(a.adminPatchClient),
		"GET /tokens":         http.HandlerFunc(a.adminListTokens),
		"POST /tokens/expire": http.HandlerFunc(a.adminExpireTokens),
		"GET /settings":       http.HandlerFunc(a.adminGetSettings),
		"PATCH /settings":     http.HandlerFunc(a.adminPatchSettings),
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

// decodeStrict rejects unknown fields so a typo in a test's PATCH fails
// loudly instead of silently changing nothing.
func decodeStrict(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errors.New("invalid JSON body: " + err.Error())
	}
	return nil
}

func (a *API) adminListTenants(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Tenants())
}

func (a *API) adminGetTenant(w http.ResponseWriter, r *http.Request) {
	t, ok := a.Tenant(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, adminError{Error: "tenant not found"})
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *API) adminPatchTenant(w http.ResponseWriter, r *http.Request) {
	var p TenantPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	t, err := a.UpdateTenant(r.PathValue("id"), p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *API) adminListClients(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Clients())
}

func (a *API) adminGetClient(w http.ResponseWriter, r *http.Request) {
	c, ok := a.Client(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, adminError{Error: "client not found"})
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (a *API) adminPatchClient(w http.ResponseWriter, r *http.Request) {
	var p ClientPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	c, err := a.UpdateClient(r.PathValue("id"), p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (a *API) adminListTokens(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Tokens())
}

func (a *API) adminExpireTokens(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]int{"expired": a.ExpireTokens()})
}

func (a *API) adminGetSettings(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.Settings())
}

func (a *API) adminPatchSettings(w http.ResponseWriter, r *http.Request) {
	var p SettingsPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	s, err := a.UpdateSettings(p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}
