package conformance

import (
	"context"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

func login(t *testing.T, c *rackspace.Client, creds rackspace.Credentials) string {
	t.Helper()
	a, err := c.Authenticate(context.Background(), creds)
	if err != nil {
		t.Fatalf("login as %s: %v", creds.Username, err)
	}
	return a.Token.ID
}

// TestGetOwnDomain reads the demo domain as each kind of caller (§5): domain
// users see it without name and description, an identity:admin sees all.
func TestGetOwnDomain(t *testing.T) {
	e := newEnv(t, withOtherDomain)
	c := e.client()
	demo := rackspace.Domain{
		ID: identity.DemoDomainID, Enabled: true, SessionInactivityTimeout: "PT15M",
		RackspaceCustomerNumber: "RCN-000-000-001", Type: "RACKSPACE_CLOUD_US",
	}
	admin := demo
	admin.Name, admin.Description = "Demo Company", "Built-in demo domain of the authpolicy emulator"

	for _, tc := range []struct {
		who   string
		creds rackspace.Credentials
		want  rackspace.Domain
	}{
		{"identity:default", rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey}, demo},
		{"identity:user-admin", rackspace.Credentials{Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret}, demo},
		{"identity:user-manage", rackspace.Credentials{Username: identity.DemoManagerUser, APIKey: identity.DemoManagerAPIKey}, demo},
		{"identity:admin of another domain", rackspace.Credentials{Username: opsAdminUser, APIKey: opsAdminKey}, admin},
	} {
		d, err := c.GetDomain(context.Background(), login(t, c, tc.creds), identity.DemoDomainID)
		if err != nil {
			t.Errorf("%s: %v", tc.who, err)
			continue
		}
		// MultiFactorEnforcementLevel is "" in both wants: never set.
		if *d != tc.want {
			t.Errorf("%s read %+v, want %+v", tc.who, *d, tc.want)
		}
	}
}

// TestGetDomainEnforcementLevel reads back levels set out of band, as a
// drift check would see them.
func TestGetDomainEnforcementLevel(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	token := login(t, c, rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey})
	for _, level := range []string{identity.LevelOptional, identity.LevelRequired, identity.LevelRackspaceMandated, ""} {
		if _, err := e.srv.Identity().UpdateDomain(identity.DemoDomainID, identity.DomainPatch{MFAEnforcementLevel: &level}); err != nil {
			t.Fatal(err)
		}
		d, err := c.GetDomain(context.Background(), token, identity.DemoDomainID)
		if err != nil {
			t.Fatalf("level %q: %v", level, err)
		}
		if d.MultiFactorEnforcementLevel != level {
			t.Errorf("level read back %q, want %q", d.MultiFactorEnforcementLevel, level)
		}
	}
}

func TestGetDomainRefused(t *testing.T) {
	e := newEnv(t, withOtherDomain)
	c := e.client()
	ctx := context.Background()
	token := login(t, c, rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey})

	_, err := c.GetDomain(ctx, token, otherDomainID)
	wantFault(t, errOfKind(t, err, rackspace.KindForbidden), 403, "forbidden", "Not Authorized")

	_, err = c.GetDomain(ctx, token, "999999")
	wantFault(t, errOfKind(t, err, rackspace.KindNotFound), 404, "itemNotFound", "Domain with ID 999999 not found.")

	// An identity:admin is not confined to its domain but still gets 404.
	adminToken := login(t, c, rackspace.Credentials{Username: opsAdminUser, APIKey: opsAdminKey})
	_, err = c.GetDomain(ctx, adminToken, "999999")
	wantKind(t, err, rackspace.KindNotFound)

	e.wantCounts(domainRoute, map[int]int{403: 1, 404: 2})
}
