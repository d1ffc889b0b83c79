package identity

import (
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

func (a *API) AdminRoutes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /domains/{id}":         emuhttp.Find("id", a.Domain, "domain not found"),
		"PATCH /domains/{id}":       emuhttp.Update("id", a.UpdateDomain, ErrNotFound),
		"GET /users":                emuhttp.Show(a.Users),
		"GET /users/{username}":     emuhttp.Find("username", a.User, "user not found"),
		"PATCH /users/{username}":   emuhttp.Update("username", a.UpdateUser, ErrNotFound),
		"GET /users/{username}/sms": http.HandlerFunc(a.adminGetSMS),
		"GET /tokens":               emuhttp.Show(a.Tokens),
	}
}

func (a *API) adminGetSMS(w http.ResponseWriter, r *http.Request) {
	code, err := a.LastSMSPasscode(r.PathValue("username"))
	if err != nil {
		emuhttp.Fail(w, err, ErrNotFound)
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string]string{"passcode": code})
}
