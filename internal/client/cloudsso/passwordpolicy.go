package cloudsso

import (
	"context"
	"fmt"
	"strconv"
)

const (
	opGetPasswordPolicy = "GetPasswordPolicy"
	opSetPasswordPolicy = "SetPasswordPolicy"
)

// RAM actions of the password policy calls, on
// acs:cloudsso:{region}:{account}:directory/{DirectoryId}.
const (
	RAMActionGetPasswordPolicy = "cloudsso:" + opGetPasswordPolicy
	RAMActionSetPasswordPolicy = "cloudsso:" + opSetPasswordPolicy
)

// IntRange is the documented range of one of SetPasswordPolicy's integer
// parameters, bounds included.
type IntRange struct {
	// Param is the API's name of the parameter.
	Param    string
	Min, Max int
}

// Check refuses v outside r.
func (r IntRange) Check(v int64) error {
	if v < int64(r.Min) || v > int64(r.Max) {
		return fmt.Errorf("%s must be from %d to %d, got %d", r.Param, r.Min, r.Max, v)
	}
	return nil
}

// The documented ranges of the settable integers. MinPasswordDifferentChars
// is further bounded by the policy's MinPasswordLength (see
// PasswordPolicySettings.Check); 0 means no limit, as 0 attempts means
// unlimited logon attempts and 0 previous passwords no history check. A
// locked user is unlocked after one hour.
var (
	MinPasswordLengthRange         = IntRange{Param: "MinPasswordLength", Min: 8, Max: 32}
	MinPasswordDifferentCharsRange = IntRange{Param: "MinPasswordDifferentChars", Min: 0, Max: 32}
	MaxPasswordAgeRange            = IntRange{Param: "MaxPasswordAge", Min: 1, Max: 120} // days
	PasswordReusePreventionRange   = IntRange{Param: "PasswordReusePrevention", Min: 0, Max: 24}
	MaxLoginAttemptsRange          = IntRange{Param: "MaxLoginAttempts", Min: 0, Max: 32}
)

// The console's defaults for a new directory, which DefaultPasswordPolicy
// restores. DefaultMinPasswordDifferentChars is 3 on the March 2026 page and
// 4 on the February 2024 one: the newer is taken (inferred).
const (
	DefaultMinPasswordLength          = 8
	DefaultMinPasswordDifferentChars  = 3
	DefaultPasswordNotContainUsername = true
	DefaultMaxPasswordAge             = 90
	DefaultPasswordReusePrevention    = 1
	DefaultMaxLoginAttempts           = 5
)

// PasswordPolicySettings are SetPasswordPolicy's six optional parameters; a
// nil field is not sent, and the API keeps its value.
type PasswordPolicySettings struct {
	MinPasswordLength          *int64
	MinPasswordDifferentChars  *int64
	PasswordNotContainUsername *bool
	MaxPasswordAge             *int64
	PasswordReusePrevention    *int64
	MaxLoginAttempts           *int64
}

// DefaultPasswordPolicy sets all six to the console's defaults.
func DefaultPasswordPolicy() PasswordPolicySettings {
	i := func(v int64) *int64 { return &v }
	b := DefaultPasswordNotContainUsername
	return PasswordPolicySettings{
		MinPasswordLength: i(DefaultMinPasswordLength), MinPasswordDifferentChars: i(DefaultMinPasswordDifferentChars),
		PasswordNotContainUsername: &b, MaxPasswordAge: i(DefaultMaxPasswordAge),
		PasswordReusePrevention: i(DefaultPasswordReusePrevention), MaxLoginAttempts: i(DefaultMaxLoginAttempts),
	}
}

// CheckDifferentChars refuses more different characters than the minimum
// length allows.
func CheckDifferentChars(differentChars, minLength int64) error {
	if differentChars > minLength {
		return fmt.Errorf("MinPasswordDifferentChars (%d) must not exceed MinPasswordLength (%d)", differentChars, minLength)
	}
	return nil
}

// Check refuses a set field outside its range, and, when both are set, more
// different characters than the minimum length. A field left nil is checked
// by the API against the value it holds.
func (s PasswordPolicySettings) Check() error {
	for _, f := range s.ints() {
		if f.v != nil {
			if err := f.r.Check(*f.v); err != nil {
				return err
			}
		}
	}
	if s.MinPasswordDifferentChars != nil && s.MinPasswordLength != nil {
		return CheckDifferentChars(*s.MinPasswordDifferentChars, *s.MinPasswordLength)
	}
	return nil
}

type intField struct {
	r IntRange
	v *int64
}

func (s PasswordPolicySettings) ints() []intField {
	return []intField{
		{MinPasswordLengthRange, s.MinPasswordLength},
		{MinPasswordDifferentCharsRange, s.MinPasswordDifferentChars},
		{MaxPasswordAgeRange, s.MaxPasswordAge},
		{PasswordReusePreventionRange, s.PasswordReusePrevention},
		{MaxLoginAttemptsRange, s.MaxLoginAttempts},
	}
}

// PasswordPolicy is a directory's policy as GetPasswordPolicy returns it:
// the six settable values and six the API offers no way to change.
type PasswordPolicy struct {
	MinPasswordLength          int64 `json:"MinPasswordLength"`
	MinPasswordDifferentChars  int64 `json:"MinPasswordDifferentChars"`
	PasswordNotContainUsername bool  `json:"PasswordNotContainUsername"`
	MaxPasswordAge             int64 `json:"MaxPasswordAge"`
	PasswordReusePrevention    int64 `json:"PasswordReusePrevention"`
	MaxLoginAttempts           int64 `json:"MaxLoginAttempts"`

	MaxPasswordLength     int64 `json:"MaxPasswordLength"`
	HardExpire            bool  `json:"HardExpire"`
	RequireLowerCaseChars bool  `json:"RequireLowerCaseChars"`
	RequireUpperCaseChars bool  `json:"RequireUpperCaseChars"`
	RequireNumbers        bool  `json:"RequireNumbers"`
	RequireSymbols        bool  `json:"RequireSymbols"`
}

// GetPasswordPolicy reads the directory's password policy.
func (c *Client) GetPasswordPolicy(ctx context.Context, directoryID string) (*PasswordPolicy, error) {
	if err := checkDirectoryID(opGetPasswordPolicy, directoryID); err != nil {
		return nil, err
	}
	var out struct {
		PasswordPolicy *PasswordPolicy `json:"PasswordPolicy"`
	}
	if err := c.call(ctx, opGetPasswordPolicy, map[string]string{"DirectoryId": directoryID}, &out); err != nil {
		return nil, err
	}
	if out.PasswordPolicy == nil {
		return nil, &Error{Service: APIName, Op: opGetPasswordPolicy, Message: "unexpected response: no PasswordPolicy"}
	}
	return out.PasswordPolicy, nil
}

// SetPasswordPolicy changes the fields of s that are set and leaves the
// others as they are. It refuses, without a request, what Check refuses.
func (c *Client) SetPasswordPolicy(ctx context.Context, directoryID string, s PasswordPolicySettings) error {
	if err := checkDirectoryID(opSetPasswordPolicy, directoryID); err != nil {
		return err
	}
	if err := s.Check(); err != nil {
		return &Error{Service: APIName, Op: opSetPasswordPolicy, Kind: KindBadRequest, Message: err.Error()}
	}
	query := map[string]string{"DirectoryId": directoryID}
	for _, f := range s.ints() {
		if f.v != nil {
			query[f.r.Param] = strconv.FormatInt(*f.v, 10)
		}
	}
	if s.PasswordNotContainUsername != nil {
		query["PasswordNotContainUsername"] = strconv.FormatBool(*s.PasswordNotContainUsername)
	}
	var out struct{}
	return c.call(ctx, opSetPasswordPolicy, query, &out)
}
