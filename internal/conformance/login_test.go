package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

func TestPasswordLoginWithoutMFA(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	a, err := c.Authenticate(context.Background(), rackspace.Credentials{
		Username: identity.DemoUser, Password: identity.DemoUserPassword,
	})
	if err != nil {
		t.Fatal(err)
	}
	tok := e.onlyToken()
	if a.Token.ID != tok.ID || tok.User != identity.DemoUser {
		t.Errorf("token %q, emulator issued %q to %q", a.Token.ID, tok.ID, tok.User)
	}
	if got := a.Token.AuthenticatedBy; !slices.Equal(got, []string{"PASSWORD"}) {
		t.Errorf("authenticatedBy %v, want [PASSWORD]", got)
	}
	if a.Token.Tenant == nil || a.Token.Tenant.ID != identity.DemoTenantID {
		t.Errorf("tenant %+v, want %s", a.Token.Tenant, identity.DemoTenantID)
	}
	if a.User.ID != "10002" || a.User.Name != identity.DemoUser || a.User.DomainID != identity.DemoDomainID {
		t.Errorf("user %+v", a.User)
	}
	if a.PasswordExpiration != nil {
		t.Errorf("PasswordExpiration %v without a password policy", a.PasswordExpiration)
	}
	e.wantCounts(tokensRoute, map[int]int{200: 1})
}

// TestPasswordAndTOTPLogin checks the two-step login and every part of the
// access response (§1.5) the client parses.
func TestPasswordAndTOTPLogin(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	before := e.srv.Clock().Now()
	a, err := c.Authenticate(context.Background(), rackspace.Credentials{
		Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret,
	})
	after := e.srv.Clock().Now()
	if err != nil {
		t.Fatal(err)
	}
	e.wantCounts(tokensRoute, map[int]int{401: 1, 200: 1})

	tok := e.onlyToken()
	if a.Token.ID != tok.ID || len(a.Token.ID) != 32 {
		t.Errorf("token id %q, emulator issued %q", a.Token.ID, tok.ID)
	}
	// The wire carries milliseconds.
	if !a.Token.Expires.Equal(tok.Expires.Truncate(time.Millisecond)) || !a.Token.Issued.Equal(tok.Issued.Truncate(time.Millisecond)) {
		t.Errorf("issued %v expires %v, emulator says %v and %v", a.Token.Issued, a.Token.Expires, tok.Issued, tok.Expires)
	}
	if life := a.Token.Expires.Sub(a.Token.Issued); life != 24*time.Hour {
		t.Errorf("token lifetime %v, want 24h", life)
	}
	if a.Token.Issued.Before(before.Truncate(time.Millisecond)) || a.Token.Issued.After(after) {
		t.Errorf("issued %v is outside the login [%v, %v]", a.Token.Issued, before, after)
	}
	if got := sorted(a.Token.AuthenticatedBy); !slices.Equal(got, []string{"OTPPASSCODE", "PASSWORD"}) {
		t.Errorf("authenticatedBy %v, want OTPPASSCODE and PASSWORD", a.Token.AuthenticatedBy)
	}
	if tn := a.Token.Tenant; tn == nil || *tn != (rackspace.Tenant{ID: identity.DemoTenantID, Name: identity.DemoTenantID}) {
		t.Errorf("token tenant %+v", tn)
	}

	wantUser := rackspace.User{
		ID: "10001", Name: identity.DemoAdminUser, DefaultRegion: "DFW",
		DomainID: identity.DemoDomainID, SessionInactivityTimeout: "PT15M",
	}
	gotUser := a.User
	gotUser.Roles = nil
	if !reflect.DeepEqual(gotUser, wantUser) {
		t.Errorf("user %+v, want %+v", gotUser, wantUser)
	}
	type role struct{ id, name, tenant string }
	var roles []role
	for _, r := range a.User.Roles {
		roles = append(roles, role{r.ID, r.Name, r.TenantID})
		if r.Name == identity.RoleUserAdmin && r.Description != "User Admin Role." {
			t.Errorf("user-admin role description %q", r.Description)
		}
	}
	// Role ids 3 and 6 are the ones in Identity's documented samples.
	wantRoles := []role{{"3", identity.RoleUserAdmin, ""}, {"6", "compute:default", identity.DemoTenantID}}
	if !slices.Equal(roles, wantRoles) {
		t.Errorf("roles %+v, want %+v", roles, wantRoles)
	}

	services := map[string]rackspace.Service{}
	for _, s := range a.ServiceCatalog {
		services[s.Type] = s
	}
	compute, ok := services["compute"]
	if !ok || compute.Name != "cloudServersOpenStack" {
		t.Fatalf("no cloudServersOpenStack compute service in %+v", a.ServiceCatalog)
	}
	var regions []string
	for _, ep := range compute.Endpoints {
		regions = append(regions, ep.Region)
		want := fmt.Sprintf("https://%s.servers.api.rackspacecloud.com/v2/%s", strings.ToLower(ep.Region), identity.DemoTenantID)
		if ep.TenantID != identity.DemoTenantID || ep.PublicURL != want {
			t.Errorf("compute endpoint %+v, want tenant %s and %s", ep, identity.DemoTenantID, want)
		}
	}
	if !slices.Equal(sorted(regions), []string{"DFW", "IAD", "ORD"}) {
		t.Errorf("compute regions %v", regions)
	}
	if vol, ok := services["volume"]; !ok || len(vol.Endpoints) != 3 || vol.Endpoints[0].TenantID != identity.DemoTenantID {
		t.Errorf("block storage service %+v", vol)
	}
	if u := e.user(identity.DemoAdminUser); u.FailedPasscodes != 0 || u.Locked {
		t.Errorf("after a good login the emulator has failures %d, locked %v", u.FailedPasscodes, u.Locked)
	}
}

// TestSMSLogin covers the SMS factor. The client answers a challenge only
// with what Credentials held before the call, and each Authenticate starts
// a new challenge with a new SMS, so a passcode read off the phone after the
// challenge cannot be given to the client: only a bypass code (sent as
// Passcode) can complete an SMS login. The subtests show what the client
// does up to the challenge and, with the SMS relayed onto the wire by the
// test, that its second step is right.
func TestSMSLogin(t *testing.T) {
	creds := rackspace.Credentials{Username: identity.DemoSMSUser, Password: identity.DemoSMSPassword}

	t.Run("challenge without a passcode", func(t *testing.T) {
		e := newEnv(t)
		c := e.client()
		_, err := c.Authenticate(context.Background(), creds)
		re := errOfKind(t, err, rackspace.KindPasscodeRequired)
		if re.Factor != "PASSCODE" || re.Status != http.StatusUnauthorized {
			t.Errorf("factor %q status %d, want PASSCODE 401", re.Factor, re.Status)
		}
		e.wantCounts(tokensRoute, map[int]int{401: 1})
		if _, err := e.srv.Identity().LastSMSPasscode(identity.DemoSMSUser); err != nil {
			t.Errorf("the challenge sent no SMS: %v", err)
		}
	})

	t.Run("a TOTP secret is never sent for an SMS challenge", func(t *testing.T) {
		e := newEnv(t)
		c := e.client()
		withSecret := creds
		withSecret.TOTPSecret = identity.DemoAdminSecret
		_, err := c.Authenticate(context.Background(), withSecret)
		wantKind(t, err, rackspace.KindPasscodeRequired)
		e.wantCounts(tokensRoute, map[int]int{401: 1})
		if u := e.user(identity.DemoSMSUser); u.FailedPasscodes != 0 {
			t.Errorf("%d failed passcodes, want 0", u.FailedPasscodes)
		}
	})

	t.Run("an SMS from an earlier challenge is stale", func(t *testing.T) {
		e := newEnv(t)
		c := e.client()
		_, err := c.Authenticate(context.Background(), creds)
		wantKind(t, err, rackspace.KindPasscodeRequired)
		first, err := e.srv.Identity().LastSMSPasscode(identity.DemoSMSUser)
		if err != nil {
			t.Fatal(err)
		}
		withCode := creds
		withCode.Passcode = first
		_, err = c.Authenticate(context.Background(), withCode)
		second, _ := e.srv.Identity().LastSMSPasscode(identity.DemoSMSUser)
		if second == first {
			t.Skip("the emulator drew the same six random digits twice")
		}
		re := errOfKind(t, err, rackspace.KindWrongPasscode)
		if re.Factor != "PASSCODE" {
			t.Errorf("factor %q, want PASSCODE", re.Factor)
		}
		e.wantCounts(tokensRoute, map[int]int{401: 3})
	})

	t.Run("passcode relayed from the phone", func(t *testing.T) {
		e := newEnv(t)
		const placeholder = "PASSCODE-FROM-PHONE"
		relayed := 0
		hc := hookedHTTPClient(t, func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
			if r.Header.Get("X-SessionId") == "" {
				return next.RoundTrip(r)
			}
			body, err := io.ReadAll(r.Body)
			r.Body.Close()
			if err != nil {
				return nil, err
			}
			code, err := e.srv.Identity().LastSMSPasscode(identity.DemoSMSUser)
			if err != nil {
				return nil, err
			}
			relayed += bytes.Count(body, []byte(`"passcode":"`+placeholder+`"`))
			body = bytes.ReplaceAll(body, []byte(placeholder), []byte(code))
			r2 := r.Clone(r.Context())
			r2.Body = io.NopCloser(bytes.NewReader(body))
			r2.ContentLength = int64(len(body))
			return next.RoundTrip(r2)
		})
		c := e.client(func(cfg *rackspace.Config) { cfg.HTTPClient = hc })
		withCode := creds
		withCode.Passcode = placeholder
		a, err := c.Authenticate(context.Background(), withCode)
		if err != nil {
			t.Fatal(err)
		}
		if relayed != 1 {
			t.Errorf("the client's passcode step carried the passcode %d times, want 1", relayed)
		}
		if got := sorted(a.Token.AuthenticatedBy); !slices.Equal(got, []string{"PASSCODE", "PASSWORD"}) {
			t.Errorf("authenticatedBy %v, want PASSCODE and PASSWORD", a.Token.AuthenticatedBy)
		}
		if tok := e.onlyToken(); a.Token.ID != tok.ID || a.User.Name != identity.DemoSMSUser {
			t.Errorf("token %q for %q, emulator issued %q", a.Token.ID, a.User.Name, tok.ID)
		}
		e.wantCounts(tokensRoute, map[int]int{401: 1, 200: 1})
	})
}

// TestAPIKeyLoginIsNeverChallenged: API keys bypass both the challenge and
// enforcement (§1.3), even where a password login is refused.
func TestAPIKeyLoginIsNeverChallenged(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	ctx := context.Background()
	// Domain-wide REQUIRED blocks demo-user's password login too.
	level := identity.LevelRequired
	if _, err := e.srv.Identity().UpdateDomain(identity.DemoDomainID, identity.DomainPatch{MFAEnforcementLevel: &level}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, Password: identity.DemoUserPassword})
	wantKind(t, err, rackspace.KindMFASetupRequired)
	e.srv.ResetCounts()

	for _, tc := range []struct{ user, key, why string }{
		{identity.DemoAdminUser, identity.DemoAdminAPIKey, "MFA enabled (OTP)"},
		{identity.DemoSMSUser, identity.DemoSMSAPIKey, "MFA enabled (SMS)"},
		{identity.DemoNoMFAUser, identity.DemoNoMFAAPIKey, "user level REQUIRED without MFA"},
		{identity.DemoUser, identity.DemoUserAPIKey, "domain level REQUIRED without MFA"},
	} {
		a, err := c.Authenticate(ctx, rackspace.Credentials{Username: tc.user, APIKey: tc.key})
		if err != nil {
			t.Errorf("%s (%s): %v", tc.user, tc.why, err)
			continue
		}
		if !slices.Equal(a.Token.AuthenticatedBy, []string{"APIKEY"}) || a.User.Name != tc.user {
			t.Errorf("%s: authenticatedBy %v user %q", tc.user, a.Token.AuthenticatedBy, a.User.Name)
		}
	}
	e.wantCounts(tokensRoute, map[int]int{200: 4})
}

func TestTokenCredentialReturnsSameToken(t *testing.T) {
	e := newEnv(t, withFilesTenant)
	c := e.client()
	ctx := context.Background()
	first, err := c.Authenticate(ctx, rackspace.Credentials{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Authenticate(ctx, rackspace.Credentials{Token: first.Token.ID})
	if err != nil {
		t.Fatal(err)
	}
	if again.Token.ID != first.Token.ID || !again.Token.Expires.Equal(first.Token.Expires) ||
		!slices.Equal(again.Token.AuthenticatedBy, []string{"APIKEY"}) || again.User.ID != "10002" {
		t.Errorf("token login gave %v for user %q, want the same token as %v", again.Token, again.User.ID, first.Token)
	}
	if again.Token.Tenant == nil || again.Token.Tenant.ID != identity.DemoTenantID {
		t.Errorf("tenant %+v, want the token's own %s", again.Token.Tenant, identity.DemoTenantID)
	}

	scoped, err := c.Authenticate(ctx, rackspace.Credentials{Token: first.Token.ID, TenantID: filesTenantID})
	if err != nil {
		t.Fatal(err)
	}
	if scoped.Token.ID != first.Token.ID || scoped.Token.Tenant == nil || scoped.Token.Tenant.ID != filesTenantID {
		t.Errorf("token scoped to %s gave %v", filesTenantID, scoped.Token)
	}
	if n := len(e.srv.Identity().Tokens()); n != 1 {
		t.Errorf("emulator holds %d tokens, want 1", n)
	}
	e.wantCounts(tokensRoute, map[int]int{200: 3})

	if err := c.RevokeToken(ctx, first.Token.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Authenticate(ctx, rackspace.Credentials{Token: first.Token.ID})
	re := errOfKind(t, err, rackspace.KindTokenInvalid)
	if re.Status != http.StatusUnauthorized {
		t.Errorf("revoked token as credential: HTTP %d, want 401", re.Status)
	}
	noSecrets(t, err, first.Token.ID)
}

func TestTenantScopingByID(t *testing.T) {
	e := newEnv(t, withFilesTenant, withOtherDomain)
	c := e.client()
	ctx := context.Background()
	password := rackspace.Credentials{Username: identity.DemoUser, Password: identity.DemoUserPassword}

	a, err := c.Authenticate(ctx, password)
	if err != nil {
		t.Fatal(err)
	}
	if a.Token.Tenant == nil || a.Token.Tenant.ID != identity.DemoTenantID {
		t.Errorf("unscoped login: tenant %+v, want the cloud tenant %s", a.Token.Tenant, identity.DemoTenantID)
	}

	scopedCreds := []rackspace.Credentials{
		{Username: identity.DemoUser, Password: identity.DemoUserPassword, TenantID: filesTenantID},
		{Username: identity.DemoUser, APIKey: identity.DemoUserAPIKey, TenantID: filesTenantID},
		// An MFA login is scoped as well.
		{Username: identity.DemoAdminUser, Password: identity.DemoAdminPassword, TOTPSecret: identity.DemoAdminSecret, TenantID: filesTenantID},
	}
	for _, creds := range scopedCreds {
		a, err := c.Authenticate(ctx, creds)
		if err != nil {
			t.Errorf("%v: %v", creds, err)
			continue
		}
		if tn := a.Token.Tenant; tn == nil || *tn != (rackspace.Tenant{ID: filesTenantID, Name: filesTenantID}) {
			t.Errorf("%v: tenant %+v, want %s", creds, tn, filesTenantID)
		}
		if tok, ok := e.srv.Identity().Token(a.Token.ID); !ok || tok.Tenant != filesTenantID {
			t.Errorf("%v: emulator scoped the token to %q", creds, tok.Tenant)
		}
		hasFiles := false
		for _, r := range a.User.Roles {
			hasFiles = hasFiles || (r.Name == "object-store:default" && r.TenantID == filesTenantID)
		}
		if !hasFiles {
			t.Errorf("%v: roles %+v lack object-store:default on %s", creds, a.User.Roles, filesTenantID)
		}
	}

	// A tenant of another domain is refused before any token is issued; it
	// is not a wrong password.
	foreign := password
	foreign.TenantID = otherDomainID
	_, err = c.Authenticate(ctx, foreign)
	var re *rackspace.Error
	if !errors.As(err, &re) {
		t.Fatalf("foreign tenant: %v", err)
	}
	wantFault(t, re, http.StatusUnauthorized, "unauthorized",
		"Tenant with Name/Id: '"+otherDomainID+"' is not valid for User 'demo-user' (id: '10002')")
	if re.Kind == rackspace.KindWrongPassword {
		t.Errorf("foreign tenant reported as %v", re.Kind)
	}
}
