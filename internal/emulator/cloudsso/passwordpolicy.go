package cloudsso

import (
	"fmt"
	"strconv"
)

// PasswordPolicyState is a directory's password policy (C.1): the twelve
// fields GetPasswordPolicy returns, of which SetPasswordPolicy changes six.
type PasswordPolicyState struct {
	MinPasswordLength          int  `json:"min_password_length"`
	MaxPasswordLength          int  `json:"max_password_length"` // read-only
	MinPasswordDifferentChars  int  `json:"min_password_different_chars"`
	PasswordNotContainUsername bool `json:"password_not_contain_username"`
	MaxPasswordAge             int  `json:"max_password_age"`
	PasswordReusePrevention    int  `json:"password_reuse_prevention"`
	MaxLoginAttempts           int  `json:"max_login_attempts"`
	HardExpire                 bool `json:"hard_expire"`              // read-only
	RequireLowerCaseChars      bool `json:"require_lower_case_chars"` // read-only
	RequireUpperCaseChars      bool `json:"require_upper_case_chars"` // read-only
	RequireNumbers             bool `json:"require_numbers"`          // read-only
	RequireSymbols             bool `json:"require_symbols"`          // read-only
}

// PasswordPolicyPatch holds the six settable fields; nil fields stay. It is
// both the fixture's password_policy and the out-of-band change.
type PasswordPolicyPatch struct {
	MinPasswordLength          *int  `json:"min_password_length,omitempty"`
	MinPasswordDifferentChars  *int  `json:"min_password_different_chars,omitempty"`
	PasswordNotContainUsername *bool `json:"password_not_contain_username,omitempty"`
	MaxPasswordAge             *int  `json:"max_password_age,omitempty"`
	PasswordReusePrevention    *int  `json:"password_reuse_prevention,omitempty"`
	MaxLoginAttempts           *int  `json:"max_login_attempts,omitempty"`
}

// defaultPasswordPolicy is a new directory's, the console's defaults (C.1).
// Inferred: MinPasswordDifferentChars 3, the newer of the two doc revisions
// (4 in Feb 2024, 3 in Mar 2026; open question 5); MaxPasswordLength 32, the
// SDK's example.
func defaultPasswordPolicy() PasswordPolicyState {
	return PasswordPolicyState{
		MinPasswordLength: 8, MaxPasswordLength: 32, MinPasswordDifferentChars: 3,
		PasswordNotContainUsername: true, MaxPasswordAge: 90, PasswordReusePrevention: 1, MaxLoginAttempts: 5,
		HardExpire: true, RequireLowerCaseChars: true, RequireUpperCaseChars: true, RequireNumbers: true, RequireSymbols: true,
	}
}

// intRange is a settable integer's documented range (C.1). The upper bound
// of MinPasswordDifferentChars is the policy's MinPasswordLength, checked
// in applyPasswordPolicy.
type intRange struct {
	name     string
	min, max int
	field    func(*PasswordPolicyPatch) **int
}

var passwordIntRanges = []intRange{
	{"MinPasswordLength", 8, 32, func(p *PasswordPolicyPatch) **int { return &p.MinPasswordLength }},
	{"MinPasswordDifferentChars", 0, 32, func(p *PasswordPolicyPatch) **int { return &p.MinPasswordDifferentChars }},
	{"MaxPasswordAge", 1, 120, func(p *PasswordPolicyPatch) **int { return &p.MaxPasswordAge }},
	{"PasswordReusePrevention", 0, 24, func(p *PasswordPolicyPatch) **int { return &p.PasswordReusePrevention }},
	{"MaxLoginAttempts", 0, 32, func(p *PasswordPolicyPatch) **int { return &p.MaxLoginAttempts }},
}

// passwordPolicyJSON is GetPasswordPolicy's PasswordPolicy (C.1).
func passwordPolicyJSON(p PasswordPolicyState) map[string]any {
	return map[string]any{
		"MinPasswordLength": p.MinPasswordLength, "MaxPasswordLength": p.MaxPasswordLength,
		"MinPasswordDifferentChars": p.MinPasswordDifferentChars, "PasswordNotContainUsername": p.PasswordNotContainUsername,
		"MaxPasswordAge": p.MaxPasswordAge, "PasswordReusePrevention": p.PasswordReusePrevention,
		"MaxLoginAttempts": p.MaxLoginAttempts, "HardExpire": p.HardExpire,
		"RequireLowerCaseChars": p.RequireLowerCaseChars, "RequireUpperCaseChars": p.RequireUpperCaseChars,
		"RequireNumbers": p.RequireNumbers, "RequireSymbols": p.RequireSymbols,
	}
}

// passwordPolicyParams reads SetPasswordPolicy's six optional parameters.
// Inferred (C.1, open question 5): a value that is not a number or boolean,
// or out of its range, is 400 InvalidParameter.<Name>; the read-only fields
// and unknown parameters are ignored, as the SDK never sends them.
func passwordPolicyParams(req *request) (PasswordPolicyPatch, *apiError) {
	var p PasswordPolicyPatch
	for _, r := range passwordIntRanges {
		v := req.param(r.name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < r.min || n > r.max {
			return p, errBadRequest("InvalidParameter."+r.name,
				fmt.Sprintf("The specified %s %q is invalid; it must be an integer from %d to %d.", r.name, v, r.min, r.max))
		}
		*r.field(&p) = &n
	}
	if v := req.param("PasswordNotContainUsername"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil || (v != "true" && v != "false") {
			return p, errBadRequest("InvalidParameter.PasswordNotContainUsername",
				fmt.Sprintf("The specified PasswordNotContainUsername %q is invalid; it must be true or false.", v))
		}
		p.PasswordNotContainUsername = &b
	}
	return p, nil
}

// applyPasswordPolicy checks p against the ranges and the policy it changes,
// then applies it; on an error the policy is unchanged. Inferred: the bound
// of MinPasswordDifferentChars is the MinPasswordLength after the change.
func applyPasswordPolicy(policy *PasswordPolicyState, p PasswordPolicyPatch) *apiError {
	for _, r := range passwordIntRanges {
		if v := *r.field(&p); v != nil && (*v < r.min || *v > r.max) {
			return errBadRequest("InvalidParameter."+r.name,
				fmt.Sprintf("The specified %s %d is invalid; it must be an integer from %d to %d.", r.name, *v, r.min, r.max))
		}
	}
	next := *policy
	set := func(dst *int, v *int) {
		if v != nil {
			*dst = *v
		}
	}
	set(&next.MinPasswordLength, p.MinPasswordLength)
	set(&next.MinPasswordDifferentChars, p.MinPasswordDifferentChars)
	set(&next.MaxPasswordAge, p.MaxPasswordAge)
	set(&next.PasswordReusePrevention, p.PasswordReusePrevention)
	set(&next.MaxLoginAttempts, p.MaxLoginAttempts)
	if p.PasswordNotContainUsername != nil {
		next.PasswordNotContainUsername = *p.PasswordNotContainUsername
	}
	if next.MinPasswordDifferentChars > next.MinPasswordLength {
		return errBadRequest("InvalidParameter.MinPasswordDifferentChars",
			fmt.Sprintf("The specified MinPasswordDifferentChars %d is invalid; it must not exceed MinPasswordLength %d.",
				next.MinPasswordDifferentChars, next.MinPasswordLength))
	}
	*policy = next
	return nil
}

// setPasswordPolicy: DirectoryId is required, then the values are checked,
// then the directory is looked up, as for SetMFAAuthenticationStatus.
func (a *API) setPasswordPolicy(req *request, accountID string) (map[string]any, *apiError) {
	if req.param("DirectoryId") == "" {
		_, e := a.ownDirectory(req, accountID)
		return nil, e
	}
	p, e := passwordPolicyParams(req)
	if e != nil {
		return nil, e
	}
	d, e := a.ownDirectory(req, accountID)
	if e != nil {
		return nil, e
	}
	if e := applyPasswordPolicy(&d.PasswordPolicy, p); e != nil {
		return nil, e
	}
	return map[string]any{}, nil
}
