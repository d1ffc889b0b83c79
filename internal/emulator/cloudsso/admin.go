package cloudsso

import (
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// AdminRoutes answer through emuhttp, so admin bodies carry no request id.
func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /directories":         emuhttp.Show(a.Directories),
		"POST /directories":        emuhttp.Apply(http.StatusCreated, a.CreateDirectory, ErrNotFound),
		"GET /directories/{id}":    emuhttp.Find("id", a.Directory, "directory not found"),
		"PATCH /directories/{id}":  emuhttp.Update("id", a.UpdateDirectory, ErrNotFound),
		"DELETE /directories/{id}": http.HandlerFunc(a.adminDeleteDirectory),
		"GET /settings":            emuhttp.Show(a.Settings),
		"PATCH /settings":          emuhttp.Apply(http.StatusOK, a.UpdateSettings, ErrNotFound),
		"GET /accounts":            emuhttp.Show(a.Accounts),
	}
}

func (a *API) adminDeleteDirectory(w http.ResponseWriter, r *http.Request) {
	if err := a.DeleteDirectory(r.PathValue("id")); err != nil {
		emuhttp.Fail(w, err, ErrNotFound)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
