package cloudsso

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Fixture is the initial state of the CloudSSO emulator. FIXTURE.md in the
// emulator package documents every field.
type Fixture struct {
	Accounts    []AccountFixture   `json:"accounts"`
	Directories []DirectoryFixture `json:"directories"`
	// Settings holds the emulator-only knobs; nil means the defaults.
	Settings *SettingsFixture `json:"settings,omitempty"`
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

// STSTokenFixture is a temporary credential issued by STS: an access key
// whose id starts with "STS.", its secret and the security token that must
// accompany every request signed with it.
type STSTokenFixture struct {
	AccessKeyID   string `json:"access_key_id"`
	Secret        string `json:"secret"`
	SecurityToken string `json:"security_token"`
	// Expires is an RFC 3339 time on the emulator clock; empty means never.
	Expires string `json:"expires,omitempty"`
}

// DirectoryFixture is one CloudSSO directory.
type DirectoryFixture struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	AccountID string `json:"account_id"`
	// Region defaults to cn-shanghai.
	Region string `json:"region,omitempty"`
	// MFAAuthenticationStatus is Enabled (the default) or Disabled.
	MFAAuthenticationStatus string `json:"mfa_authentication_status,omitempty"`
	// CreateTime is an RFC 3339 time; empty means load time.
	CreateTime string `json:"create_time,omitempty"`
}

// SettingsFixture holds the emulator-only knobs.
type SettingsFixture struct {
	// CallsPerSecond is each account's call quota; 0 means 100, the
	// documented limit.
	CallsPerSecond int `json:"calls_per_second,omitempty"`
}

// Validate reports every inconsistency in the fixture. Error text names
// accounts, keys and directories by id but never a secret or a token.
func (f Fixture) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	accounts := map[string]bool{}
	keys := map[string]bool{}
	key := func(acct, id, secret string, sts bool) bool {
		switch {
		case id == "":
			bad("account %q: an access key has no id", acct)
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
	for i, a := range f.Accounts {
		if !accountIDRE.MatchString(a.ID) {
			bad("accounts[%d]: id %q is not a numeric account id", i, a.ID)
			continue
		}
		if accounts[a.ID] {
			bad("account %q: duplicate id", a.ID)
			continue
		}
		accounts[a.ID] = true
		for _, k := range a.AccessKeys {
			key(a.ID, k.ID, k.Secret, false)
		}
		for _, t := range a.STSTokens {
			if !key(a.ID, t.AccessKeyID, t.Secret, true) {
				continue
			}
			if t.SecurityToken == "" {
				bad("access key %q: security_token is required", t.AccessKeyID)
			}
			if _, err := parseOptionalTime(t.Expires); err != nil {
				bad("access key %q: expires: %v", t.AccessKeyID, err)
			}
		}
	}

	ids := map[string]bool{}
	names := map[string]bool{}
	for i, d := range f.Directories {
		if !directoryIDRE.MatchString(d.ID) {
			bad("directories[%d]: id %q is not d- and 12 lowercase letters or digits", i, d.ID)
			continue
		}
		if ids[d.ID] {
			bad("directory %q: duplicate id", d.ID)
			continue
		}
		ids[d.ID] = true
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
		if !slices.Contains([]string{"", MFAEnabled, MFADisabled}, d.MFAAuthenticationStatus) {
			bad("directory %q: mfa_authentication_status %q is not Enabled or Disabled", d.ID, d.MFAAuthenticationStatus)
		}
		if _, err := parseOptionalTime(d.CreateTime); err != nil {
			bad("directory %q: create_time: %v", d.ID, err)
		}
	}

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
	settings    settings
	nonces      *nonceStore
	quota       *quota
	seq         int // the last directory's seq
}

// newState builds the live state from a validated fixture.
func newState(f Fixture, now time.Time) *state {
	st := &state{
		accounts:    map[string]*account{},
		credentials: map[string]*credential{},
		directories: map[string]*directory{},
		settings:    settings{callsPerSecond: defaultCallsPerSecond},
		nonces:      newNonceStore(),
		quota:       newQuota(),
	}
	now = now.UTC().Truncate(time.Second)
	for _, af := range f.Accounts {
		acct := &account{id: af.ID}
		st.accounts[af.ID] = acct
		st.accountIDs = append(st.accountIDs, af.ID)
		for _, k := range af.AccessKeys {
			st.credentials[k.ID] = &credential{id: k.ID, secret: k.Secret, accountID: af.ID}
			acct.keyIDs = append(acct.keyIDs, k.ID)
		}
		for _, t := range af.STSTokens {
			acct.stsIDs = append(acct.stsIDs, t.AccessKeyID)
			exp, _ := parseOptionalTime(t.Expires)
			st.credentials[t.AccessKeyID] = &credential{
				id: t.AccessKeyID, secret: t.Secret, accountID: af.ID,
				sts: true, token: t.SecurityToken, expires: exp,
			}
		}
	}
	for _, df := range f.Directories {
		created, _ := parseOptionalTime(df.CreateTime)
		if created.IsZero() {
			created = now
		}
		d := &directory{
			id: df.ID, name: df.Name, accountID: df.AccountID,
			region: df.Region, mfa: df.MFAAuthenticationStatus,
			created: created, updated: created,
		}
		st.seq++
		d.seq = st.seq
		if d.region == "" {
			d.region = DefaultRegion
		}
		if d.mfa == "" {
			d.mfa = MFAEnabled
		}
		st.directories[d.id] = d
	}
	if f.Settings != nil && f.Settings.CallsPerSecond > 0 {
		st.settings.callsPerSecond = f.Settings.CallsPerSecond
	}
	return st
}
