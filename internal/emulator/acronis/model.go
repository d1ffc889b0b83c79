package acronis

import (
	"regexp"
	"time"
)

// Tenant kinds (A.3).
const (
	KindRoot     = "root"
	KindPartner  = "partner"
	KindFolder   = "folder"
	KindCustomer = "customer"
	KindUnit     = "unit"
)

// Values of mfa_status in GET/PUT /tenants/{id}/mfa/status (A.2.3).
const (
	MFAEnabled           = "enabled"
	MFADisabled          = "disabled"
	MFADisableInProgress = "disable_in_progress"
)

// API client statuses (A.1.1).
const (
	ClientEnabled  = "enabled"
	ClientDisabled = "disabled"
)

const (
	// defaultTokenLifetime is the two hours the guides state (A.1.2).
	defaultTokenLifetime = 2 * time.Hour
	// domain is error.domain in every envelope this API sends (A.4).
	domain = "PlatformAccountServer"
)

// Platform error codes (A.4).
const (
	codeAccessDenied   = 1002
	codeTenantNotFound = 1005
	codeBusinessRule   = 1027
)

// uuidRE is the spec's pattern for every id in a path: lowercase only.
var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$`)

// tenant keeps its view's fields; tenantState fills the MFA ones, which
// depend on the tree.
type tenant struct {
	TenantState
	mfaEnabled bool // own setting; false for folders and units, which inherit
}

// inherits: the spec forbids the MFA PUT on folders and units (A.2.2).
func (t *tenant) inherits() bool {
	return t.Kind == KindFolder || t.Kind == KindUnit
}

// user is a user object (B.4); its mfa_status follows from its tenant (users.go).
type user struct {
	ID, TenantID, Login string
	Enabled, TOTP       bool
	MFAEnabled          bool // the user's own switch (B.5)
	Version             int64
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// client keeps its fixture, which is its view and its secret.
type client struct {
	ClientFixture
}

type token struct {
	TokenState
	sequence int // keeps listings in issue order when timestamps tie
}

// settings keeps its view with the lifetime parsed.
type settings struct {
	Settings
	tokenLifetime time.Duration
}
