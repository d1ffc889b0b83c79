package identity

import (
	"slices"
	"time"
)

// Multi-factor enforcement levels; users have DEFAULT (the domain's) instead
// of RACKSPACE_MANDATED, and "" means never set.
const (
	LevelOptional          = "OPTIONAL"
	LevelRequired          = "REQUIRED"
	LevelRackspaceMandated = "RACKSPACE_MANDATED"
	LevelDefault           = "DEFAULT"
)

const (
	FactorSMS = "SMS"
	FactorOTP = "OTP"
)

// Values of RAX-AUTH:authenticatedBy.
const (
	authByPassword    = "PASSWORD"
	authByAPIKey      = "APIKEY"
	authByPasscode    = "PASSCODE"
	authByOTPPasscode = "OTPPASSCODE"
)

const (
	tokenLifetime   = 24 * time.Hour
	sessionLifetime = 5 * time.Minute
	// maxPasscodeFailures and lockWindow are Identity's defaults
	// (feature.multifactor.locking.attempts.maximumNumber, failure TTL 1800 s).
	maxPasscodeFailures = 3
	lockWindow          = 30 * time.Minute
	scopeSetupMFA       = "SETUP-MFA"
	defaultInactivity   = "PT15M"
)

// domain keeps its view's fields but PasswordPolicy, kept parsed instead.
type domain struct {
	DomainState
	passwordPolicy *passwordPolicy
}

// passwordPolicy echoes the duration exactly as sent, as Identity does.
type passwordPolicy struct {
	PasswordPolicyFixture
	duration time.Duration
}

type tenant struct {
	id, name, domainID string
	kind               string // "cloud" or "files"; picks the catalog entries
}

type tenantRole struct {
	tenantID, role string
}

// user keeps its view's fields; userState fills Locked.
type user struct {
	UserState
	secrets
	email       string
	tenantRoles []tenantRole
	adminLocked bool
	lastFailure time.Time
	lastSMS     string
}

// secrets carry a UserPatch's JSON keys, so emuhttp.Merge can apply one.
type secrets struct {
	Password  string `json:"password,omitempty"`
	APIKey    string `json:"api_key,omitempty"`
	OTPSecret string `json:"otp_secret,omitempty"`
	Phone     string `json:"phone,omitempty"`
}

// token keeps its view's fields; tokenState fills User.
type token struct {
	TokenState
	sequence int // keeps listings in issue order when timestamps tie
}

type session struct {
	id       string
	userID   string
	factor   string // PASSCODE or OTPPASSCODE, as announced in the challenge
	sms      string
	tenantID string
	expires  time.Time
}

func (u *user) level() int {
	best := levelDefault
	for _, r := range u.Roles {
		if info, ok := identityRoles[r]; ok && info.level < best {
			best = info.level
		}
	}
	return best
}

func (u *user) domainBased() bool { return u.level() >= levelUserAdmin }

func (u *user) hasTenant(id string) bool {
	return slices.ContainsFunc(u.tenantRoles, func(tr tenantRole) bool { return tr.tenantID == id })
}

func (u *user) passcodeFactor() string {
	if u.FactorType == FactorOTP {
		return authByOTPPasscode
	}
	return authByPasscode
}

// mfaForced: the user's own level wins unless it is DEFAULT.
func mfaForced(u *user, d *domain) bool {
	switch u.MFAEnforcementLevel {
	case LevelOptional:
		return false
	case LevelRequired:
		return true
	}
	// Inferred: RACKSPACE_MANDATED forces MFA exactly like REQUIRED.
	return d != nil && (d.MFAEnforcementLevel == LevelRequired || d.MFAEnforcementLevel == LevelRackspaceMandated)
}

// locked lets the lock lapse 30 minutes after the last bad passcode.
func (u *user) locked(now time.Time) bool {
	if u.FailedPasscodes > 0 && !now.Before(u.lastFailure.Add(lockWindow)) {
		u.FailedPasscodes, u.lastFailure = 0, time.Time{}
	}
	return u.adminLocked || u.FailedPasscodes >= maxPasscodeFailures
}

func (t *token) mfaProtected() bool {
	return slices.Contains(t.AuthenticatedBy, authByPasscode) || slices.Contains(t.AuthenticatedBy, authByOTPPasscode)
}
