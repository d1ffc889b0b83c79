package cloudsso

import (
	"encoding/json"
	"errors"
	"net/http"
)

// AdminRoutes returns the out-of-band routes. Patterns are relative: the
// server mounts them under /_emulator/cloudsso.
func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /directories":         http.HandlerFunc(a.adminListDirectories),
		"POST /directories":        http.HandlerFunc(a.adminCreateDirectory),
		"GET /directories/{id}":    http.HandlerFunc(a.adminGetDirectory),
		"PATCH /directories/{id}":  http.HandlerFunc(a.adminPatchDirectory),
		"DELETE /directories/{id}": http.HandlerFunc(a.adminDeleteDirectory),
		"GET /settings":            http.HandlerFunc(a.adminGetSettings),
		"PATCH /settings":          http.HandlerFunc(a.adminPatchSettings),
		"GET /accounts":            http.HandlerFunc(a.adminListAccounts),
	}
}

type adminError struct {
	Error string `json:"error"`
}

func writeAdmin(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func adminFail(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, ErrNotFound) {
		status = http.StatusNotFound
	}
	writeAdmin(w, status, adminError{Error: err.Error()})
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

func (a *API) adminListDirectories(w http.ResponseWriter, _ *http.Request) {
	writeAdmin(w, http.StatusOK, a.Directories())
}

func (a *API) adminCreateDirectory(w http.ResponseWriter, r *http.Request) {
	var c DirectoryCreate
	if err := decodeStrict(r, &c); err != nil {
		adminFail(w, err)
		return
	}
	d, err := a.CreateDirectory(c)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeAdmin(w, http.StatusCreated, d)
}

func (a *API) adminGetDirectory(w http.ResponseWriter, r *http.Request) {
	d, ok := a.Directory(r.PathValue("id"))
	if !ok {
		writeAdmin(w, http.StatusNotFound, adminError{Error: "directory not found"})
		return
	}
	writeAdmin(w, http.StatusOK, d)
}

func (a *API) adminPatchDirectory(w http.ResponseWriter, r *http.Request) {
	var p DirectoryPatch
	if err := decodeStrict(r, &p); err != nil {
		adminFail(w, err)
		return
	}
	d, err := a.UpdateDirectory(r.PathValue("id"), p)
	if err != nil {
		adminFail(w, err)
		return
	}
	writeAdmin(w, http.StatusOK, d)
}

func (a *API) adminDeleteDirectory(w http.ResponseWriter, r *http.Request) {
	if err := a.DeleteDirectory(r.PathValue("id")); err != nil {
		adminFail(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) adminGetSettings(w http.ResponseWriter, _ *http.Request) {
	writeAdmin(w, http.StatusOK, a.Settings())
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
	writeAdmin(w, http.StatusOK, s)
}

func (a *API) adminListAccounts(w http.ResponseWriter, _ *http.Request) {
	writeAdmin(w, http.StatusOK, a.Accounts())
}
