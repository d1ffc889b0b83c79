package acronis

import (
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /tenants":        emuhttp.Show(a.Tenants),
		"GET /tenants/{id}":   emuhttp.Find("id", a.Tenant, "tenant not found"),
		"PATCH /tenants/{id}": emuhttp.Update("id", a.UpdateTenant, ErrNotFound),
		"GET /clients":        emuhttp.Show(a.Clients),
		"GET /clients/{id}":   emuhttp.Find("id", a.Client, "client not found"),
		"PATCH /clients/{id}": emuhttp.Update("id", a.UpdateClient, ErrNotFound),
		"GET /users":          emuhttp.Show(a.Users),
		"GET /users/{id}":     emuhttp.Find("id", a.User, "user not found"),
		"PATCH /users/{id}":   emuhttp.Update("id", a.UpdateUser, ErrNotFound),
		"GET /tokens":         emuhttp.Show(a.Tokens),
		"POST /tokens/expire": http.HandlerFunc(a.adminExpireTokens),
		"GET /settings":       emuhttp.Show(a.Settings),
		"PATCH /settings":     emuhttp.Apply(http.StatusOK, a.UpdateSettings, ErrNotFound),
	}
}

func (a *API) adminExpireTokens(w http.ResponseWriter, _ *http.Request) {
	emuhttp.WriteJSON(w, http.StatusOK, map[string]int{"expired": a.ExpireTokens()})
}
