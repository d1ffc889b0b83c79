package cloudsso

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Fixture is the initial state of the CloudSSO emulator; ../FIXTURE.md
// documents every field of it and of the types below.
type Fixture struct {
	Accounts    []AccountFixture   `json:"accounts"`
	Directories []DirectoryFixture `json:"directories"`
	Settings    *SettingsFixture   `json:"settings,omitempty"`
}

// AccountFixture is an Alibaba Cloud account with its access keys.
type AccountFixture struct {
	ID         string             `json:"id"`
	AccessKeys []AccessKeyFixture `json:"access_keys,omitempty"`
	STSTokens  []STSTokenFixture  `json:"sts_tokens,omitempty"`
}

// AccessKeyFixture is a permanent AccessKey pair.
type AccessKeyFixture struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}

// STSTokenFixture is a temporary credential issued by STS.
type STSTokenFixture struct {
	AccessKeyID   string `json:"access_key_id"`
	Secret        string `json:"secret"`
	SecurityToken string `json:"security_token"`
	Expires       string `json:"expires,omitempty"`
}

type DirectoryFixture struct {
	ID                      string `json:"id"`
	Name                    string `json:"name"`
	AccountID               string `json:"account_id"`
	Region                  string `json:"region,omitempty"`
	MFAAuthenticationStatus string `json:"mfa_authentication_status,omitempty"`
	CreateTime              string `json:"create_time,omitempty"`
	// PasswordPolicy changes the default policy, as SetPasswordPolicy would.
	PasswordPolicy *PasswordPolicyPatch `json:"password_policy,omitempty"`
}

// SettingsFixture holds the emulator-only knobs.
type SettingsFixture struct {
	CallsPerSecond int `json:"calls_per_second,omitempty"`
}

// Validate reports every inconsistency, naming ids but never a secret.
func (f Fixture) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	accounts := map[string]bool{}
	keys := map[string]bool{}
	// key checks an access key; field is where its id goes, for the error when it has none.
	key := func(acct, field, id, secret string, sts bool) bool {
		switch {
		case id == "":
			bad("account %q: %s is required", acct, field)
		case keys[id]:
			bad("access key %q: duplicate id", id)
		case sts != strings.HasPrefix(id, stsPrefix):
			if sts {
				bad("access key %q: an STS access key id starts with %q", id, stsPrefix)
			} else {
				bad("access key %q: ids starting with %q are for sts_tokens", id, stsPrefix)
			}
		case secret == "":
			bad("access key %q: secret is required", id)
		default:
			keys[id] = true
			return true
		}
		return false
	}
	ids := emuhttp.IDs{List: "accounts", Kind: "account", Valid: accountIDRE, Want: "a numeric account id"}
	emuhttp.Each(bad, ids, f.Accounts, func(a AccountFixture) string { return a.ID }, func(a AccountFixture, dup bool) {
		if dup {
			return
		}
		accounts[a.ID] = true
		for i, k := range a.AccessKeys {
			key(a.ID, fmt.Sprintf("access_keys[%d].id", i), k.ID, k.Secret, false)
		}
		for i, t := range a.STSTokens {
			if !key(a.ID, fmt.Sprintf("sts_tokens[%d].access_key_id", i), t.AccessKeyID, t.Secret, true) {
				continue
			}
			if t.SecurityToken == "" {
				bad("access key %q: security_token is required", t.AccessKeyID)
			}
			if _, err := parseOptionalTime(t.Expires); err != nil {
				bad("access key %q: expires: %v", t.AccessKeyID, err)
			}
		}
	})

	names := map[string]bool{}
	ids = emuhttp.IDs{List: "directories", Kind: "directory", Valid: directoryIDRE, Want: "d- and 12 lowercase letters or digits"}
	emuhttp.Each(bad, ids, f.Directories, func(d DirectoryFixture) string { return d.ID }, func(d DirectoryFixture, dup bool) {
		if dup {
			return
		}
		if err := validName(d.Name); err != nil {
			bad("directory %q: name: %v", d.ID, err)
		} else if names[d.Name] {
			bad("directory %q: name %q is already used; names are unique", d.ID, d.Name)
		}
		names[d.Name] = true
		if !accounts[d.AccountID] {
			bad("directory %q: unknown account_id %q", d.ID, d.AccountID)
		}
		if d.Region != "" && !slices.Contains(regions, d.Region) {
			bad("directory %q: region %q is not one of %s", d.ID, d.Region, strings.Join(regions, ", "))
		}
		if err := checkMFAValue(d.MFAAuthenticationStatus, true); err != nil {
			bad("directory %q: %v", d.ID, err)
		}
		if _, err := parseOptionalTime(d.CreateTime); err != nil {
			bad("directory %q: create_time: %v", d.ID, err)
		}
		if _, err := patchedPolicy(defaultPasswordPolicy(), d.PasswordPolicy); err != nil {
			bad("directory %q: %v", d.ID, err)
		}
	})

	if f.Settings != nil && f.Settings.CallsPerSecond < 0 {
		bad("settings: calls_per_second must not be negative")
	}
	return errors.Join(errs...)
}

// validName applies the documented directory name rules (B.2).
func validName(name string) error {
	switch {
	case len(name) < 2 || len(name) > 64:
		return fmt.Errorf("%q must be 2 to 64 characters long", name)
	case !directoryNameRE.MatchString(name):
		return fmt.Errorf("%q may hold only lowercase letters, digits and hyphens, and may not start or end with a hyphen", name)
	case strings.Contains(name, "--"):
		return fmt.Errorf("%q may not contain two hyphens in a row", name)
	case strings.HasPrefix(name, "d-"):
		return fmt.Errorf("%q may not start with d-", name)
	}
	return nil
}

func parseOptionalTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t.UTC(), nil
}

type state struct {
	accounts    map[string]*account
	accountIDs  []string // fixture order, for listings
	credentials map[string]*credential
	directories map[string]*directory
	settings    Settings
	nonces      *nonceStore
	quota       *quota
	seq         int // the last directory's seq
}

func newState(f Fixture, now time.Time) *state {
	st := &state{
		accounts:    map[string]*account{},
		credentials: map[string]*credential{},
		directories: map[string]*directory{},
		settings:    Settings{CallsPerSecond: defaultCallsPerSecond},
		nonces:      newNonceStore(),
		quota:       newQuota(),
	}
	now = now.UTC().Truncate(time.Second)
	for _, af := range f.Accounts {
		acct := &account{AccountState{ID: af.ID, AccessKeyIDs: []string{}, STSTokens: []STSTokenState{}}}
		st.accounts[af.ID] = acct
		st.accountIDs = append(st.accountIDs, af.ID)
		for _, k := range af.AccessKeys {
			st.credentials[k.ID] = &credential{id: k.ID, secret: k.Secret, accountID: af.ID}
			acct.AccessKeyIDs = append(acct.AccessKeyIDs, k.ID)
		}
		for _, t := range af.STSTokens {
			exp, _ := parseOptionalTime(t.Expires)
			acct.STSTokens = append(acct.STSTokens, STSTokenState{AccessKeyID: t.AccessKeyID})
			if !exp.IsZero() {
				acct.STSTokens[len(acct.STSTokens)-1].Expires = &exp
			}
			st.credentials[t.AccessKeyID] = &credential{
				id: t.AccessKeyID, secret: t.Secret, accountID: af.ID,
				sts: true, token: t.SecurityToken, expires: exp,
			}
		}
	}
	for _, df := range f.Directories {
		created, _ := parseOptionalTime(df.CreateTime)
		policy, _ := patchedPolicy(defaultPasswordPolicy(), df.PasswordPolicy)
		st.addDirectory(DirectoryState{ID: df.ID, Name: df.Name, Region: df.Region, AccountID: df.AccountID, MFAAuthenticationStatus: df.MFAAuthenticationStatus, CreateTime: cmp.Or(created, now), PasswordPolicy: policy})
	}
	if f.Settings != nil && f.Settings.CallsPerSecond > 0 {
		st.settings.CallsPerSecond = f.Settings.CallsPerSecond
	}
	return st
}
