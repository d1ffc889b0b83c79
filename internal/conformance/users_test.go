package conformance

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const (
	usersRoute   = "GET /v2.0/users"
	domainsRoute = "GET /v2.0/RAX-AUTH/domains"
	userRoute    = "GET /v2.0/users/{userId}"
)

func (e *env) session(user, apiKey string) *rackspace.Session {
	return rackspace.NewSession(e.client(), rackspace.Credentials{Username: user, APIKey: apiKey})
}

func userIDs(users []rackspace.UserInfo) []string {
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

// demoUserIDs are the demo domain's six users and n generated ones, sorted
// as the emulator pages them.
func demoUserIDs(generated []string) []string {
	ids := append([]string{"10001", "10002", "10003", "10004", "10005", "10006"}, generated...)
	slices.Sort(ids)
	return ids
}

// A user-admin's listing of 2,506 users is three requests of 1000, and an
// identity admin's domain filter, which the Link header drops, is sent again
// with each page (without it page 2 would be the admin's own domain's).
func TestListUsersPages(t *testing.T) {
	var generated []string
	e := newEnv(t, func(fx *identity.Fixture) { generated = fx.AddUsers(identity.DemoDomainID, 2500) })
	want := demoUserIDs(generated)
	for _, c := range []struct {
		name   string
		s      *rackspace.Session
		filter rackspace.UserFilter
	}{
		{"user-admin", e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey), rackspace.UserFilter{}},
		{"identity:admin by domain", e.session(identity.DemoRackspaceAdminUser, identity.DemoRackspaceAdminAPIKey),
			rackspace.UserFilter{DomainID: identity.DemoDomainID}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.srv.ResetCounts()
			users, err := c.s.ListUsers(context.Background(), c.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := userIDs(users); !slices.Equal(got, want) {
				t.Fatalf("got %d users, want %d", len(got), len(want))
			}
			e.wantCounts(usersRoute, map[int]int{http.StatusOK: 3})
		})
	}
	users, err := e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey).ListUsers(context.Background(), rackspace.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The generated users' documented pattern, as the client reads it.
	i := slices.IndexFunc(users, func(u rackspace.UserInfo) bool { return u.ID == generated[0] })
	if u := users[i]; !u.MultiFactorEnabled || u.FactorType != "OTP" || u.MultiFactorState != "ACTIVE" ||
		u.MultiFactorEnforcementLevel != "REQUIRED" || !u.Enabled || u.DomainID != identity.DemoDomainID {
		t.Errorf("generated user 0 = %+v", u)
	}
	if u := users[i+1]; u.MultiFactorEnabled || u.FactorType != "" || u.MultiFactorState != "" || u.MultiFactorEnforcementLevel != "" {
		t.Errorf("generated user 1 = %+v", u)
	}
}

// A user-manage sees all but the user-admin; identity:default only itself,
// in one unpaged answer.
func TestListUsersVisibility(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		user, key string
		want      []string
	}{
		{identity.DemoManagerUser, identity.DemoManagerAPIKey, []string{"10002", "10003", "10004", "10005", "10006"}},
		{identity.DemoUser, identity.DemoUserAPIKey, []string{"10002"}},
	} {
		users, err := e.session(c.user, c.key).ListUsers(context.Background(), rackspace.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := userIDs(users); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.user, got, c.want)
		}
	}
	e.wantCounts(usersRoute, map[int]int{http.StatusOK: 2})

	_, err := e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey).ListUsers(context.Background(),
		rackspace.UserFilter{DomainID: identity.DemoOtherDomainID})
	wantFault(t, errOfKind(t, err, rackspace.KindForbidden), http.StatusForbidden, "forbidden", "Error code: 'GEN-006'; Not Authorized")
}

// A 503 in the middle of a listing is retried and the listing completes; a
// page that keeps failing fails the listing, naming the page.
func TestListUsersFailingPage(t *testing.T) {
	var generated []string
	e := newEnv(t, func(fx *identity.Fixture) { generated = fx.AddUsers(identity.DemoDomainID, 2500) })
	s := e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey)
	addFault := func(f emulator.Fault) {
		if _, err := e.srv.AddFault(f); err != nil {
			t.Fatal(err)
		}
	}
	addFault(emulator.Fault{API: identity.Name, Route: usersRoute, Kind: emulator.FaultStatus, Status: 503, After: 1, Count: 1})
	users, err := s.ListUsers(context.Background(), rackspace.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := userIDs(users); !slices.Equal(got, demoUserIDs(generated)) {
		t.Errorf("got %d users after the retried 503", len(got))
	}
	e.wantCounts(usersRoute, map[int]int{http.StatusOK: 3, http.StatusServiceUnavailable: 1})

	e.srv.ClearFaults()
	addFault(emulator.Fault{API: identity.Name, Route: usersRoute, Kind: emulator.FaultStatus, Status: 503, After: 2})
	users, err = s.ListUsers(context.Background(), rackspace.UserFilter{})
	if users != nil {
		t.Errorf("got %d users with the error, want none", len(users))
	}
	want := "rackspace identity: list users (page 3, marker=2000): HTTP 503 identityFault: Service Unavailable"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestListDomains(t *testing.T) {
	var added []string
	e := newEnv(t, func(fx *identity.Fixture) {
		for i := range 1500 {
			added = append(added, fmt.Sprintf("8%05d", i))
			fx.Domains = append(fx.Domains, identity.DomainFixture{ID: added[i], Name: "Domain " + added[i]})
		}
	})
	domains, err := e.session(identity.DemoRackspaceAdminUser, identity.DemoRackspaceAdminAPIKey).ListDomains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(domains) != 1504 || domains[0].ID != identity.DemoDomainID || domains[0].Name != "Demo Company" {
		t.Errorf("identity:admin: %d domains, first %+v", len(domains), domains[0])
	}
	e.wantCounts(domainsRoute, map[int]int{http.StatusOK: 2})

	domains, err = e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey).ListDomains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(domains) != 1 || domains[0].ID != identity.DemoDomainID || domains[0].Name != "Demo Company" || !domains[0].Enabled {
		t.Errorf("user-admin: %+v", domains)
	}
	e.wantCounts(domainsRoute, map[int]int{http.StatusOK: 3})
}

// TestManagedDomains: a user-admin sees the domain of a tenant it holds a role on, but manages
// only its own domain; an identity admin manages every domain.
func TestManagedDomains(t *testing.T) {
	e := newEnv(t, func(fx *identity.Fixture) {
		for i, u := range fx.Users {
			if u.Username == identity.DemoAdminUser {
				fx.Users[i].TenantRoles = append(fx.Users[i].TenantRoles,
					identity.TenantRoleFixture{TenantID: identity.DemoOtherTenantID, Roles: []string{"object-store:default"}})
			}
		}
	})
	ctx := context.Background()
	admin := e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey)
	seen, err := admin.ListDomains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	managed, err := admin.ManagedDomains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || len(managed) != 1 || managed[0].ID != identity.DemoDomainID || managed[0].Name != "Demo Company" {
		t.Errorf("user-admin sees %+v and manages %+v, want to manage only %s", seen, managed, identity.DemoDomainID)
	}
	all, err := e.session(identity.DemoRackspaceAdminUser, identity.DemoRackspaceAdminAPIKey).ManagedDomains(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 {
		t.Errorf("identity:admin manages %d domains, want all 4", len(all))
	}
}

func TestGetUser(t *testing.T) {
	e := newEnv(t)
	s := e.session(identity.DemoAdminUser, identity.DemoAdminAPIKey)
	u, err := s.GetUser(context.Background(), "10005")
	if err != nil {
		t.Fatal(err)
	}
	want := rackspace.UserInfo{ID: "10005", Username: identity.DemoNoMFAUser, Email: "demo-nomfa@example.com", Enabled: true,
		DomainID: identity.DemoDomainID, DefaultRegion: "DFW", MultiFactorEnforcementLevel: "REQUIRED"}
	if *u != want {
		t.Errorf("GetUser = %+v, want %+v", *u, want)
	}
	// Another domain's user is "not found", as a missing one is.
	for _, id := range []string{"30001", "nope"} {
		_, err := s.GetUser(context.Background(), id)
		wantFault(t, errOfKind(t, err, rackspace.KindNotFound), http.StatusNotFound, "itemNotFound", "User not found")
	}
	e.wantCounts(userRoute, map[int]int{http.StatusOK: 1, http.StatusNotFound: 2})
}
