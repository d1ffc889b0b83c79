package conformance

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const userMFARoute = "PUT /v2.0/users/{userId}/RAX-AUTH/multi-factor"

// TestSetUserMFAEnforcement sets each level on a user of the caller's domain and reads it
// back as a refresh would, through GET /v2.0/users/{id}.
func TestSetUserMFAEnforcement(t *testing.T) {
	e := newEnv(t)
	s := rackspace.NewSession(e.client(), rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey})
	ctx := context.Background()
	u, err := s.GetUser(ctx, "10002")
	if err != nil {
		t.Fatal(err)
	}
	if u.MultiFactorEnforcementLevel != "" {
		t.Fatalf("a never-set level reads %q, want \"\"", u.MultiFactorEnforcementLevel)
	}
	for _, level := range rackspace.UserMFALevels {
		if err := s.SetUserMFAEnforcement(ctx, "10002", level); err != nil {
			t.Fatalf("%s: %v", level, err)
		}
		if got := e.user(identity.DemoUser).MFAEnforcementLevel; got != level {
			t.Errorf("emulator holds %q, want %q", got, level)
		}
		u, err := s.GetUser(ctx, "10002")
		if err != nil || u.MultiFactorEnforcementLevel != level {
			t.Errorf("read back %+v (%v), want %s", u, err, level)
		}
	}
	e.wantCounts(userMFARoute, map[int]int{http.StatusNoContent: len(rackspace.UserMFALevels)})
}

// TestSetUserMFAEnforcementRefused is A.4's refusals as the client classifies them.
func TestSetUserMFAEnforcementRefused(t *testing.T) {
	e := newEnv(t, withOtherDomain)
	c := e.client()
	ctx := context.Background()
	cases := []struct {
		name          string
		creds         rackspace.Credentials
		userID        string
		kind          rackspace.Kind
		status        int
		fault, detail string
	}{
		{"identity:default on itself", rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey},
			"10002", rackspace.KindForbidden, 403, "forbidden", "Not Authorized"},
		{"user-admin on another domain's user", rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey},
			"42001", rackspace.KindForbidden, 403, "forbidden", "Not Authorized"},
		{"identity:admin on itself", rackspace.Credentials{Username: opsAdminUser, APIKey: opsAdminKey},
			"42001", rackspace.KindForbidden, 403, "forbidden", "Not Authorized"},
		{"RACKSPACE_MANDATED domain", rackspace.Credentials{Username: identity.DemoMandatedAdminUser, APIKey: identity.DemoMandatedAdminAPIKey},
			"30002", rackspace.KindRackspaceMandated, 403, "forbidden",
			"Cannot update user enforcement level when domain enforcement is RACKSPACE_MANDATED. Please open a support ticket."},
		{"unknown user", rackspace.Credentials{Username: opsAdminUser, APIKey: opsAdminKey},
			"99999", rackspace.KindNotFound, 404, "itemNotFound", "User not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := c.SetUserMFAEnforcement(ctx, login(t, c, tc.creds), tc.userID, rackspace.UserMFALevelOptional)
			wantFault(t, errOfKind(t, err, tc.kind), tc.status, tc.fault, tc.detail)
		})
	}
	// A user the caller can't see is a 404 on the read, whatever the write said.
	s := rackspace.NewSession(c, rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey})
	_, err := s.GetUser(ctx, "42001")
	wantFault(t, errOfKind(t, err, rackspace.KindNotFound), 404, "itemNotFound", "User not found")
}

// TestSetSessionInactivityTimeout sets the timeout and reads it back from the domain; the
// answer is the whole domain.
func TestSetSessionInactivityTimeout(t *testing.T) {
	e := newEnv(t)
	s := rackspace.NewSession(e.client(), rackspace.Credentials{Username: identity.DemoManagerUser, APIKey: identity.DemoManagerAPIKey})
	ctx := context.Background()
	for d, text := range map[time.Duration]string{
		rackspace.MinSessionInactivityTimeout:     "PT5M",
		90 * time.Minute:                          "PT1H30M",
		rackspace.MaxSessionInactivityTimeout:     "PT24H",
		rackspace.DefaultSessionInactivityTimeout: "PT15M",
	} {
		echo, err := s.SetSessionInactivityTimeout(ctx, identity.DemoDomainID, d)
		if err != nil {
			t.Fatalf("%v: %v", d, err)
		}
		if echo.ID != identity.DemoDomainID || echo.SessionInactivityTimeout != text || echo.Name != "Demo Company" {
			t.Errorf("%v: echo %+v", d, echo)
		}
		read, err := s.GetDomain(ctx, identity.DemoDomainID)
		if err != nil || read.SessionInactivityTimeout != text {
			t.Errorf("%v: read back %+v (%v), want %s", d, read, err, text)
		}
		if got, _ := e.srv.Identity().Domain(identity.DemoDomainID); got.SessionInactivityTimeout != text {
			t.Errorf("%v: emulator holds %q", d, got.SessionInactivityTimeout)
		}
	}
}

func TestSetSessionInactivityTimeoutRefused(t *testing.T) {
	e := newEnv(t, withOtherDomain)
	c := e.client()
	ctx := context.Background()
	admin := login(t, c, rackspace.Credentials{Username: identity.DemoAdminUser, APIKey: identity.DemoAdminAPIKey})
	_, err := c.SetSessionInactivityTimeout(ctx, admin, otherDomainID, time.Hour)
	wantFault(t, errOfKind(t, err, rackspace.KindForbidden), 403, "forbidden", "Not Authorized")
	user := login(t, c, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	_, err = c.SetSessionInactivityTimeout(ctx, user, identity.DemoDomainID, time.Hour)
	wantFault(t, errOfKind(t, err, rackspace.KindForbidden), 403, "forbidden", "Not Authorized")
	staff := login(t, c, rackspace.Credentials{Username: opsAdminUser, APIKey: opsAdminKey})
	_, err = c.SetSessionInactivityTimeout(ctx, staff, "999999", time.Hour)
	wantFault(t, errOfKind(t, err, rackspace.KindNotFound), 404, "itemNotFound", "Domain with ID 999999 not found.")
	// The client's range is the emulator's: its bounds are accepted, and the client refuses
	// what is outside them before any request.
	_, err = c.SetSessionInactivityTimeout(ctx, admin, identity.DemoDomainID, rackspace.MaxSessionInactivityTimeout+time.Second)
	wantKind(t, err, rackspace.KindBadRequest)
	e.wantCounts("PUT /v2.0/RAX-AUTH/domains/{domainId}", map[int]int{403: 2, 404: 1})
}
