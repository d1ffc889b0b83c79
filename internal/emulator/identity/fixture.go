package identity

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const (
	tenantCloud = "cloud"
	tenantFiles = "files"
)

// Fixture is the initial state of the Identity emulator; ../FIXTURE.md
// documents every field of it and of the types below.
type Fixture struct {
	Domains []DomainFixture `json:"domains"`
	Tenants []TenantFixture `json:"tenants"`
	Users   []UserFixture   `json:"users"`
	Regions []string        `json:"regions,omitempty"`
}

type DomainFixture struct {
	ID                       string                 `json:"id"`
	Name                     string                 `json:"name"`
	Description              string                 `json:"description,omitempty"`
	Enabled                  *bool                  `json:"enabled,omitempty"`
	Type                     string                 `json:"type,omitempty"`
	RackspaceCustomerNumber  string                 `json:"rackspace_customer_number,omitempty"`
	SessionInactivityTimeout string                 `json:"session_inactivity_timeout,omitempty"`
	MFAEnforcementLevel      string                 `json:"mfa_enforcement_level,omitempty"`
	PasswordPolicy           *PasswordPolicyFixture `json:"password_policy,omitempty"`
}

type PasswordPolicyFixture struct {
	PasswordDuration           string `json:"password_duration,omitempty"`
	PasswordHistoryRestriction *int   `json:"password_history_restriction,omitempty"`
}

type TenantFixture struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	DomainID string `json:"domain_id"`
	Type     string `json:"type,omitempty"`
}

type UserFixture struct {
	ID                  string              `json:"id"`
	Username            string              `json:"username"`
	DomainID            string              `json:"domain_id"`
	Role                string              `json:"role,omitempty"`
	Email               string              `json:"email,omitempty"`
	Enabled             *bool               `json:"enabled,omitempty"`
	Password            string              `json:"password,omitempty"`
	APIKey              string              `json:"api_key,omitempty"`
	PasswordChanged     *time.Time          `json:"password_changed,omitempty"`
	DefaultRegion       string              `json:"default_region,omitempty"`
	DefaultTenant       string              `json:"default_tenant,omitempty"`
	TenantRoles         []TenantRoleFixture `json:"tenant_roles,omitempty"`
	MFA                 *MFAFixture         `json:"mfa,omitempty"`
	MFAEnforcementLevel string              `json:"mfa_enforcement_level,omitempty"`
}

// TenantRoleFixture grants product roles on one tenant.
type TenantRoleFixture struct {
	TenantID string   `json:"tenant_id"`
	Roles    []string `json:"roles"`
}

// MFAFixture is a user's multi-factor setup; a device counts as verified.
type MFAFixture struct {
	Enabled    bool   `json:"enabled"`
	FactorType string `json:"factor_type,omitempty"`
	OTPSecret  string `json:"otp_secret,omitempty"`
	Phone      string `json:"phone,omitempty"`
}

// Validate reports every inconsistency, naming users but never a secret.
func (f Fixture) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	domains := map[string]bool{}
	emuhttp.Each(bad, emuhttp.IDs{List: "domains", Kind: "domain"}, f.Domains, func(d DomainFixture) string { return d.ID }, func(d DomainFixture, _ bool) {
		domains[d.ID] = true
		if !slices.Contains([]string{"", LevelOptional, LevelRequired, LevelRackspaceMandated}, d.MFAEnforcementLevel) {
			bad("domain %q: mfa_enforcement_level %q is not OPTIONAL, REQUIRED or RACKSPACE_MANDATED", d.ID, d.MFAEnforcementLevel)
		}
		if d.SessionInactivityTimeout != "" {
			if err := checkInactivity(d.SessionInactivityTimeout); err != nil {
				bad("domain %q: %v", d.ID, err)
			}
		}
		if d.PasswordPolicy != nil {
			if _, err := newPasswordPolicy(d.PasswordPolicy); err != nil {
				bad("domain %q: password_policy: %v", d.ID, err)
			}
		}
	})

	// Not Each: a tenant with no domain_id counts as unknown, even to the
	// duplicate check.
	tenants := map[string]string{}
	for i, t := range f.Tenants {
		switch {
		case t.ID == "":
			bad("tenants[%d]: id is required", i)
			continue
		case tenants[t.ID] != "":
			bad("tenant %q: duplicate id", t.ID)
		case !domains[t.DomainID]:
			bad("tenant %q: unknown domain_id %q", t.ID, t.DomainID)
		}
		if !slices.Contains([]string{"", tenantCloud, tenantFiles}, t.Type) {
			bad("tenant %q: type %q is not cloud or files", t.ID, t.Type)
		}
		tenants[t.ID] = t.DomainID
	}

	ids, names, keys := map[string]bool{}, map[string]bool{}, map[string]string{}
	for i, u := range f.Users {
		if u.ID == "" || u.Username == "" {
			bad("users[%d]: id and username are required", i)
			continue
		}
		if ids[u.ID] {
			bad("user %q: duplicate id %q", u.Username, u.ID)
		}
		if names[u.Username] {
			bad("user %q: duplicate username", u.Username)
		}
		ids[u.ID], names[u.Username] = true, true
		if strings.ContainsAny(u.Username, " \t\r\n") {
			bad("user %q: username must not contain white space", u.Username)
		}
		if !domains[u.DomainID] {
			bad("user %q: unknown domain_id %q", u.Username, u.DomainID)
		}
		if _, ok := identityRoles[u.Role]; u.Role != "" && !ok {
			bad("user %q: role %q is not a known identity role (want one of %s)", u.Username, u.Role, strings.Join(sortedKeys(identityRoles), ", "))
		}
		if u.APIKey != "" {
			if other, dup := keys[u.APIKey]; dup {
				bad("users %q and %q share an api_key", other, u.Username)
			}
			keys[u.APIKey] = u.Username
		}
		if !slices.Contains([]string{"", LevelDefault, LevelOptional, LevelRequired}, u.MFAEnforcementLevel) {
			bad("user %q: mfa_enforcement_level %q is not DEFAULT, OPTIONAL or REQUIRED", u.Username, u.MFAEnforcementLevel)
		}
		if u.DefaultTenant != "" && tenants[u.DefaultTenant] == "" {
			bad("user %q: unknown default_tenant %q", u.Username, u.DefaultTenant)
		}
		for _, tr := range u.TenantRoles {
			if tenants[tr.TenantID] == "" {
				bad("user %q: unknown tenant %q in tenant_roles", u.Username, tr.TenantID)
			}
			for _, r := range tr.Roles {
				if _, ok := tenantRoleCatalog[r]; !ok {
					bad("user %q: tenant_roles: unknown role %q for tenant %q (want one of %s)", u.Username, r, tr.TenantID, strings.Join(sortedKeys(tenantRoleCatalog), ", "))
				}
			}
		}
		if u.MFA != nil {
			if err := checkMFA(u.MFA.Enabled, u.MFA.FactorType, u.MFA.OTPSecret, u.MFA.Phone); err != nil {
				bad("user %q: mfa: %v", u.Username, err)
			}
		}
	}
	return errors.Join(errs...)
}

// checkMFA: Identity needs a factor type and its device before MFA is on.
func checkMFA(enabled bool, factor, secret, phone string) error {
	if !slices.Contains([]string{"", FactorSMS, FactorOTP}, factor) {
		return fmt.Errorf("factor_type %q is not SMS or OTP", factor)
	}
	if secret != "" {
		if _, ok := normalSecret(secret); !ok {
			return errors.New("otp_secret is not valid base32")
		}
	}
	if !enabled {
		return nil
	}
	switch factor {
	case FactorOTP:
		if secret == "" {
			return errors.New("MFA with factor OTP needs an otp_secret")
		}
	case FactorSMS:
		if phone == "" {
			return errors.New("MFA with factor SMS needs a phone")
		}
	default:
		return errors.New("MFA enabled needs factor_type SMS or OTP")
	}
	return nil
}

func newPasswordPolicy(p *PasswordPolicyFixture) (*passwordPolicy, error) {
	out := &passwordPolicy{PasswordPolicyFixture: *emuhttp.CloneJSON(p)}
	if p.PasswordDuration != "" {
		d, err := parseISODuration(p.PasswordDuration)
		if err != nil {
			return nil, fmt.Errorf("password_duration: %w", err)
		}
		out.duration = d
	}
	if h := p.PasswordHistoryRestriction; h != nil && (*h < 0 || *h > maxPasswordHistory) {
		return nil, fmt.Errorf("password_history_restriction must be between 0 and %d", maxPasswordHistory)
	}
	return out, nil
}

// maxPasswordHistory is Identity's password.history.max default.
const maxPasswordHistory = 10

func newState(f Fixture, now time.Time) *state {
	st := &state{
		domains:  map[string]*domain{},
		tenants:  map[string]*tenant{},
		users:    map[string]*user{},
		byName:   map[string]*user{},
		tokens:   map[string]*token{},
		sessions: map[string]*session{},
		regions:  f.Regions,
	}
	if len(st.regions) == 0 {
		st.regions = []string{"DFW", "ORD", "IAD"}
	}
	for _, d := range f.Domains {
		nd := &domain{DomainState: DomainState{Enabled: true, SessionInactivityTimeout: defaultInactivity}}
		if d.PasswordPolicy != nil {
			nd.passwordPolicy, _ = newPasswordPolicy(d.PasswordPolicy)
		}
		d.PasswordPolicy = nil // kept parsed in nd.passwordPolicy
		emuhttp.Merge(&nd.DomainState, d)
		st.domains[d.ID] = nd
	}
	for _, t := range f.Tenants {
		st.tenants[t.ID] = &tenant{id: t.ID, name: cmp.Or(t.Name, t.ID), domainID: t.DomainID, kind: cmp.Or(t.Type, tenantCloud)}
		st.tenantOrder = append(st.tenantOrder, t.ID)
	}
	for _, uf := range f.Users {
		u := &user{UserState: UserState{Enabled: true, PasswordChanged: now}, email: uf.Email}
		emuhttp.Merge(&u.UserState, uf) // ids, enabled, region, tenant, level, password_changed
		emuhttp.Merge(&u.secrets, uf)   // password, api_key
		u.Roles = expandIdentityRole(cmp.Or(uf.Role, RoleDefault))
		u.tenantRoles = st.userTenantRoles(uf)
		u.DefaultTenant = cmp.Or(u.DefaultTenant, st.firstCloudTenant(u))
		if m := uf.MFA; m != nil {
			u.MFAEnabled, u.FactorType, u.OTPSecret, u.Phone = m.Enabled, m.FactorType, m.OTPSecret, m.Phone
		}
		st.users[u.ID] = u
		st.byName[u.Username] = u
	}
	return st
}

// userTenantRoles defaults to a product role on every tenant of the user's
// domain. Inferred: real accounts get such roles when they are created.
func (st *state) userTenantRoles(uf UserFixture) []tenantRole {
	var out []tenantRole
	if len(uf.TenantRoles) > 0 {
		for _, tr := range uf.TenantRoles {
			for _, r := range tr.Roles {
				out = append(out, tenantRole{tenantID: tr.TenantID, role: r})
			}
		}
		return out
	}
	for _, id := range st.tenantOrder {
		if t := st.tenants[id]; t.domainID == uf.DomainID {
			out = append(out, tenantRole{tenantID: id, role: defaultTenantRole(t.kind)})
		}
	}
	return out
}

// firstCloudTenant: Rackspace scopes a token to the cloud ("mosso") tenant.
func (st *state) firstCloudTenant(u *user) string {
	first := ""
	for _, tr := range u.tenantRoles {
		t := st.tenants[tr.tenantID]
		if t.kind == tenantCloud {
			return t.id
		}
		if first == "" {
			first = t.id
		}
	}
	return first
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// GeneratedUserSecret is the TOTP secret of every generated user with MFA.
const GeneratedUserSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

// AddUsers appends n identity:default users to the domain and returns their
// ids, "<domain>-u00000" onwards (usernames "user-<domain>-00000"…), so the
// same call always makes the same users. They have no password or API key,
// so loading thousands costs no hashing. Every third (i%3 == 0) has OTP
// multi-factor enabled, every fifth (i%5 == 0) enforcement level REQUIRED,
// and every tenth (i%10 == 9) is disabled.
func (f *Fixture) AddUsers(domainID string, n int) []string {
	ids := make([]string, n)
	disabled := false
	for i := range n {
		ids[i] = fmt.Sprintf("%s-u%05d", domainID, i)
		name := fmt.Sprintf("user-%s-%05d", domainID, i)
		u := UserFixture{ID: ids[i], Username: name, DomainID: domainID, Email: name + "@example.com", DefaultRegion: "DFW"}
		if i%3 == 0 {
			u.MFA = &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: GeneratedUserSecret}
		}
		if i%5 == 0 {
			u.MFAEnforcementLevel = LevelRequired
		}
		if i%10 == 9 {
			u.Enabled = &disabled
		}
		f.Users = append(f.Users, u)
	}
	return ids
}
