package emulator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// Fixture is the initial state of every emulated API; see FIXTURE.md.
type Fixture struct {
	Identity identity.Fixture `json:"identity"`
	Acronis  acronis.Fixture  `json:"acronis"`
	CloudSSO cloudsso.Fixture `json:"cloudsso"`
}

// DemoFixture returns a fresh copy of the built-in demo state.
func DemoFixture() *Fixture {
	return &Fixture{Identity: identity.DemoFixture(), Acronis: acronis.DemoFixture(), CloudSSO: cloudsso.DemoFixture()}
}

func (f *Fixture) Clone() *Fixture {
	c := emuhttp.CloneJSON(*f)
	return &c
}

// Validate reports every problem of every API's fixture, each an error of its own (joined with
// errors.Join) that starts with its API, such as: identity: user "a": unknown domain_id "b".
func (f *Fixture) Validate() error {
	return errors.Join(
		prefixEach("identity: ", f.Identity.Validate()),
		prefixEach("acronis: ", f.Acronis.Validate()),
		prefixEach("cloudsso: ", f.CloudSSO.Validate()),
	)
}

// LoadFixture reads and checks a fixture file. Each of its errors (errors.Join) starts
// "fixture PATH: " and is one line; ParseFixture says what follows.
func LoadFixture(path string) (*Fixture, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		// The path is said once, first, as for every other fixture error.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("fixture %s: %w", path, err)
	}
	fx, err := ParseFixture(data)
	if err != nil {
		return nil, prefixEach("fixture "+path+": ", err)
	}
	return fx, nil
}

// ParseFixture decodes and validates a fixture. It refuses unknown fields, so a misspelt key
// is not a default. A text that is not JSON of the fixture's shape is one error that gives the
// line and column, then the object, in the fixture's own names, then the field:
//
//	line 14, column 9: identity.users[2] (id "u-3"): unknown field "rol" (did you mean "role"?)
//
// A fixture that decodes but is inconsistent gets Validate's errors, which name each object
// (by its id, or its index when it has none) and field, never a secret.
func ParseFixture(data []byte) (*Fixture, error) {
	var fx Fixture
	if err := decodeFixtureJSON(data, &fx); err != nil {
		return nil, err
	}
	if err := fx.Validate(); err != nil {
		return nil, err
	}
	return &fx, nil
}

// prefixEach prefixes each error err joins (errors.Join, nested or not), or err itself.
func prefixEach(prefix string, err error) error {
	var out []error
	for _, e := range splitJoined(err) {
		out = append(out, fmt.Errorf("%s%w", prefix, e))
	}
	return errors.Join(out...)
}

func splitJoined(err error) []error {
	if err == nil {
		return nil
	}
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, splitJoined(e)...)
	}
	return out
}

// AddDomains adds bare Identity domains the demo's Rackspace administrator
// may manage, for tests and benchmarks of many domains.
func (f *Fixture) AddDomains(ids ...string) {
	for _, id := range ids {
		f.Identity.Domains = append(f.Identity.Domains, identity.DomainFixture{ID: id, Name: "Domain " + id})
	}
}

// AddUsers adds n generated identity:default users to an Identity domain
// and returns their ids; identity.Fixture.AddUsers says what they are.
func (f *Fixture) AddUsers(domainID string, n int) []string {
	return f.Identity.AddUsers(domainID, n)
}

// AddCustomers adds customers under the demo partner, each with 4 users who
// all have TOTP (so enabling MFA warns of nobody).
func (f *Fixture) AddCustomers(ids ...string) {
	for _, id := range ids {
		f.Acronis.Tenants = append(f.Acronis.Tenants, acronis.TenantFixture{
			ID: id, Name: "Customer " + id, Kind: acronis.KindCustomer, ParentID: acronis.DemoPartnerTenantID,
			UsersCount: 4, UsersWithTOTPCount: 4,
		})
	}
}

// AddCustomerFleet adds n generated customers under the demo partner (acronis.TenantGroup:
// "Customer 0001"…, deterministic IDs), each with 4 users who all have TOTP as in
// AddCustomers, and returns their IDs in order. It suits fleets of thousands: the fixture
// holds one group, not n tenants.
func (f *Fixture) AddCustomerFleet(n int) []string {
	return f.Acronis.AddTenantGroup(acronis.TenantGroup{
		ParentID: acronis.DemoPartnerTenantID, Count: n, UsersCount: 4, UsersWithTOTPCount: 4,
	})
}

// UsersCustomerTenantID is the customer AddAcronisUsers puts its users in.
const UsersCustomerTenantID = "99999999-1111-4111-8111-999999999999"

// AddAcronisUsers adds Acronis user objects, each with TOTP set up, to a customer under the
// demo partner whose MFA is on (UsersCustomerTenantID, added with the first user): each
// user's mfa_status starts enabled, and the demo client may switch it.
func (f *Fixture) AddAcronisUsers(ids ...string) {
	i := slices.IndexFunc(f.Acronis.Tenants, func(t acronis.TenantFixture) bool { return t.ID == UsersCustomerTenantID })
	if i < 0 {
		f.Acronis.Tenants = append(f.Acronis.Tenants, acronis.TenantFixture{
			ID: UsersCustomerTenantID, Name: "Users Customer", Kind: acronis.KindCustomer,
			ParentID: acronis.DemoPartnerTenantID, MFAEnabled: true,
		})
		i = len(f.Acronis.Tenants) - 1
	}
	for _, id := range ids {
		f.Acronis.Users = append(f.Acronis.Users, acronis.UserFixture{ID: id, TenantID: UsersCustomerTenantID, Login: "user-" + id, TOTP: true})
		f.Acronis.Tenants[i].UsersCount++
		f.Acronis.Tenants[i].UsersWithTOTPCount++
	}
}

// AddDirectories adds CloudSSO directories, MFA Enabled, to the demo account.
func (f *Fixture) AddDirectories(ids ...string) {
	for _, id := range ids {
		f.CloudSSO.Directories = append(f.CloudSSO.Directories, cloudsso.DirectoryFixture{
			ID: id, Name: "directory-" + id, AccountID: cloudsso.DemoAccountID,
		})
	}
}
