package acronis

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Fixture is the initial state of the Acronis emulator; ../FIXTURE.md
// documents every field of it and of the types below.
type Fixture struct {
	Tenants []TenantFixture `json:"tenants"`
	// TenantGroups are many generated tenants, written compactly; they follow Tenants.
	TenantGroups []TenantGroup   `json:"tenant_groups,omitempty"`
	Clients      []ClientFixture `json:"clients"`
	// Users are user objects; a tenant's users_count and users_with_totp_count count the
	// others, and the API reports both.
	Users    []UserFixture    `json:"users,omitempty"`
	Settings *SettingsFixture `json:"settings,omitempty"`
}

type TenantFixture struct {
	ID                     string `json:"id"`
	Name                   string `json:"name"`
	Kind                   string `json:"kind"`
	ParentID               string `json:"parent_id,omitempty"`
	Enabled                *bool  `json:"enabled,omitempty"`
	MFAEnabled             bool   `json:"mfa_enabled,omitempty"`
	UsersCount             int    `json:"users_count,omitempty"`
	UsersWithTOTPCount     int    `json:"users_with_totp_count,omitempty"`
	DisableInProgressReads int    `json:"disable_in_progress_reads,omitempty"`
}

// UserFixture is a user object (B.4) with what its mfa_status depends on.
type UserFixture struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	Login    string `json:"login"`
	Enabled  *bool  `json:"enabled,omitempty"`
	// TOTP: the user has set up TOTP.
	TOTP bool `json:"totp,omitempty"`
	// MFAEnabled is the user's own switch, default true; false is an administrator's
	// PUT {"enabled": false}: forcibly_disabled while the tenant requires MFA.
	MFAEnabled *bool `json:"mfa_enabled,omitempty"`
}

type ClientFixture struct {
	ID       string `json:"id"`
	Secret   string `json:"secret"`
	TenantID string `json:"tenant_id"`
	Status   string `json:"status,omitempty"`
}

// SettingsFixture holds the emulator-only knobs.
type SettingsFixture struct {
	TokenLifetime string `json:"token_lifetime,omitempty"`
	TokenMaxUses  int    `json:"token_max_uses,omitempty"`
}

var tenantIDs = emuhttp.IDs{List: "tenants", Kind: "tenant", Valid: uuidRE, Want: "a lowercase UUID"}

// Validate reports every inconsistency, naming ids but never a secret.
func (f Fixture) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	byID := map[string]TenantFixture{}
	for i, g := range f.TenantGroups {
		if g.Count < 1 {
			bad("tenant_groups[%d]: count must be at least 1", i)
		}
	}
	tenants := f.AllTenants()
	emuhttp.Each(bad, tenantIDs, tenants, func(t TenantFixture) string { return t.ID }, func(t TenantFixture, dup bool) {
		if dup {
			return
		}
		byID[t.ID] = t
		if t.Name == "" {
			bad("tenant %q: name is required", t.ID)
		}
		if !slices.Contains([]string{KindRoot, KindPartner, KindFolder, KindCustomer, KindUnit}, t.Kind) {
			bad("tenant %q: kind %q is not root, partner, folder, customer or unit", t.ID, t.Kind)
		}
		if t.MFAEnabled && (t.Kind == KindFolder || t.Kind == KindUnit) {
			bad("tenant %q: mfa_enabled must be false for a %s, which inherits MFA from its parent", t.ID, t.Kind)
		}
		if err := checkCounts(t.UsersCount, t.UsersWithTOTPCount); err != nil {
			bad("tenant %q: %v", t.ID, err)
		}
		if t.DisableInProgressReads < 0 {
			bad("tenant %q: disable_in_progress_reads must not be negative", t.ID)
		}
	})
	for _, t := range tenants {
		if byID[t.ID].ID == "" {
			continue
		}
		if err := checkParent(t, byID); err != nil {
			bad("tenant %q: %v", t.ID, err)
		}
	}

	emuhttp.Each(bad, emuhttp.IDs{List: "clients", Kind: "client", Valid: uuidRE, Want: tenantIDs.Want}, f.Clients, func(c ClientFixture) string { return c.ID }, func(c ClientFixture, _ bool) {
		if c.Secret == "" {
			bad("client %q: secret is required", c.ID)
		}
		if _, ok := byID[c.TenantID]; !ok {
			bad("client %q: unknown tenant_id %q", c.ID, c.TenantID)
		}
		if !slices.Contains([]string{"", ClientEnabled, ClientDisabled}, c.Status) {
			bad("client %q: status %q is not enabled or disabled", c.ID, c.Status)
		}
	})

	checkUsers(bad, f.Users, byID)
	for _, t := range tenants {
		users, totp := 0, 0
		for _, u := range f.Users {
			if u.TenantID == t.ID {
				users++
				if u.TOTP {
					totp++
				}
			}
		}
		if err := checkCounts(t.UsersCount-users, t.UsersWithTOTPCount-totp); users > 0 && err != nil {
			bad("tenant %q: users_count %d and users_with_totp_count %d must include its %d user objects, %d of them with TOTP",
				t.ID, t.UsersCount, t.UsersWithTOTPCount, users, totp)
		}
	}

	if f.Settings != nil {
		if _, err := newSettings(*f.Settings); err != nil {
			bad("settings: %v", err)
		}
	}
	return errors.Join(errs...)
}

// checkParent. Inferred: units under customers or units, the rest under the
// root, partners or folders; the notes only name the kinds.
func checkParent(t TenantFixture, byID map[string]TenantFixture) error {
	if t.Kind == KindRoot {
		if t.ParentID != "" {
			return errors.New("a root tenant has no parent_id")
		}
		return nil
	}
	parent, ok := byID[t.ParentID]
	if !ok {
		return fmt.Errorf("unknown parent_id %q", t.ParentID)
	}
	allowed := []string{KindRoot, KindPartner, KindFolder}
	if t.Kind == KindUnit {
		allowed = []string{KindCustomer, KindUnit}
	}
	if !slices.Contains(allowed, parent.Kind) {
		return fmt.Errorf("parent_id: a %s cannot be under the %s %q", t.Kind, parent.Kind, parent.ID)
	}
	cur := t
	for range len(byID) {
		if cur.Kind == KindRoot {
			return nil
		}
		if cur, ok = byID[cur.ParentID]; !ok {
			return nil // reported for the tenant that names it
		}
	}
	return errors.New("parent_id forms a cycle")
}

func checkCounts(users, totp int) error {
	if users < 0 || totp < 0 {
		return errors.New("users_count and users_with_totp_count must not be negative")
	}
	if totp > users {
		return fmt.Errorf("users_with_totp_count %d exceeds users_count %d", totp, users)
	}
	return nil
}

func newSettings(f SettingsFixture) (settings, error) {
	s := settings{Settings{TokenMaxUses: f.TokenMaxUses}, defaultTokenLifetime}
	if f.TokenLifetime != "" {
		d, err := time.ParseDuration(f.TokenLifetime)
		if err != nil || d < time.Second {
			return s, fmt.Errorf("token_lifetime %q is not a duration of at least 1s, such as \"2h\"", f.TokenLifetime)
		}
		s.tokenLifetime = d
	}
	if s.TokenMaxUses < 0 {
		return s, errors.New("token_max_uses must not be negative")
	}
	s.TokenLifetime = s.tokenLifetime.String()
	return s, nil
}

type state struct {
	tenants       map[string]*tenant
	tenantOrder   []string             // fixture order, for listings
	children      map[string][]*tenant // by parent id, in fixture order
	clients       map[string]*client
	clientOrder   []string
	users         map[string]*user
	userOrder     []string
	usersByTenant map[string][]*user
	tokens        map[string]*token // by access token
	settings      settings
	issued        int
}

func newState(f Fixture, now time.Time) *state {
	st := &state{
		tenants:       map[string]*tenant{},
		children:      map[string][]*tenant{},
		clients:       map[string]*client{},
		tokens:        map[string]*token{},
		users:         map[string]*user{},
		usersByTenant: map[string][]*user{},
	}
	now = now.UTC().Truncate(time.Second)
	for _, tf := range f.AllTenants() {
		t := &tenant{TenantState{Enabled: true, Version: 1, CreatedAt: now, UpdatedAt: now}, tf.MFAEnabled}
		emuhttp.Merge(&t.TenantState, tf)
		st.tenants[t.ID] = t
		st.tenantOrder = append(st.tenantOrder, t.ID)
		if t.ParentID != "" {
			st.children[t.ParentID] = append(st.children[t.ParentID], t)
		}
	}
	for _, uf := range f.Users {
		u := &user{
			ID: uf.ID, TenantID: uf.TenantID, Login: uf.Login, Enabled: uf.Enabled == nil || *uf.Enabled,
			TOTP: uf.TOTP, MFAEnabled: uf.MFAEnabled == nil || *uf.MFAEnabled, Version: 1, CreatedAt: now, UpdatedAt: now,
		}
		st.users[u.ID] = u
		st.userOrder = append(st.userOrder, u.ID)
		st.usersByTenant[u.TenantID] = append(st.usersByTenant[u.TenantID], u)
		// The tenant keeps the users it only counts.
		if t := st.tenants[u.TenantID]; t != nil {
			t.UsersCount--
			if u.TOTP {
				t.UsersWithTOTPCount--
			}
		}
	}
	for _, cf := range f.Clients {
		cf.Status = cmp.Or(cf.Status, ClientEnabled)
		st.clients[cf.ID] = &client{cf}
		st.clientOrder = append(st.clientOrder, cf.ID)
	}
	st.settings, _ = newSettings(*cmp.Or(f.Settings, &SettingsFixture{}))
	return st
}
