package acronis

import (
	"fmt"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Values of a user's mfa_status (B.4). Their meaning is inferred from the names (B.4) and is
// the emulator's state machine, with the tenant's switch in force (its own, or for a folder
// or unit its source's):
//   - tenant MFA off: disabled, whatever the user's own switch;
//   - tenant MFA on, the user's switch off (an administrator's PUT {"enabled": false}):
//     forcibly_disabled;
//   - tenant MFA on, switch on, TOTP set up: enabled;
//   - tenant MFA on, switch on, no TOTP yet: setup_required.
const (
	UserMFADisabled         = "disabled"
	UserMFAForciblyDisabled = "forcibly_disabled"
	UserMFASetupRequired    = "setup_required"
	UserMFAEnabled          = "enabled"
)

// userJSON has every required field of the user object (B.4), constant where the emulator
// models nothing, and the optional mfa_status.
type userJSON struct {
	ID            string         `json:"id"`
	Version       int64          `json:"version"`
	TenantID      string         `json:"tenant_id"`
	Login         string         `json:"login"`
	Contact       map[string]any `json:"contact"`
	Activated     bool           `json:"activated"`
	Enabled       bool           `json:"enabled"`
	CreatedAt     string         `json:"created_at"`
	UpdatedAt     string         `json:"updated_at"`
	DeletedAt     *string        `json:"deleted_at"`
	Language      string         `json:"language"`
	BusinessTypes []string       `json:"business_types"`
	Notifications []string       `json:"notifications"`
	MFAStatus     string         `json:"mfa_status"`
}

// handleGetUser is FetchUser (B.4); allow_deleted is ignored: nothing is deleted.
func (a *API) handleGetUser(w http.ResponseWriter, r *http.Request) {
	a.serveUser(w, r, nil, func(u *user) (any, *apiError) { return a.userBody(u), nil })
}

// handlePutUserMFAStatus is ManageUserMFAStatus (B.5): mfaUserStatusPut, the same schema as
// the tenant's PUT, and 200 with no content. Inferred: the checks run in the tenant PUT's
// order (token, path id, content type, body, access, business rules); the emulator models no
// scopes, so any client of an ancestor tenant passes for tenant_admin.
func (a *API) handlePutUserMFAStatus(w http.ResponseWriter, r *http.Request) {
	var enabled bool
	schema := func() (e *apiError) {
		if e = checkJSONContentType(r); e == nil {
			enabled, e = parseMFAPut(r)
		}
		return e
	}
	a.serveUser(w, r, schema, func(u *user) (any, *apiError) {
		if e := a.setUserMFA(u, enabled); e != nil {
			return nil, e
		}
		return nil, nil
	})
}

// setUserMFA applies a user's switch, or refuses it. Open question 4 of the facts: whether the
// PUT is refused when the tenant's MFA is off, or on a partner in production mode. Inferred,
// the least surprising reading:
//   - turning it on where the tenant's MFA is off is refused (400, code 1027): it could change
//     nothing the user sees, and accepting it would leave a switch that reads back disabled;
//   - turning it off for a user of a partner tenant (or a folder inheriting from one) whose MFA
//     is on is refused the same way: partners in production mode can't disable 2FA (B.5), and
//     every emulated tenant is in production (pricing_mode);
//   - turning it off otherwise is accepted, also where the tenant's MFA is off (a no-op there);
//   - turning it off drops the user's TOTP, so turning it on again asks for a new setup: the
//     facts' reading of a reset as off-then-on (B.5);
//   - setting the current value changes nothing, as the tenant's PUT (A.2.2).
func (a *API) setUserMFA(u *user, enabled bool) *apiError {
	src := a.mfaSource(a.St.tenants[u.TenantID])
	switch {
	case enabled && !src.mfaEnabled:
		return &apiError{
			status: http.StatusBadRequest, code: codeBusinessRule,
			message: "Two-factor authentication can't be enabled for a user of a tenant where it is disabled.",
			info:    fmt.Sprintf("Tenant %s, where user %s belongs, has two-factor authentication disabled.", src.ID, u.ID),
			tenant:  u.ID,
		}
	case !enabled && src.mfaEnabled && src.Kind == KindPartner:
		return &apiError{
			status: http.StatusBadRequest, code: codeBusinessRule,
			message: "Two-factor authentication can't be disabled for users of partner tenants in production mode.",
			info:    fmt.Sprintf("User %s belongs to partner tenant %s, which is in production mode.", u.ID, src.ID),
			tenant:  u.ID,
		}
	}
	a.switchUserMFA(u, enabled)
	return nil
}

// switchUserMFA sets the switch with no business rule, as the admin PATCH does.
func (a *API) switchUserMFA(u *user, enabled bool) {
	if u.MFAEnabled == enabled {
		return
	}
	u.MFAEnabled = enabled
	if !enabled {
		u.TOTP = false
	}
	a.touchUser(u)
}

func (a *API) touchUser(u *user) {
	u.Version++
	u.UpdatedAt = a.Now().UTC().Truncate(time.Second)
}

// userMFAStatus is the state machine at the top of this file.
func (a *API) userMFAStatus(u *user) string {
	src := a.mfaSource(a.St.tenants[u.TenantID])
	switch {
	case !src.mfaEnabled:
		return UserMFADisabled
	case !u.MFAEnabled:
		return UserMFAForciblyDisabled
	case u.TOTP:
		return UserMFAEnabled
	}
	return UserMFASetupRequired
}

func (a *API) userBody(u *user) userJSON {
	return userJSON{
		ID: u.ID, Version: u.Version, TenantID: u.TenantID, Login: u.Login,
		// Inferred: the emulator models no contacts, languages or notifications.
		Contact: map[string]any{}, Activated: true, Enabled: u.Enabled,
		CreatedAt: formatTime(u.CreatedAt), UpdatedAt: formatTime(u.UpdatedAt),
		Language: "en", BusinessTypes: []string{}, Notifications: []string{},
		MFAStatus: a.userMFAStatus(u),
	}
}

// serveUser answers with what serve returns after every user route's checks: token, path
// id, schema (a PUT's body), access to the user's tenant. A nil body is 200 with no content.
func (a *API) serveUser(w http.ResponseWriter, r *http.Request, schema func() *apiError, serve func(*user) (any, *apiError)) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	id := r.PathValue("user_id")
	c, e := a.authenticate(r)
	if e == nil && !uuidRE.MatchString(id) {
		// Inferred: not a user ID, so a route the emulator lacks, such as /users/me (userMe,
		// B.4): 404 as for any unknown path, where the tenant routes answer 400.
		e = &apiError{status: http.StatusNotFound, message: "Not Found."}
	}
	if e == nil && schema != nil {
		e = schema()
	}
	var u *user
	if e == nil {
		u, e = a.accessibleUser(c, id)
	}
	var body any
	if e == nil {
		body, e = serve(u)
	}
	switch {
	case e != nil:
		e.write(w)
	case body == nil:
		w.WriteHeader(http.StatusOK)
	default:
		emuhttp.WriteJSON(w, http.StatusOK, body)
	}
}

// accessibleUser: unknown is 404 for every caller; a user of a tenant outside the client's
// subtree 403, as for tenants (A.1.3).
func (a *API) accessibleUser(c *client, id string) (*user, *apiError) {
	u := a.St.users[id]
	if u == nil {
		// Inferred: no platform code for a missing user is published, so the HTTP status.
		return nil, &apiError{status: http.StatusNotFound, message: "User not found.",
			info: fmt.Sprintf("No user with ID %s exists.", id), tenant: id}
	}
	if _, e := a.accessibleTenant(c, u.TenantID); e != nil {
		e.info = fmt.Sprintf("User %s belongs to tenant %s, outside the subtree of the API client's tenant.", id, u.TenantID)
		e.tenant = id
		return nil, e
	}
	return u, nil
}

// listedUsers counts the user objects of tenant t, and those with TOTP.
func (a *API) listedUsers(t *tenant) (users, totp int) {
	for _, u := range a.St.usersByTenant[t.ID] {
		users++
		if u.TOTP {
			totp++
		}
	}
	return users, totp
}

// UserState is the out-of-band view of a user object.
type UserState struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	Login    string `json:"login"`
	Enabled  bool   `json:"enabled"`
	// TOTP: the user has set up TOTP. MFAEnabled is the user's own switch, which
	// ManageUserMFAStatus sets; MFAStatus is what GET /users/{id} answers.
	TOTP       bool   `json:"totp"`
	MFAEnabled bool   `json:"mfa_enabled"`
	MFAStatus  string `json:"mfa_status"`
	Version    int64  `json:"version"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at"`
}

// UserPatch changes a user out of band; nil fields stay. MFAEnabled acts with no business
// rule, and turning it off drops the TOTP as the PUT does.
type UserPatch struct {
	Enabled    *bool `json:"enabled,omitempty"`
	TOTP       *bool `json:"totp,omitempty"`
	MFAEnabled *bool `json:"mfa_enabled,omitempty"`
}

func (a *API) User(id string) (UserState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *user { return st.users[id] }, a.userState)
}

// Users returns every user's state in fixture order.
func (a *API) Users() []UserState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*user { return emuhttp.Ordered(st.users, st.userOrder) }, a.userState)
}

func (a *API) userState(u *user) UserState {
	return UserState{
		ID: u.ID, TenantID: u.TenantID, Login: u.Login, Enabled: u.Enabled, TOTP: u.TOTP,
		MFAEnabled: u.MFAEnabled, MFAStatus: a.userMFAStatus(u), Version: u.Version,
		CreatedAt: formatTime(u.CreatedAt), UpdatedAt: formatTime(u.UpdatedAt),
	}
}

// UpdateUser changes a user out of band; a change bumps its version.
func (a *API) UpdateUser(id string, p UserPatch) (UserState, error) {
	find := func(st *state) *user { return st.users[id] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("user %q: %w", id, ErrNotFound), func(u *user) (UserState, error) {
		if p.MFAEnabled != nil {
			a.switchUserMFA(u, *p.MFAEnabled)
		}
		changed := false
		if p.Enabled != nil && *p.Enabled != u.Enabled {
			u.Enabled, changed = *p.Enabled, true
		}
		if p.TOTP != nil && *p.TOTP != u.TOTP {
			u.TOTP, changed = *p.TOTP, true
		}
		if changed {
			a.touchUser(u)
		}
		return a.userState(u), nil
	})
}

// checkUsers reports every inconsistency of the users of a fixture.
func checkUsers(bad func(string, ...any), users []UserFixture, tenants map[string]TenantFixture) {
	logins := map[string]bool{}
	emuhttp.Each(bad, emuhttp.IDs{List: "users", Kind: "user", Valid: uuidRE, Want: tenantIDs.Want}, users,
		func(u UserFixture) string { return u.ID }, func(u UserFixture, dup bool) {
			if dup {
				return
			}
			if _, ok := tenants[u.TenantID]; !ok {
				bad("user %q: unknown tenant_id %q", u.ID, u.TenantID)
			}
			switch {
			case u.Login == "":
				bad("user %q: login is required", u.ID)
			case logins[u.Login]:
				bad("user %q: login %q is taken by another user", u.ID, u.Login)
			}
			logins[u.Login] = true
			if u.TOTP && u.MFAEnabled != nil && !*u.MFAEnabled {
				bad("user %q: totp must be false when mfa_enabled is false (a user whose MFA is switched off has no TOTP)", u.ID)
			}
		})
}
