package identity

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
)

// Messages of PUT /v2.0/users/{userId}/RAX-AUTH/multi-factor (§2.3, more-endpoints.md A.4).
const (
	msgNoMFASettings     = "Must provide a multifactor settings"
	msgMixSettingMFA     = "Cannot change other settings while setting multi factor."
	msgMixDisablingMFA   = "Cannot change other settings while disabling multi factor."
	msgMixUnlockingMFA   = "Cannot change other settings while unlocking multi factor."
	msgMixEnforcementMFA = "Cannot change other settings while setting user enforcement level."
	// Inferred: the docs give this refusal's meaning, not its text; ours names the level so
	// a client can tell it from the other 403s.
	msgUserMandated = "Cannot update user enforcement level when domain enforcement is RACKSPACE_MANDATED. Please open a support ticket."
)

// userMFARequest is the one kind of change a body asks for: level is set for an enforcement
// level change, other names another kind (which the emulator does not serve).
type userMFARequest struct {
	level string
	other string
}

// parseUserMFA reads {"RAX-AUTH:multiFactor": {...}} or returns a 400's message. A null member
// counts as absent. Inferred: when the level comes with another kind, the message names the
// other kind in the order §2.3 lists them.
func parseUserMFA(r *http.Request) (userMFARequest, string) {
	settings, ok := bodyMember(r, "RAX-AUTH:multiFactor")
	if !ok {
		return userMFARequest{}, msgInvalidJSON
	}
	given := func(name string) (json.RawMessage, bool) {
		raw := bytes.TrimSpace(settings[name])
		return raw, len(raw) > 0 && string(raw) != "null"
	}
	var req userMFARequest
	rawEnabled, enabled := given("enabled")
	_, unlock := given("unlock")
	_, factor := given("factorType")
	switch {
	case enabled && string(rawEnabled) == "false":
		req.other = msgMixDisablingMFA
	case enabled || factor:
		req.other = msgMixSettingMFA
	case unlock:
		req.other = msgMixUnlockingMFA
	}
	rawLevel, level := given("userMultiFactorEnforcementLevel")
	if !level {
		if req.other == "" {
			return req, msgNoMFASettings
		}
		return req, ""
	}
	if req.other != "" {
		return req, req.other
	}
	// Inferred (A.4): an unknown or mistyped level fails the JSON reader, as the domain
	// reader's does.
	if json.Unmarshal(rawLevel, &req.level) != nil ||
		!slices.Contains([]string{LevelDefault, LevelRequired, LevelOptional}, req.level) {
		return req, msgInvalidJSON
	}
	return req, ""
}

// handlePutUserMFA serves PUT /v2.0/users/{userId}/RAX-AUTH/multi-factor for enforcement
// levels (204, no body). Enabling, disabling and unlocking are not emulated: they are answered
// 501 with Identity's empty body, so a test relying on them fails plainly.
func (a *API) handlePutUserMFA(w http.ResponseWriter, r *http.Request) {
	if declaredNotJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	req, bad := parseUserMFA(r)
	a.authed(w, r, func(t *token, caller *user) { a.putUserMFA(w, r, t, caller, req, bad) })
}

// putUserMFA checks in the order of validateUpdateUserEnforcementLevelRequest (A.4). Inferred:
// the body before the caller's role, the target's existence before the precedence rules, and
// the RACKSPACE_MANDATED refusal (not in the 2019 code) last, for customers only, as on the
// domain route.
func (a *API) putUserMFA(w http.ResponseWriter, r *http.Request, t *token, caller *user, req userMFARequest, bad string) {
	switch {
	case bad != "":
		writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
		return
	case req.level == "":
		w.WriteHeader(http.StatusNotImplemented)
		return
	case t.Scope != "" || caller.level() >= levelDefault:
		// identity:default may not, even on itself. Inferred: nor may a SETUP-MFA token.
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	target := a.St.users[r.PathValue("userId")]
	if target == nil {
		// Inferred: the text of GET /v2.0/users/{userId}'s 404.
		writeFault(w, http.StatusNotFound, keyNotFound, msgUserNotFound)
		return
	}
	if !setsUserLevel(caller, target) {
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	if d := a.St.domains[target.DomainID]; caller.domainBased() && d != nil && d.MFAEnforcementLevel == LevelRackspaceMandated {
		writeFault(w, http.StatusForbidden, keyForbidden, msgUserMandated)
		return
	}
	target.MFAEnforcementLevel = req.level
	// Inferred: as for a domain (§1.6), a user newly forced to MFA without it loses its
	// password tokens.
	if !target.MFAEnabled && mfaForced(target, a.St.domains[target.DomainID]) {
		a.revokeUnprotected(target)
	}
	w.WriteHeader(http.StatusNoContent)
}

// setsUserLevel is who may set a user's enforcement level (A.4): user-admins and user-managers
// on themselves but identity and service admins not; admins on users strictly below them;
// user-admins on users of their domain at or below their level; user-managers likewise, and on
// their domain's user-admin too.
func setsUserLevel(caller, target *user) bool {
	self := caller.ID == target.ID
	switch {
	case caller.isAdmin():
		return !self && caller.level() < target.level()
	case self:
		return true
	case caller.DomainID != target.DomainID:
		return false
	case caller.level() <= levelUserAdmin:
		return target.level() >= caller.level()
	}
	return target.level() >= caller.level() || target.level() == levelUserAdmin
}
