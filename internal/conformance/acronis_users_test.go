package conformance

import (
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

// The user routes (B.4, B.5) and the demo users, spelled out from the notes and FIXTURE.md.
const (
	acGetUserRoute    = "GET /api/2/users/{user_id}"
	acPutUserMFARoute = "PUT /api/2/users/{user_id}/mfa/status"

	acUserID         = "12121212-1212-4212-8212-121212121212" // Demo Customer, no TOTP
	acEnrolledUserID = "13131313-1313-4313-8313-131313131313" // Enrolled Customer, TOTP
	acOtherUserID    = "17171717-1717-4717-8717-171717171717" // outside the subtree
)

// TestAcronisGetUser reads the demo users as the fixture has them.
func TestAcronisGetUser(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	for _, want := range []acronis.User{
		{ID: acUserID, TenantID: acCustomerID, Login: "demo-user", Enabled: true, Version: 1, MFAStatus: acronis.UserMFADisabled},
		{ID: acEnrolledUserID, TenantID: acEnrolledID, Login: "enrolled-user", Enabled: true, Version: 1, MFAStatus: acronis.UserMFAEnabled},
	} {
		got, err := c.GetUser(t.Context(), want.ID)
		if err != nil {
			t.Fatalf("GetUser(%s): %v", want.ID, err)
		}
		if *got != want {
			t.Errorf("GetUser(%s) = %+v, want %+v", want.ID, *got, want)
		}
	}
	_, err := c.GetUser(t.Context(), acOtherUserID)
	acWantKind(t, err, acronis.KindForbidden)
	_, err = c.GetUser(t.Context(), "99999999-9999-4999-8999-999999999999")
	acWantKind(t, err, acronis.KindNotFound)
	e.wantCounts(acGetUserRoute, map[int]int{200: 2, 403: 1, 404: 1})
}

// TestAcronisSetUserMFAStatus walks the enrolled user through the four statuses with the
// client and the tenant's switch: every step's read and the emulator's state agree.
func TestAcronisSetUserMFAStatus(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	steps := []struct {
		what string
		do   func() error
		want string
	}{
		{"switch off", func() error { return c.SetUserMFAStatus(t.Context(), acEnrolledUserID, false) }, acronis.UserMFAForciblyDisabled},
		{"switch off again", func() error { return c.SetUserMFAStatus(t.Context(), acEnrolledUserID, false) }, acronis.UserMFAForciblyDisabled},
		{"switch on", func() error { return c.SetUserMFAStatus(t.Context(), acEnrolledUserID, true) }, acronis.UserMFASetupRequired},
		{"tenant off", func() error {
			_, err := c.SetTenantMFAStatus(t.Context(), acEnrolledID, false)
			return err
		}, acronis.UserMFADisabled},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.what, err)
		}
		got, err := c.GetUser(t.Context(), acEnrolledUserID)
		if err != nil {
			t.Fatal(err)
		}
		state, _ := e.emu().User(acEnrolledUserID)
		if got.MFAStatus != s.want || state.MFAStatus != s.want {
			t.Errorf("%s: API %q, emulator %q, want %q", s.what, got.MFAStatus, state.MFAStatus, s.want)
		}
	}
	// The tenant's MFA is off now: switching the user on is a business-rule refusal, which
	// changes nothing.
	err := c.SetUserMFAStatus(t.Context(), acEnrolledUserID, true)
	ae := acErrOf(t, err, acronis.KindBusinessRule)
	wantWire(t, ae, acWire{
		Op: "set user MFA status", Code: "1027", Domain: "PlatformAccountServer", Status: 400,
		Message: "Two-factor authentication can't be enabled for a user of a tenant where it is disabled.",
		Info:    "Tenant " + acEnrolledID + ", where user " + acEnrolledUserID + " belongs, has two-factor authentication disabled.",
	})
	if state, _ := e.emu().User(acEnrolledUserID); !state.MFAEnabled || state.Version != 3 {
		t.Errorf("after the refusal: %+v", state)
	}
	acWantKind(t, c.SetUserMFAStatus(t.Context(), acOtherUserID, false), acronis.KindForbidden)
	e.wantCounts(acPutUserMFARoute, map[int]int{200: 3, 400: 1, 403: 1})
}
