package identity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Messages of PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor (§2.1),
// verbatim from the research notes unless marked.
const (
	msgMissingDomainMFALevel = "Must provide domain multifactor enforcement level"
	msgInvalidJSONValue      = "Invalid json request body for value '%s'"
	msgMFAPrecondition       = "You must have Multi-Factor Authentication set as optional or enabled for your profile to enforce Multi-Factor Authentication for the domain"
	// Inferred: the docs only say RACKSPACE_MANDATED needs a Rackspace
	// support ticket; both texts are ours. They name the level so a client
	// can tell these 403s from the others.
	msgMandatedSet    = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be set by Rackspace. Please open a support ticket."
	msgMandatedChange = "Domain multi-factor enforcement level RACKSPACE_MANDATED can only be changed by Rackspace. Please open a support ticket."
)

const rootMultiFactorDomain = "RAX-AUTH:multiFactorDomain"

// parseDomainMFA reads
// {"RAX-AUTH:multiFactorDomain": {"domainMultiFactorEnforcementLevel": "REQUIRED"}}
// and returns the level, or the message of a 400. Inferred: other keys, at
// the root or inside, are ignored, as the token route ignores them.
func parseDomainMFA(r *http.Request) (string, string) {
	body, err := emuhttp.ReadBody(r)
	if err != nil {
		return "", msgInvalidJSON
	}
	var root map[string]json.RawMessage
	if err := json.Unmarshal(body, &root); err != nil {
		return "", msgInvalidJSON
	}
	raw, ok := root[rootMultiFactorDomain]
	if !ok {
		return "", msgInvalidJSON
	}
	var settings map[string]json.RawMessage
	if err := decodeObject(raw, &settings); err != nil {
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

// handlePutDomainMFA serves PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor
// (§2.1): 204 with no body, also when the level does not change.
//
// Checks run in Identity's order: token, body (Identity reads the body and
// checks the field before it looks at the caller), identity type, the
// caller's domain, the caller's own MFA, the domain's existence. Inferred:
// the token comes first, as on every other route of the emulator, although
// Identity's method checks the field before the token; and the
// RACKSPACE_MANDATED refusals come last, as a rule of the domain rather than
// of the caller. A media type other than JSON comes before all of them, as
// on the password-policy route: JAX-RS picks the method by it.
func (a *API) handlePutDomainMFA(w http.ResponseWriter, r *http.Request) {
	if declaredNotJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	level, bad := parseDomainMFA(r)
	a.Mu.Lock()
	defer a.Mu.Unlock()
	t, caller, ok := a.authorize(w, r)
	if !ok {
		return
	}
	if bad != "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
		return
	}
	// Inferred: a SETUP-MFA token is good for MFA enrolment only.
	if t.scope != "" || caller.level() > levelUserManage {
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	id := r.PathValue("domainId")
	if caller.domainBased() {
		if caller.domainID != id {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		// So that at least one administrator can still log in once MFA is
		// required; asked in both directions. Admins are exempt.
		if !caller.mfa.enabled && caller.mfa.level != LevelOptional {
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
		case d.mfaLevel == LevelRackspaceMandated:
			writeFault(w, http.StatusForbidden, keyForbidden, msgMandatedChange)
			return
		}
	}
	// The same level is a no-op: nothing is stored and nothing revoked. A
	// never-set level is not OPTIONAL here: setting OPTIONAL stores it, so
	// the domain then shows the attribute.
	if level != d.mfaLevel {
		d.mfaLevel = level
		// Identity revokes when the level becomes REQUIRED. Inferred:
		// RACKSPACE_MANDATED forces MFA the same way, so it revokes too.
		if level != LevelOptional {
			a.revokeNewlyForced(d)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// revokeNewlyForced revokes the password tokens of the domain's users whom
// the enforcement matrix forces to use MFA but who have it off. API-key
// tokens are kept: API keys never meet MFA (§1.6). The caller holds a.Mu.
func (a *API) revokeNewlyForced(d *domain) {
	for _, u := range a.St.users {
		if u.domainID == d.id && !u.mfa.enabled && mfaForced(u, d) {
			a.revokeUnprotected(u)
		}
	}
}
