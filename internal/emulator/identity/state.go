package identity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// ErrNotFound is wrapped when a named domain, user or passcode does not exist.
var ErrNotFound = errors.New("not found")

// DomainState is the out-of-band view of a domain.
type DomainState struct {
	ID                       string               `json:"id"`
	Name                     string               `json:"name"`
	Description              string               `json:"description,omitempty"`
	Enabled                  bool                 `json:"enabled"`
	Type                     string               `json:"type,omitempty"`
	RackspaceCustomerNumber  string               `json:"rackspace_customer_number,omitempty"`
	SessionInactivityTimeout string               `json:"session_inactivity_timeout"`
	MFAEnforcementLevel      string               `json:"mfa_enforcement_level"`
	PasswordPolicy           *PasswordPolicyState `json:"password_policy,omitempty"`
}

// PasswordPolicyState is a domain's password policy, in the fixture's shape.
type PasswordPolicyState = PasswordPolicyFixture

// DomainPatch changes a domain out of band; nil fields stay. PasswordPolicy
// replaces the whole policy, as a PUT does; DeletePasswordPolicy is
// "password_policy": null in JSON.
type DomainPatch struct {
	MFAEnforcementLevel      *string              `json:"mfa_enforcement_level,omitempty"`
	SessionInactivityTimeout *string              `json:"session_inactivity_timeout,omitempty"`
	Enabled                  *bool                `json:"enabled,omitempty"`
	PasswordPolicy           *PasswordPolicyState `json:"password_policy,omitempty"`
	DeletePasswordPolicy     bool                 `json:"-"`
}

// MarshalJSON writes DeletePasswordPolicy as null.
func (p DomainPatch) MarshalJSON() ([]byte, error) {
	type plain DomainPatch
	if !p.DeletePasswordPolicy {
		return json.Marshal(plain(p))
	}
	return json.Marshal(struct {
		plain
		PasswordPolicy *struct{} `json:"password_policy"`
	}{plain: plain(p)})
}

// UnmarshalJSON rejects unknown fields, so a typo in a PATCH fails loudly;
// password_policy is absent, null (delete) or an object.
func (p *DomainPatch) UnmarshalJSON(b []byte) error {
	type plain DomainPatch
	*p = DomainPatch{}
	w := struct {
		*plain
		PasswordPolicy json.RawMessage `json:"password_policy"`
	}{plain: (*plain)(p)}
	if err := decodeStrictBytes(b, &w); err != nil {
		return err
	}
	raw := bytes.TrimSpace(w.PasswordPolicy)
	if p.DeletePasswordPolicy = string(raw) == "null"; len(raw) == 0 || p.DeletePasswordPolicy {
		return nil
	}
	p.PasswordPolicy = &PasswordPolicyState{}
	if err := decodeStrictBytes(raw, p.PasswordPolicy); err != nil {
		return fmt.Errorf("password_policy: %w", err)
	}
	return nil
}

func decodeStrictBytes(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// UserState is the out-of-band view of a user, without secrets.
type UserState struct {
	ID                  string    `json:"id"`
	Username            string    `json:"username"`
	DomainID            string    `json:"domain_id"`
	Roles               []string  `json:"roles"`
	Enabled             bool      `json:"enabled"`
	DefaultRegion       string    `json:"default_region"`
	DefaultTenant       string    `json:"default_tenant,omitempty"`
	MFAEnabled          bool      `json:"mfa_enabled"`
	FactorType          string    `json:"factor_type"`
	MFAEnforcementLevel string    `json:"mfa_enforcement_level"`
	Locked              bool      `json:"locked"`
	FailedPasscodes     int       `json:"failed_passcodes"`
	PasswordChanged     time.Time `json:"password_changed"`
}

// UserPatch changes a user out of band; nil fields stay. OTPSecret and Phone
// give a user the device that enabling MFA needs.
type UserPatch struct {
	Enabled             *bool   `json:"enabled,omitempty"`
	MFAEnabled          *bool   `json:"mfa_enabled,omitempty"`
	FactorType          *string `json:"factor_type,omitempty"`
	MFAEnforcementLevel *string `json:"mfa_enforcement_level,omitempty"`
	Locked              *bool   `json:"locked,omitempty"`
	Password            *string `json:"password,omitempty"`
	APIKey              *string `json:"api_key,omitempty"`
	OTPSecret           *string `json:"otp_secret,omitempty"`
	Phone               *string `json:"phone,omitempty"`
}

// TokenState is the out-of-band view of an issued token.
type TokenState struct {
	ID              string    `json:"id"`
	User            string    `json:"user"`
	UserID          string    `json:"user_id"`
	Tenant          string    `json:"tenant,omitempty"`
	AuthenticatedBy []string  `json:"authenticated_by"`
	Issued          time.Time `json:"issued"`
	Expires         time.Time `json:"expires"`
	Revoked         bool      `json:"revoked"`
	Scope           string    `json:"scope,omitempty"`
}

func (a *API) Domain(id string) (DomainState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *domain { return st.domains[id] }, domainState)
}

func domainState(d *domain) DomainState {
	out := d.DomainState
	if d.passwordPolicy != nil {
		out.PasswordPolicy = emuhttp.CloneJSON(&d.passwordPolicy.PasswordPolicyFixture)
	}
	return out
}

// UpdateDomain revokes tokens as Identity does when MFA becomes required (§2.1).
func (a *API) UpdateDomain(id string, p DomainPatch) (DomainState, error) {
	find := func(st *state) *domain { return st.domains[id] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("domain %q: %w", id, ErrNotFound), func(d *domain) (DomainState, error) {
		next := *d
		switch {
		case p.PasswordPolicy != nil && p.DeletePasswordPolicy:
			return DomainState{}, errors.New("password_policy cannot be both replaced and deleted")
		case p.PasswordPolicy != nil:
			var err error
			if next.passwordPolicy, err = newPasswordPolicy(p.PasswordPolicy); err != nil {
				return DomainState{}, fmt.Errorf("password_policy: %w", err)
			}
		case p.DeletePasswordPolicy:
			next.passwordPolicy = nil
		}
		p.PasswordPolicy = nil // the view's copy; next.passwordPolicy holds it
		emuhttp.Merge(&next.DomainState, p)
		if !slices.Contains([]string{"", LevelOptional, LevelRequired, LevelRackspaceMandated}, next.MFAEnforcementLevel) {
			return DomainState{}, fmt.Errorf("mfa_enforcement_level %q is not OPTIONAL, REQUIRED, RACKSPACE_MANDATED or empty", next.MFAEnforcementLevel)
		}
		if err := checkInactivity(next.SessionInactivityTimeout); err != nil {
			return DomainState{}, err
		}
		*d = next
		if p.MFAEnforcementLevel != nil {
			a.revokeNewlyForced(d)
		}
		return domainState(d), nil
	})
}

func (a *API) SetPasswordPolicy(domainID string, p PasswordPolicyState) (DomainState, error) {
	return a.UpdateDomain(domainID, DomainPatch{PasswordPolicy: &p})
}

func (a *API) DeletePasswordPolicy(domainID string) (DomainState, error) {
	return a.UpdateDomain(domainID, DomainPatch{DeletePasswordPolicy: true})
}

func (a *API) User(username string) (UserState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *user { return st.byName[username] }, a.userState)
}

// Users returns every user's state, sorted by username.
func (a *API) Users() []UserState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*user {
		return emuhttp.Ordered(st.byName, sortedKeys(st.byName))
	}, a.userState)
}

func (a *API) userState(u *user) UserState {
	s := u.UserState
	s.Roles = slices.Clone(u.Roles)
	s.Locked = u.locked(a.Now())
	return s
}

// UpdateUser checks the whole patch first. Turning MFA on, or requiring it
// while off, revokes password tokens without a second factor.
func (a *API) UpdateUser(username string, p UserPatch) (UserState, error) {
	find := func(st *state) *user { return st.byName[username] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("user %q: %w", username, ErrNotFound), func(u *user) (UserState, error) {
		next := *u
		emuhttp.Merge(&next, p)
		if err := checkMFA(next.MFAEnabled, next.FactorType, next.OTPSecret, next.Phone); err != nil {
			return UserState{}, err
		}
		if !slices.Contains([]string{"", LevelDefault, LevelOptional, LevelRequired}, next.MFAEnforcementLevel) {
			return UserState{}, fmt.Errorf("mfa_enforcement_level %q is not DEFAULT, OPTIONAL, REQUIRED or empty", next.MFAEnforcementLevel)
		}
		if p.Password != nil && *p.Password == "" {
			return UserState{}, errors.New("password must not be empty")
		}
		if p.APIKey != nil {
			if strings.TrimSpace(*p.APIKey) == "" {
				return UserState{}, errors.New("api_key must not be empty")
			}
			for _, other := range a.St.users {
				if other != u && other.APIKey == *p.APIKey {
					return UserState{}, fmt.Errorf("api_key is already used by user %q", other.Username)
				}
			}
		}
		turnedOn := next.MFAEnabled && !u.MFAEnabled
		if p.Locked != nil {
			next.adminLocked = *p.Locked
			if !*p.Locked {
				next.FailedPasscodes, next.lastFailure = 0, time.Time{}
			}
		}
		if p.Password != nil {
			next.PasswordChanged = a.Now()
		}
		*u = next
		if turnedOn || (!u.MFAEnabled && mfaForced(u, a.St.domains[u.DomainID])) {
			a.revokeUnprotected(u)
		}
		return a.userState(u), nil
	})
}

// LastSMSPasscode returns the passcode last "sent" by SMS to the user.
func (a *API) LastSMSPasscode(username string) (string, error) {
	find := func(st *state) *user { return st.byName[username] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("user %q: %w", username, ErrNotFound), func(u *user) (string, error) {
		if u.lastSMS == "" {
			return "", fmt.Errorf("no SMS passcode sent to user %q: %w", username, ErrNotFound)
		}
		return u.lastSMS, nil
	})
}

// Tokens returns every token issued since the last reset, oldest first.
func (a *API) Tokens() []TokenState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*token {
		return slices.SortedFunc(maps.Values(st.tokens), func(x, y *token) int { return x.sequence - y.sequence })
	}, a.tokenState)
}

func (a *API) Token(id string) (TokenState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *token { return st.tokens[id] }, a.tokenState)
}

func (a *API) tokenState(t *token) TokenState {
	ts := t.TokenState
	ts.AuthenticatedBy = append([]string(nil), t.AuthenticatedBy...)
	if u := a.St.users[t.UserID]; u != nil {
		ts.User = u.Username
	}
	return ts
}
