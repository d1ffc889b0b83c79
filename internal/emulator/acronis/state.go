package acronis

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// ErrNotFound is wrapped when a named tenant or client does not exist.
var ErrNotFound = errors.New("not found")

// TenantState is the out-of-band view of a tenant.
type TenantState struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	ParentID string `json:"parent_id,omitempty"`
	Enabled  bool   `json:"enabled"`
	Version  int64  `json:"version"`
	// MFAEnabled is in force: the tenant's own, or for a folder or unit
	// MFASource's. Reading MFAStatus here spends no disable_in_progress answer.
	MFAEnabled bool   `json:"mfa_enabled"`
	MFASource  string `json:"mfa_source"`
	MFAStatus  string `json:"mfa_status"`
	// The tenant's own users, user objects included; the API adds those of folder and unit
	// descendants.
	UsersCount             int       `json:"users_count"`
	UsersWithTOTPCount     int       `json:"users_with_totp_count"`
	DisableInProgressReads int       `json:"disable_in_progress_reads"`
	DisableInProgressLeft  int       `json:"disable_in_progress_left"`
	CreatedAt              time.Time `json:"created_at"`
	UpdatedAt              time.Time `json:"updated_at"`
}

// TenantPatch changes a tenant out of band; nil fields stay. MFAEnabled acts
// as the PUT route does and is refused for folders and units, which inherit.
type TenantPatch struct {
	MFAEnabled             *bool `json:"mfa_enabled,omitempty"`
	UsersCount             *int  `json:"users_count,omitempty"`
	UsersWithTOTPCount     *int  `json:"users_with_totp_count,omitempty"`
	DisableInProgressReads *int  `json:"disable_in_progress_reads,omitempty"`
	Enabled                *bool `json:"enabled,omitempty"`
}

// ClientState is the out-of-band view of an API client, without its secret.
type ClientState struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	Status   string `json:"status"`
}

// ClientPatch changes a client out of band; nil fields stay.
type ClientPatch struct {
	Status *string `json:"status,omitempty"`
	Secret *string `json:"secret,omitempty"`
}

// TokenState is the out-of-band view of an issued access token.
type TokenState struct {
	ID          string    `json:"id"` // the jti claim
	AccessToken string    `json:"access_token"`
	Client      string    `json:"client"`
	Issued      time.Time `json:"issued"`
	Expires     time.Time `json:"expires"`
	Uses        int       `json:"uses"`
	Revoked     bool      `json:"revoked"`
}

// Settings are the emulator-only knobs in force.
type Settings struct {
	TokenLifetime string `json:"token_lifetime"` // a Go duration: "2h0m0s"
	TokenMaxUses  int    `json:"token_max_uses"`
}

// SettingsPatch changes the knobs; nil fields stay. A new lifetime applies
// to later tokens, a new use limit at once to every token.
type SettingsPatch struct {
	TokenLifetime *string `json:"token_lifetime,omitempty"`
	TokenMaxUses  *int    `json:"token_max_uses,omitempty"`
}

func (a *API) Tenant(id string) (TenantState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *tenant { return st.tenants[id] }, a.tenantState)
}

// Tenants returns every tenant's state in fixture order.
func (a *API) Tenants() []TenantState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*tenant { return emuhttp.Ordered(st.tenants, st.tenantOrder) }, a.tenantState)
}

func (a *API) tenantState(t *tenant) TenantState {
	s, src := t.TenantState, a.mfaSource(t)
	s.MFAEnabled, s.MFASource, s.MFAStatus = src.mfaEnabled, src.ID, a.mfaStatus(t, false).MFAStatus
	listed, listedTOTP := a.listedUsers(t)
	s.UsersCount += listed
	s.UsersWithTOTPCount += listedTOTP
	return s
}

// UpdateTenant checks the whole patch before it changes anything.
func (a *API) UpdateTenant(id string, p TenantPatch) (TenantState, error) {
	find := func(st *state) *tenant { return st.tenants[id] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("tenant %q: %w", id, ErrNotFound), func(t *tenant) (TenantState, error) {
		next := a.tenantState(t)
		emuhttp.Merge(&next, p) // MFAEnabled here is the view's; setMFA applies the patch's
		if err := checkCounts(next.UsersCount, next.UsersWithTOTPCount); err != nil {
			return TenantState{}, err
		}
		// The counts include the user objects; the tenant keeps the others.
		listed, listedTOTP := a.listedUsers(t)
		next.UsersCount -= listed
		next.UsersWithTOTPCount -= listedTOTP
		if checkCounts(next.UsersCount, next.UsersWithTOTPCount) != nil {
			return TenantState{}, fmt.Errorf("tenant %q has %d user objects, %d of them with TOTP: users_count and users_with_totp_count count them too",
				id, listed, listedTOTP)
		}
		next.MFAEnabled, next.MFASource, next.MFAStatus = t.MFAEnabled, t.MFASource, t.MFAStatus
		if next.DisableInProgressReads < 0 {
			return TenantState{}, errors.New("disable_in_progress_reads must not be negative")
		}
		if p.MFAEnabled != nil && t.inherits() {
			return TenantState{}, fmt.Errorf("tenant %q is a %s and inherits MFA from tenant %q; patch that one", id, t.Kind, a.mfaSource(t).ID)
		}
		changed := next.Enabled != t.Enabled
		t.TenantState = next
		if changed {
			a.touch(t)
		}
		if p.MFAEnabled != nil {
			a.setMFA(t, *p.MFAEnabled)
		}
		return a.tenantState(t), nil
	})
}

func (a *API) Client(id string) (ClientState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *client { return st.clients[id] }, clientState)
}

// Clients returns every API client's state in fixture order.
func (a *API) Clients() []ClientState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*client { return emuhttp.Ordered(st.clients, st.clientOrder) }, clientState)
}

func clientState(c *client) ClientState { return ClientState{c.ID, c.TenantID, c.Status} }

// UpdateClient changes a client; disabling it stops its tokens until it is
// enabled again, a new secret leaves them alone.
func (a *API) UpdateClient(id string, p ClientPatch) (ClientState, error) {
	find := func(st *state) *client { return st.clients[id] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("client %q: %w", id, ErrNotFound), func(c *client) (ClientState, error) {
		next := *c
		emuhttp.Merge(&next.ClientFixture, p)
		if next.Status != ClientEnabled && next.Status != ClientDisabled {
			return ClientState{}, fmt.Errorf("status %q is not enabled or disabled", next.Status)
		}
		if next.Secret == "" {
			return ClientState{}, errors.New("secret must not be empty")
		}
		*c = next
		return clientState(c), nil
	})
}

// Tokens returns every token issued since the last reset, oldest first.
func (a *API) Tokens() []TokenState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*token {
		return slices.SortedFunc(maps.Values(st.tokens), func(x, y *token) int { return x.sequence - y.sequence })
	}, tokenState)
}

// Token returns the state of the token with bearer value access.
func (a *API) Token(access string) (TokenState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *token { return st.tokens[access] }, tokenState)
}

func tokenState(t *token) TokenState { return t.TokenState }

// ExpireTokens makes every token expire now and returns how many were live.
func (a *API) ExpireTokens() int {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	now := a.Now()
	n := 0
	for _, t := range a.St.tokens {
		if now.Before(t.Expires) {
			t.Expires = now
			if !t.Revoked {
				n++
			}
		}
	}
	return n
}

func (a *API) Settings() Settings {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	return a.St.settings.Settings
}

// UpdateSettings changes the knobs; the patch is checked as a whole first.
func (a *API) UpdateSettings(p SettingsPatch) (Settings, error) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	next := SettingsFixture(a.St.settings.Settings)
	emuhttp.Merge(&next, p)
	if next.TokenLifetime == "" {
		return Settings{}, errors.New(`token_lifetime must be a duration such as "2h"`)
	}
	s, err := newSettings(next)
	if err != nil {
		return Settings{}, err
	}
	a.St.settings = s
	return s.Settings, nil
}
