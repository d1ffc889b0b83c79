package cloudsso

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// ErrNotFound is wrapped when a named directory does not exist.
var ErrNotFound = errors.New("not found")

// DirectoryState is the out-of-band view of a directory.
type DirectoryState struct {
	ID                      string    `json:"id"`
	Name                    string    `json:"name"`
	Region                  string    `json:"region"`
	AccountID               string    `json:"account_id"`
	MFAAuthenticationStatus string    `json:"mfa_authentication_status"`
	CreateTime              time.Time `json:"create_time"`
	UpdateTime              time.Time `json:"update_time"`
	// PasswordPolicy does not move UpdateTime. Inferred: the notes tie
	// UpdateTime to nothing; the policy is an object of its own.
	PasswordPolicy PasswordPolicyState `json:"password_policy"`
}

// DirectoryCreate describes a directory created out of band; unlike the
// CreateDirectory action it may give an account a second one, as a fixture
// may. Empty fields are generated or default as in a fixture.
type DirectoryCreate struct {
	AccountID               string `json:"account_id"`
	ID                      string `json:"id,omitempty"`
	Name                    string `json:"name,omitempty"`
	Region                  string `json:"region,omitempty"`
	MFAAuthenticationStatus string `json:"mfa_authentication_status,omitempty"`
	// PasswordPolicy changes the default policy, as SetPasswordPolicy would.
	PasswordPolicy *PasswordPolicyPatch `json:"password_policy,omitempty"`
}

// DirectoryPatch changes a directory out of band; nil fields stay.
type DirectoryPatch struct {
	MFAAuthenticationStatus *string              `json:"mfa_authentication_status,omitempty"`
	PasswordPolicy          *PasswordPolicyPatch `json:"password_policy,omitempty"`
}

// AccountState is the out-of-band view of an account, without secrets.
type AccountState struct {
	ID           string          `json:"id"`
	AccessKeyIDs []string        `json:"access_key_ids"`
	STSTokens    []STSTokenState `json:"sts_tokens"`
}

// STSTokenState is the out-of-band view of an STS credential.
type STSTokenState struct {
	AccessKeyID string     `json:"access_key_id"`
	Expires     *time.Time `json:"expires,omitempty"` // nil: never
	Expired     bool       `json:"expired"`           // on the emulator clock
}

// Settings are the emulator-only knobs in force.
type Settings struct {
	CallsPerSecond int `json:"calls_per_second"`
}

// SettingsPatch changes the knobs; nil fields stay.
type SettingsPatch struct {
	CallsPerSecond *int `json:"calls_per_second,omitempty"`
}

func (a *API) Directory(id string) (DirectoryState, bool) {
	return emuhttp.View(&a.Core, func(st *state) *directory { return st.directories[id] }, directoryState)
}

// Directories returns every directory, in load and creation order.
func (a *API) Directories() []DirectoryState {
	return emuhttp.ViewAll(&a.Core, (*state).sortedDirectories, directoryState)
}

func directoryState(d *directory) DirectoryState { return d.DirectoryState }

// CreateDirectory checks c as Fixture.Validate checks a directory, repeated
// because these errors name no directory and stop at the first.
func (a *API) CreateDirectory(c DirectoryCreate) (DirectoryState, error) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	if a.St.accounts[c.AccountID] == nil {
		return DirectoryState{}, fmt.Errorf("unknown account_id %q", c.AccountID)
	}
	if c.ID != "" && !directoryIDRE.MatchString(c.ID) {
		return DirectoryState{}, fmt.Errorf("id %q is not d- and 12 lowercase letters or digits", c.ID)
	}
	if c.ID != "" && a.St.directories[c.ID] != nil {
		return DirectoryState{}, fmt.Errorf("directory %q already exists", c.ID)
	}
	if c.Name != "" {
		if err := validName(c.Name); err != nil {
			return DirectoryState{}, fmt.Errorf("name: %w", err)
		}
		if a.nameTaken(c.Name) {
			return DirectoryState{}, fmt.Errorf("name %q is already used; names are unique", c.Name)
		}
	}
	if c.Region != "" && !slices.Contains(regions, c.Region) {
		return DirectoryState{}, fmt.Errorf("region %q is not one of %s", c.Region, strings.Join(regions, ", "))
	}
	if err := checkMFAValue(c.MFAAuthenticationStatus, true); err != nil {
		return DirectoryState{}, err
	}
	policy, err := patchedPolicy(defaultPasswordPolicy(), c.PasswordPolicy)
	if err != nil {
		return DirectoryState{}, err
	}
	if c.ID == "" {
		c.ID = a.generateID()
	}
	if c.Name == "" {
		c.Name = a.generateName()
	}
	d := a.St.addDirectory(DirectoryState{ID: c.ID, Name: c.Name, Region: c.Region, AccountID: c.AccountID, MFAAuthenticationStatus: c.MFAAuthenticationStatus, CreateTime: a.Now().UTC().Truncate(time.Second), PasswordPolicy: policy})
	return d.DirectoryState, nil
}

// UpdateDirectory moves UpdateTime on a new MFA status, as the API call does;
// a password policy change is checked as SetPasswordPolicy checks it.
func (a *API) UpdateDirectory(id string, p DirectoryPatch) (DirectoryState, error) {
	find := func(st *state) *directory { return st.directories[id] }
	return emuhttp.Edit(&a.Core, find, fmt.Errorf("directory %q: %w", id, ErrNotFound), func(d *directory) (DirectoryState, error) {
		next := d.DirectoryState
		emuhttp.Merge(&next, p)
		if err := checkMFAValue(next.MFAAuthenticationStatus, false); err != nil {
			return DirectoryState{}, err
		}
		policy, err := patchedPolicy(d.PasswordPolicy, p.PasswordPolicy)
		if err != nil {
			return DirectoryState{}, err
		}
		d.PasswordPolicy = policy
		a.setDirectoryMFA(d, next.MFAAuthenticationStatus, a.Now())
		return directoryState(d), nil
	})
}

// patchedPolicy is policy changed by p (nil: unchanged), or the error
// SetPasswordPolicy would give, as Go text.
func patchedPolicy(policy PasswordPolicyState, p *PasswordPolicyPatch) (PasswordPolicyState, error) {
	if p == nil {
		return policy, nil
	}
	if e := applyPasswordPolicy(&policy, *p); e != nil {
		return PasswordPolicyState{}, fmt.Errorf("password_policy: %s", e.message)
	}
	return policy, nil
}

func checkMFAValue(v string, emptyOK bool) error {
	if (v == "" && emptyOK) || v == MFAEnabled || v == MFADisabled {
		return nil
	}
	return fmt.Errorf("mfa_authentication_status %q is not Enabled or Disabled", v)
}

// DeleteDirectory removes a directory as if an administrator had.
func (a *API) DeleteDirectory(id string) error {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	if a.St.directories[id] == nil {
		return fmt.Errorf("directory %q: %w", id, ErrNotFound)
	}
	delete(a.St.directories, id)
	return nil
}

// Accounts returns every account in fixture order.
func (a *API) Accounts() []AccountState {
	return emuhttp.ViewAll(&a.Core, func(st *state) []*account { return emuhttp.Ordered(st.accounts, st.accountIDs) }, a.accountState)
}

func (a *API) accountState(acct *account) AccountState {
	s := emuhttp.CloneJSON(acct.AccountState)
	for i, t := range s.STSTokens {
		s.STSTokens[i].Expired = t.Expires != nil && !a.Now().Before(*t.Expires)
	}
	return s
}

func (a *API) Settings() Settings {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	return a.St.settings
}

// UpdateSettings changes the knobs. A new quota applies from the next call.
func (a *API) UpdateSettings(p SettingsPatch) (Settings, error) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	next := a.St.settings
	if emuhttp.Merge(&next, p); next.CallsPerSecond < 1 {
		return Settings{}, errors.New("calls_per_second must be at least 1")
	}
	a.St.settings = next
	return next, nil
}
