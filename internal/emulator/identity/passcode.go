package identity

import (
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// authPasscode is the second step (§1.4), checks in the notes' order.
func (a *API) authPasscode(w http.ResponseWriter, r *http.Request, req *authRequest, opts accessOptions) {
	ids := r.Header.Values("X-SessionId")
	if len(ids) != 1 || strings.TrimSpace(ids[0]) == "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgInvalidSessionID)
		return
	}
	if req.hasScope {
		writeFault(w, http.StatusForbidden, keyForbidden, msgScopeNotSupported)
		return
	}
	if strings.TrimSpace(req.passcode) == "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgExpectPasscode)
		return
	}

	a.Mu.Lock()
	defer a.Mu.Unlock()
	now := a.Now()
	s := a.St.sessions[ids[0]]
	if s == nil {
		if _, isToken := a.St.tokens[ids[0]]; isToken {
			writeFault(w, http.StatusForbidden, keyForbidden, msgCannotAuth)
			return
		}
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgCannotAuth)
		return
	}
	if !now.Before(s.expires) {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgSessionExpired)
		return
	}
	u := a.St.users[s.userID]
	if u == nil {
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgCannotAuth)
		return
	}
	if !a.enabled(u) {
		writeFaultf(w, http.StatusForbidden, keyUserDisabled, msgUserDisabled, u.Username)
		return
	}
	if !u.MFAEnabled {
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgUnknownCredential)
		return
	}
	if u.locked(now) {
		writeFault(w, http.StatusForbidden, keyForbidden, msgLocked)
		return
	}
	if !a.passcodeValid(u, s, req.passcode) {
		u.FailedPasscodes++
		u.lastFailure = now
		// Inferred: the attempt reaching the limit already answers the lockout.
		if u.locked(now) {
			writeFault(w, http.StatusForbidden, keyForbidden, msgLocked)
			return
		}
		writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgCannotAuth)
		return
	}
	// Inferred: a success clears failures; the session stays usable until it
	// expires (the real one is a stateless encrypted token).
	u.FailedPasscodes = 0
	u.lastFailure = time.Time{}

	tenantID, ok := a.resolveTenant(u, req.tenantID, req.tenantName, s.tenantID)
	if !ok {
		writeFaultf(w, http.StatusUnauthorized, keyUnauthorized, msgTenantNotValid, tenantLabel(req), u.Username, u.ID)
		return
	}
	t := a.issueToken(u, tenantID, []string{u.passcodeFactor(), authByPassword}, "")
	// Inferred: it carries the password-expiry header like a one-step login.
	exp, _ := passwordExpiry(u, a.St.domains[u.DomainID], now)
	setPasswordExpiration(w, exp)
	emuhttp.WriteJSON(w, http.StatusOK, a.accessBody(u, t, tenantID, opts))
}

func (a *API) passcodeValid(u *user, s *session, code string) bool {
	switch u.FactorType {
	case FactorOTP:
		return verifyTOTP(u.OTPSecret, code, a.Now())
	case FactorSMS:
		return secretEqual(s.sms, code)
	}
	return false
}
