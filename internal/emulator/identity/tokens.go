package identity

import (
	"cmp"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

func (a *API) handleAuthenticate(w http.ResponseWriter, r *http.Request) {
	if declaredNotJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	req, bad := parseAuth(r)
	if req == nil || bad != "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, string(bad))
		return
	}
	// include_endpoints defaults to true, also when ParseBool refuses it.
	endpoints, err := strconv.ParseBool(r.URL.Query().Get("include_endpoints"))
	opts := accessOptions{catalog: true, endpoints: endpoints || err != nil}
	switch {
	case req.kind == credPasscode:
		a.authPasscode(w, r, req, opts)
	case req.kind == credPassword:
		a.authPassword(w, req, opts)
	case req.hasScope:
		writeFault(w, http.StatusForbidden, keyForbidden, msgScopeNotSupported)
	case req.kind == credAPIKey:
		a.authAPIKey(w, req, opts)
	default:
		a.authToken(w, req, opts)
	}
}

func secretEqual(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// authPassword is the first factor. Inferred: the password is checked before
// the disabled flag, which it must not reveal.
func (a *API) authPassword(w http.ResponseWriter, req *authRequest, opts accessOptions) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	now := a.Now()
	u := a.St.byName[req.username]
	if u == nil || !secretEqual(u.Password, req.secret) {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgWrongPassword)
		return
	}
	d := a.St.domains[u.DomainID]
	if !a.enabled(u) {
		writeFaultf(w, http.StatusForbidden, keyUserDisabled, msgUserDisabled, u.Username)
		return
	}
	pwExpires, expired := passwordExpiry(u, d, now)
	if expired {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgPasswordExpired)
		return
	}
	tenantID, ok := a.resolveTenant(u, req.tenantID, req.tenantName, "")
	if !ok {
		writeFaultf(w, http.StatusUnauthorized, keyUnauthorized, msgTenantNotValid, tenantLabel(req), u.Username, u.ID)
		return
	}
	forced := mfaForced(u, d)
	if req.hasScope {
		// SETUP-MFA tokens exist only for users who must enrol but have not.
		if req.scope != scopeSetupMFA || u.MFAEnabled || !forced {
			writeFault(w, http.StatusForbidden, keyForbidden, msgScopeNotSupported)
			return
		}
		t := a.issueToken(u, "", []string{authByPassword}, scopeSetupMFA)
		emuhttp.WriteJSON(w, http.StatusOK, a.accessBody(u, t, "", accessOptions{}))
		return
	}
	if !u.MFAEnabled && forced {
		writeFault(w, http.StatusForbidden, keyForbidden, msgMustSetupMFA)
		return
	}
	if u.MFAEnabled {
		if u.locked(now) {
			writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgLocked)
			return
		}
		a.challenge(w, u, tenantID, now)
		return
	}
	t := a.issueToken(u, tenantID, []string{authByPassword}, "")
	setPasswordExpiration(w, pwExpires)
	emuhttp.WriteJSON(w, http.StatusOK, a.accessBody(u, t, tenantID, opts))
}

// authAPIKey never meets MFA: neither a challenge nor enforcement (§1.3).
func (a *API) authAPIKey(w http.ResponseWriter, req *authRequest, opts accessOptions) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	u := a.St.byName[req.username]
	if u == nil || !secretEqual(u.APIKey, req.secret) {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgWrongAPIKey)
		return
	}
	if !a.enabled(u) {
		writeFaultf(w, http.StatusForbidden, keyUserDisabled, msgUserDisabled, u.Username)
		return
	}
	tenantID, ok := a.resolveTenant(u, req.tenantID, req.tenantName, "")
	if !ok {
		writeFaultf(w, http.StatusUnauthorized, keyUnauthorized, msgTenantNotValid, tenantLabel(req), u.Username, u.ID)
		return
	}
	t := a.issueToken(u, tenantID, []string{authByAPIKey}, "")
	emuhttp.WriteJSON(w, http.StatusOK, a.accessBody(u, t, tenantID, opts))
}

// authToken answers with the same token, rescoped for this answer only.
func (a *API) authToken(w http.ResponseWriter, req *authRequest, opts accessOptions) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	t, u, ok := a.validToken(req.tokenID)
	if !ok || t.Scope != "" {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgTokenNotAuth)
		return
	}
	tenantID, ok := a.resolveTenant(u, req.tenantID, req.tenantName, t.Tenant)
	if !ok {
		writeFaultf(w, http.StatusUnauthorized, keyUnauthorized, msgTokenNotTenant, tenantLabel(req))
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, a.accessBody(u, t, tenantID, opts))
}

// enabled: Identity answers userDisabled for a disabled user or domain.
func (a *API) enabled(u *user) bool {
	d := a.St.domains[u.DomainID]
	return u.Enabled && d != nil && d.Enabled
}

// resolveTenant picks the requested tenant (the user needs a role on it),
// else fallback, else the user's default tenant.
func (a *API) resolveTenant(u *user, id, name, fallback string) (string, bool) {
	switch {
	case id != "":
		return id, a.St.tenants[id] != nil && u.hasTenant(id)
	case name != "":
		for _, tr := range u.tenantRoles {
			if t := a.St.tenants[tr.tenantID]; t != nil && t.name == name {
				return t.id, true
			}
		}
		return "", false
	case fallback != "":
		return fallback, true
	}
	return u.DefaultTenant, true
}

func tenantLabel(req *authRequest) string { return cmp.Or(req.tenantID, req.tenantName) }

// passwordExpiry applies the domain password policy (§3.1).
func passwordExpiry(u *user, d *domain, now time.Time) (time.Time, bool) {
	if d == nil || d.passwordPolicy == nil || d.passwordPolicy.duration <= 0 {
		return time.Time{}, false
	}
	if u.PasswordChanged.IsZero() {
		// Identity treats a user with no recorded change as expired.
		return time.Time{}, true
	}
	exp := u.PasswordChanged.Add(d.passwordPolicy.duration)
	return exp, now.After(exp)
}

func setPasswordExpiration(w http.ResponseWriter, exp time.Time) {
	if !exp.IsZero() {
		w.Header().Set("X-Password-Expiration", formatTime(exp))
	}
}

// challenge starts the second step; an SMS passcode is "sent" to the user.
func (a *API) challenge(w http.ResponseWriter, u *user, tenantID string, now time.Time) {
	a.purgeSessions(now)
	s := &session{
		id: newSessionID(), userID: u.ID, factor: u.passcodeFactor(),
		tenantID: tenantID, expires: now.Add(sessionLifetime),
	}
	if u.FactorType == FactorSMS {
		s.sms = newSMSPasscode()
		u.lastSMS = s.sms
	}
	a.St.sessions[s.id] = s
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(challengeHeaderFmt, s.id, s.factor))
	writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgAdditionalCreds)
}

// purgeSessions keeps recently expired sessions for the "Session has
// expired" answer.
func (a *API) purgeSessions(now time.Time) {
	for id, s := range a.St.sessions {
		if now.Sub(s.expires) > time.Hour {
			delete(a.St.sessions, id)
		}
	}
}
