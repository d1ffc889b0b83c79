package acronis

import (
	"fmt"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// clientJSON is the `client` object of GET /clients/{client_id} (A.1.1): the creation
// answer's fields without the secret and the registration token, plus the last access.
// Inferred: the values the emulator models nothing of.
type clientJSON struct {
	ClientID                string         `json:"client_id"`
	TenantID                string         `json:"tenant_id"`
	Type                    string         `json:"type"`
	TokenEndpointAuthMethod string         `json:"token_endpoint_auth_method"`
	ClientSecretExpiresAt   int64          `json:"client_secret_expires_at"`
	CreatedAt               string         `json:"created_at"`
	CreatedBy               *string        `json:"created_by"`
	Status                  string         `json:"status"`
	Data                    map[string]any `json:"data"`
	LastAccessAt            *string        `json:"last_access_at"`
	LastAccessFromIP        *string        `json:"last_access_from_ip"`
}

// handleGetClient answers for the caller's own client and those of tenants in its subtree;
// another client is 403 as its tenant would be (A.1.3), an unknown one 404. Inferred: the
// code 404 (no platform code names a missing client) and the wording.
func (a *API) handleGetClient(w http.ResponseWriter, r *http.Request) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	id := r.PathValue("client_id")
	caller, e := a.authenticate(r)
	if e == nil && !uuidRE.MatchString(id) {
		e = errBadRequest(fmt.Sprintf("client_id %q is not a UUID in lowercase 8-4-4-4-12 form.", id))
	}
	var c *client
	if e == nil {
		if c = a.St.clients[id]; c == nil {
			e = &apiError{status: http.StatusNotFound, message: "API client not found.", info: fmt.Sprintf("No API client with ID %s exists.", id)}
		}
	}
	if e == nil {
		_, e = a.accessibleTenant(caller, c.TenantID)
	}
	if e != nil {
		e.write(w)
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, clientJSON{
		ClientID: c.ID, TenantID: c.TenantID, Type: "api_client", TokenEndpointAuthMethod: "client_secret_basic",
		CreatedAt: formatTime(a.Now()), Status: c.Status, Data: map[string]any{"client_name": "emulated"},
	})
}
