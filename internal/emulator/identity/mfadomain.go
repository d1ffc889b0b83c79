package identity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// Messages of PUT …/{domainId}/multi-factor, verbatim from §2.1 unless marked.
const (
	msgMissingDomainMFALevel = "Must provide domain multifactor enforcement level"
	msgInvalidJSONValue      = "Invalid json request body for value '%s'"
	msgMFAPrecondition       = "You must have Multi-Factor Authentication set as optional or enabled for your profile to enforce Multi-Factor Authentication for the domain"
	// Inferred: the docs only say RACKSPACE_MANDATED needs a support ticket;
	// both texts are ours and name the level so a client can tell these 403s.
	msgMandatedSet    = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be set by Rackspace. Please open a support ticket."
	msgMandatedChange = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be changed by Rackspace. Please open a support ticket."
)

// parseDomainMFA returns the level or a 400's message. Inferred: other keys
// are ignored, as the token route ignores them.
func parseDomainMFA(r *http.Request) (string, string) {
	settings, ok := bodyMember(r, "RAX-AUTH:multiFactorDomain")
	if !ok {
		return "", msgInvalidJSON
	}
	rawLevel := bytes.TrimSpace(settings["domainMultiFactorEnforcementLevel"])
	if len(rawLevel) == 0 || string(rawLevel) == "null" {
		return "", msgMissingDomainMFALevel
	}
	var level string
	if err := json.Unmarshal(rawLevel, &level); err != nil {
		// Inferred: a number, boolean, object or array is unreadable rather
		// than a bad enum value.
		return "", msgInvalidJSON
	}
	// The enum is case-sensitive: "required" is as wrong as "SOMETIMES".
	if !slices.Contains([]string{LevelOptional, LevelRequired, LevelRackspaceMandated}, level) {
		return "", fmt.Sprintf(msgInvalidJSONValue, level)
	}
	return level, ""
}

// handlePutDomainMFA answers 204, also when the level does not change (§2.1).
// Checks run in Identity's order: media type, token, body, identity type, the
// caller's domain, the caller's own MFA, the domain's existence. Inferred:
// the token before the body (Identity checks the field first), and the
// RACKSPACE_MANDATED refusals last, as a rule of the domain.
func (a *API) handlePutDomainMFA(w http.ResponseWriter, r *http.Request) {
	if declaredNotJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	level, bad := parseDomainMFA(r)
	a.authed(w, r, func(t *token, caller *user) { a.putDomainMFA(w, r, t, caller, level, bad) })
}

func (a *API) putDomainMFA(w http.ResponseWriter, r *http.Request, t *token, caller *user, level, bad string) {
	if bad != "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
		return
	}
	// Inferred: a SETUP-MFA token is good for MFA enrolment only.
	if t.Scope != "" || caller.level() > levelUserManage {
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	id := r.PathValue("domainId")
	if caller.domainBased() {
		if caller.DomainID != id {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		// So an administrator can still log in once MFA is required.
		if !caller.MFAEnabled && caller.MFAEnforcementLevel != LevelOptional {
			writeFault(w, http.StatusForbidden, keyForbidden, msgMFAPrecondition)
			return
		}
	}
	d := a.St.domains[id]
	if d == nil {
		writeFaultf(w, http.StatusNotFound, keyNotFound, msgDomainNotFound, id)
		return
	}
	if caller.domainBased() {
		switch {
		case level == LevelRackspaceMandated:
			writeFault(w, http.StatusForbidden, keyForbidden, msgMandatedSet)
			return
		case d.MFAEnforcementLevel == LevelRackspaceMandated:
			writeFault(w, http.StatusForbidden, keyForbidden, msgMandatedChange)
			return
		}
	}
	// The same level is a no-op; a never-set level is not OPTIONAL here.
	if level != d.MFAEnforcementLevel {
		d.MFAEnforcementLevel = level
		// Inferred: RACKSPACE_MANDATED revokes as REQUIRED does.
		if level != LevelOptional {
			a.revokeNewlyForced(d)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// revokeNewlyForced revokes the password tokens of users now forced to MFA
// who have it off; API keys never meet MFA (§1.6).
func (a *API) revokeNewlyForced(d *domain) {
	for _, u := range a.St.users {
		if u.DomainID == d.ID && !u.MFAEnabled && mfaForced(u, d) {
			a.revokeUnprotected(u)
		}
	}
}
