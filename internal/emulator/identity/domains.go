package identity

import (
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

type domainJSON struct {
	ID                       string `json:"id"`
	Name                     string `json:"name,omitempty"`
	Description              string `json:"description,omitempty"`
	Enabled                  bool   `json:"enabled"`
	SessionInactivityTimeout string `json:"sessionInactivityTimeout"`
	RackspaceCustomerNumber  string `json:"rackspaceCustomerNumber,omitempty"`
	MFAEnforcementLevel      string `json:"domainMultiFactorEnforcementLevel,omitempty"` // omitted while never set (§2.2)
	Type                     string `json:"type,omitempty"`
}

// handleGetDomain serves GET /v2.0/RAX-AUTH/domains/{domainId} (§5).
func (a *API) handleGetDomain(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(t *token, caller *user) {
		if t.Scope != "" {
			// Inferred: a SETUP-MFA token is good for MFA enrolment only.
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		id := r.PathValue("domainId")
		d := a.St.domains[id]
		// Inferred: the domain is looked up before the caller's domain is
		// compared, so an unknown domain is a 404 for every caller.
		if d == nil {
			writeFaultf(w, http.StatusNotFound, keyNotFound, msgDomainNotFound, id)
			return
		}
		if caller.domainBased() && caller.DomainID != d.ID {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		out := domainJSON{
			ID:                       d.ID,
			Enabled:                  d.Enabled,
			SessionInactivityTimeout: d.SessionInactivityTimeout,
			RackspaceCustomerNumber:  d.RackspaceCustomerNumber,
			MFAEnforcementLevel:      d.MFAEnforcementLevel,
			Type:                     d.Type,
		}
		if !caller.domainBased() {
			out.Name, out.Description = d.Name, d.Description
		}
		emuhttp.WriteJSON(w, http.StatusOK, map[string]domainJSON{"RAX-AUTH:domain": out})
	})
}

// handleRevokeOwn serves DELETE /v2.0/tokens: the caller revokes its own token.
func (a *API) handleRevokeOwn(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(t *token, _ *user) {
		t.Revoked = true
		w.WriteHeader(http.StatusNoContent)
	})
}

func (a *API) handleRevokeOther(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(_ *token, caller *user) {
		target := a.St.tokens[r.PathValue("tokenId")]
		own := target != nil && target.UserID == caller.ID
		// Inferred: users below user-manage may revoke only their own tokens, and
		// are told so before learning whether another token exists.
		if !own && caller.level() > levelUserManage {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		if target == nil {
			writeFault(w, http.StatusNotFound, keyNotFound, msgTokenNotFound)
			return
		}
		if !own && !a.mayManage(caller, a.St.users[target.UserID]) {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		// Inferred: revoking an expired or already revoked token succeeds.
		target.Revoked = true
		w.WriteHeader(http.StatusNoContent)
	})
}

// mayManage is Identity's precedence rule. Inferred: equal levels may.
func (a *API) mayManage(caller, target *user) bool {
	if target == nil {
		return caller.level() <= levelAdmin
	}
	if caller.domainBased() && caller.DomainID != target.DomainID {
		return false
	}
	return caller.level() <= target.level()
}
