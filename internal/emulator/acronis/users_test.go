package acronis

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func (e *env) getUser(id, tok string) response {
	e.t.Helper()
	return e.get("/api/2/users/"+id, tok)
}

func (e *env) putUserMFA(id, tok, body string) response {
	e.t.Helper()
	return e.do("PUT", "/api/2/users/"+id+"/mfa/status", body, "Authorization", "Bearer "+tok, "Content-Type", "application/json")
}

// user decodes a 200 user answer, which must carry every required field of the user
// object (B.4) and mfa_status, and nothing else.
func (r response) user(t *testing.T) userJSON {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(r.body, &keys); err != nil {
		t.Fatalf("user body %s: %v", r.body, err)
	}
	want := []string{"id", "version", "tenant_id", "login", "contact", "activated", "enabled", "created_at", "updated_at",
		"deleted_at", "language", "business_types", "notifications", "mfa_status"}
	for _, k := range want {
		if _, ok := keys[k]; !ok {
			t.Fatalf("user body %s lacks %q", r.body, k)
		}
	}
	if len(keys) != len(want) {
		t.Fatalf("user body %s has unexpected keys", r.body)
	}
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	var u userJSON
	if err := dec.Decode(&u); err != nil {
		t.Fatalf("user body %s: %v", r.body, err)
	}
	return u
}

// ok checks the PUT's answer: 200 with no content (B.5).
func (r response) ok(t *testing.T) {
	t.Helper()
	if r.status != http.StatusOK || len(r.body) != 0 {
		t.Fatalf("status %d, body %q: want 200 with no content", r.status, r.body)
	}
}

func TestGetDemoUsers(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for id, want := range map[string][2]string{
		DemoUserID:         {DemoCustomerTenantID, UserMFADisabled},
		DemoEnrolledUserID: {DemoEnrolledCustomerTenantID, UserMFAEnabled},
	} {
		u := e.getUser(id, tok).user(t)
		if u.ID != id || u.TenantID != want[0] || u.MFAStatus != want[1] || u.Version != 1 || !u.Enabled || u.DeletedAt != nil {
			t.Errorf("user %s = %+v, want tenant %s, mfa_status %s", id, u, want[0], want[1])
		}
	}
	// allow_deleted is accepted; nothing is deleted.
	if u := e.get("/api/2/users/"+DemoUserID+"?allow_deleted=true", tok).user(t); u.Login != DemoUserLogin {
		t.Errorf("with allow_deleted: %+v", u)
	}
	e.getUser(DemoOtherUserID, tok).wantError(t, http.StatusForbidden, codeAccessDenied, DemoOtherUserID)
	e.getUser("99999999-9999-4999-8999-999999999999", tok).wantError(t, http.StatusNotFound, http.StatusNotFound, "99999999-9999-4999-8999-999999999999")
	if got := e.getUser("me", tok).wantError(t, http.StatusNotFound, http.StatusNotFound, ""); got.Message != "Not Found." {
		t.Errorf("/users/me: %+v", got)
	}
	e.getUser(DemoUserID, "not-a-token").wantError(t, http.StatusUnauthorized, http.StatusUnauthorized, "")
}

// The state machine between the tenant's switch and the user's, step by step, with the
// tenant's counts following the user's TOTP.
func TestUserMFAStateMachine(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	status := func(id string) string { return e.getUser(id, tok).user(t).MFAStatus }
	counts := func(tenantID string) [2]int {
		m := e.getStatus(tenantID, tok).mfa(t)
		return [2]int{m.UsersCount, m.UsersWithTOTPEnabledCount}
	}

	// Tenant MFA off: enabling the user is refused, disabling is a no-op that is accepted.
	r := e.putUserMFA(DemoUserID, tok, `{"enabled": true}`)
	if got := r.wantError(t, http.StatusBadRequest, codeBusinessRule, DemoUserID); !strings.Contains(got.Message, "tenant where it is disabled") {
		t.Errorf("enable under a tenant without MFA: %+v", got)
	}
	e.putUserMFA(DemoUserID, tok, `{"enabled": false}`).ok(t)
	if got := status(DemoUserID); got != UserMFADisabled {
		t.Errorf("after disabling under a tenant without MFA: %s", got)
	}
	e.putUserMFA(DemoUserID, tok, `{"enabled": true}`).wantError(t, http.StatusBadRequest, codeBusinessRule, DemoUserID)

	// The tenant turns MFA on: the user, switched off, is forcibly_disabled.
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled": true}`).mfa(t)
	if got := status(DemoUserID); got != UserMFAForciblyDisabled {
		t.Errorf("switched-off user under MFA: %s", got)
	}
	e.clock.Advance(time.Minute)
	e.putUserMFA(DemoUserID, tok, `{"enabled": true}`).ok(t)
	u := e.getUser(DemoUserID, tok).user(t)
	if u.MFAStatus != UserMFASetupRequired || u.Version != 3 || u.UpdatedAt != formatTime(e.clock.Now()) {
		t.Errorf("switched on without TOTP: %+v", u)
	}
	// Setting the current value changes nothing.
	e.clock.Advance(time.Minute)
	e.putUserMFA(DemoUserID, tok, `{"enabled": true}`).ok(t)
	if again := e.getUser(DemoUserID, tok).user(t); again.Version != u.Version || again.UpdatedAt != u.UpdatedAt {
		t.Errorf("idempotent PUT changed the user: %+v", again)
	}
	// The user sets up TOTP (out of band): enabled, and the tenant counts one more.
	if got := counts(DemoCustomerTenantID); got != [2]int{5, 2} {
		t.Errorf("counts before the setup: %v", got)
	}
	if s, err := e.api.UpdateUser(DemoUserID, UserPatch{TOTP: ptr(true)}); err != nil || s.MFAStatus != UserMFAEnabled {
		t.Fatalf("UpdateUser: %+v %v", s, err)
	}
	if got := counts(DemoCustomerTenantID); got != [2]int{5, 3} {
		t.Errorf("counts after the setup: %v", got)
	}
	// An administrator switches the user off: forcibly_disabled, and the TOTP is gone, so the
	// next switch-on asks for a new setup (a reset).
	e.putUserMFA(DemoUserID, tok, `{"enabled": false}`).ok(t)
	if got := status(DemoUserID); got != UserMFAForciblyDisabled {
		t.Errorf("switched off: %s", got)
	}
	if got := counts(DemoCustomerTenantID); got != [2]int{5, 2} {
		t.Errorf("counts after the switch-off: %v", got)
	}
	e.putUserMFA(DemoUserID, tok, `{"enabled": true}`).ok(t)
	if got := status(DemoUserID); got != UserMFASetupRequired {
		t.Errorf("switched on again: %s", got)
	}
	// The tenant turns MFA off: disabled, whatever the user's switch.
	e.putStatus(DemoCustomerTenantID, tok, `{"enabled": false}`).mfa(t)
	if got := status(DemoUserID); got != UserMFADisabled {
		t.Errorf("tenant MFA off: %s", got)
	}
	if s, _ := e.api.User(DemoUserID); !s.MFAEnabled || s.TOTP || s.MFAStatus != UserMFADisabled {
		t.Errorf("state: %+v", s)
	}
}

// A partner in production mode can't disable 2FA (B.5): nor for its users, nor for those of
// its folders, which inherit its switch.
func TestUserMFAOfPartnerUsers(t *testing.T) {
	fx := DemoFixture()
	fx.Tenants[1].UsersCount, fx.Tenants[1].UsersWithTOTPCount = 1, 1
	fx.Tenants[4].UsersCount = 1
	const partnerUser, folderUser = "a1000000-0000-4000-8000-000000000001", "a1000000-0000-4000-8000-000000000002"
	fx.Users = append(fx.Users,
		UserFixture{ID: partnerUser, TenantID: DemoPartnerTenantID, Login: "partner-admin", TOTP: true},
		UserFixture{ID: folderUser, TenantID: DemoFolderTenantID, Login: "folder-user"})
	e := newEnv(t, fx)
	tok := e.token()
	// MFA off at the partner: switching off is accepted.
	e.putUserMFA(partnerUser, tok, `{"enabled": false}`).ok(t)
	e.updateUser(partnerUser, UserPatch{MFAEnabled: ptr(true), TOTP: ptr(true)})
	e.putStatus(DemoPartnerTenantID, tok, `{"enabled": true}`).mfa(t)
	for id, want := range map[string]string{partnerUser: UserMFAEnabled, folderUser: UserMFASetupRequired} {
		r := e.putUserMFA(id, tok, `{"enabled": false}`)
		if got := r.wantError(t, http.StatusBadRequest, codeBusinessRule, id); !strings.Contains(got.Message, "partner tenants in production mode") {
			t.Errorf("%s: %+v", id, got)
		}
		if s, _ := e.api.User(id); s.MFAStatus != want || !s.MFAEnabled {
			t.Errorf("%s after the refusal: %+v", id, s)
		}
	}
	// Switching on, which they are, is accepted.
	e.putUserMFA(folderUser, tok, `{"enabled": true}`).ok(t)
}

// The body is mfaUserStatusPut: only a required boolean "enabled" (B.5); checks run before
// the user's access, and a refused request changes nothing.
func TestPutUserMFABody(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for _, body := range []string{``, `[]`, `{}`, `{"enabled": "true"}`, `{"enabled": true, "version": 1}`, `{"enabled": true} {}`, `null`} {
		e.putUserMFA(DemoEnrolledUserID, tok, body).wantError(t, http.StatusBadRequest, http.StatusBadRequest, "")
	}
	r := e.do("PUT", "/api/2/users/"+DemoEnrolledUserID+"/mfa/status", `{"enabled": false}`, "Authorization", "Bearer "+tok, "Content-Type", "text/plain")
	r.wantError(t, http.StatusUnsupportedMediaType, http.StatusUnsupportedMediaType, "")
	// A bad body for a user outside the subtree is a 400 first.
	e.putUserMFA(DemoOtherUserID, tok, `{}`).wantError(t, http.StatusBadRequest, http.StatusBadRequest, "")
	e.putUserMFA(DemoOtherUserID, tok, `{"enabled": false}`).wantError(t, http.StatusForbidden, codeAccessDenied, DemoOtherUserID)
	e.putUserMFA("99999999-9999-4999-8999-999999999999", tok, `{"enabled": false}`).wantError(t, http.StatusNotFound, http.StatusNotFound, "99999999-9999-4999-8999-999999999999")
	if s, _ := e.api.User(DemoEnrolledUserID); s.Version != 1 || s.MFAStatus != UserMFAEnabled {
		t.Errorf("refused PUTs changed the user: %+v", s)
	}
	if s, _ := e.api.User(DemoOtherUserID); s.Version != 1 || !s.MFAEnabled {
		t.Errorf("refused PUTs changed the other user: %+v", s)
	}
}

func (e *env) updateUser(id string, p UserPatch) UserState {
	e.t.Helper()
	s, err := e.api.UpdateUser(id, p)
	if err != nil {
		e.t.Fatalf("UpdateUser(%s): %v", id, err)
	}
	return s
}

func TestUserFixtureValidation(t *testing.T) {
	bad := []struct {
		name   string
		change func(*Fixture)
		want   string
	}{
		{"bad id", func(f *Fixture) { f.Users[0].ID = "demo-user" }, "not a lowercase UUID"},
		{"duplicate id", func(f *Fixture) { f.Users[1].ID = f.Users[0].ID }, "duplicate id"},
		{"unknown tenant", func(f *Fixture) { f.Users[0].TenantID = "99999999-9999-4999-8999-999999999999" }, "unknown tenant_id"},
		{"no login", func(f *Fixture) { f.Users[0].Login = "" }, "login is required"},
		{"duplicate login", func(f *Fixture) { f.Users[1].Login = f.Users[0].Login }, "is taken"},
		{"switched off with TOTP", func(f *Fixture) { f.Users[1].MFAEnabled = ptr(false) }, "has no TOTP"},
		{"counts without room", func(f *Fixture) { f.Tenants[7].UsersCount = 0 }, "must include its 1 user objects"},
		{"TOTP counts without room", func(f *Fixture) { f.Tenants[5].UsersWithTOTPCount = 0 }, "must include its 1 user objects, 1 of them with TOTP"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			fx := DemoFixture()
			tc.change(&fx)
			if err := fx.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func TestUserAdminRoutesAndReset(t *testing.T) {
	e := newEnv(t, DemoFixture())
	users := e.api.Users()
	if ids := []string{users[0].ID, users[1].ID, users[2].ID}; len(users) != 3 || !slices.Equal(ids, []string{DemoUserID, DemoEnrolledUserID, DemoOtherUserID}) {
		t.Fatalf("users = %+v", users)
	}
	r := e.do("PATCH", "/_emulator/acronis/users/"+DemoEnrolledUserID, `{"mfa_enabled":false}`)
	if m := r.object(t); m["mfa_status"] != UserMFAForciblyDisabled || m["totp"] != false || m["version"] != 2.0 {
		t.Errorf("PATCH: %v", m)
	}
	if r := e.do("PATCH", "/_emulator/acronis/users/99999999-9999-4999-8999-999999999999", `{"totp":true}`); r.status != http.StatusNotFound {
		t.Errorf("PATCH of an unknown user: %d", r.status)
	}
	if r := e.do("PATCH", "/_emulator/acronis/users/"+DemoUserID, `{"mfa":true}`); r.status != http.StatusBadRequest {
		t.Errorf("PATCH with an unknown field: %d", r.status)
	}
	// The tenant's totals include the user objects, and a patch of them too.
	if s := e.updateTenant(DemoEnrolledCustomerTenantID, TenantPatch{UsersCount: ptr(4)}); s.UsersCount != 4 || s.UsersWithTOTPCount != 2 {
		t.Errorf("tenant after the count patch: %+v", s)
	}
	if _, err := e.api.UpdateTenant(DemoCustomerTenantID, TenantPatch{UsersCount: ptr(2), UsersWithTOTPCount: ptr(2)}); err == nil ||
		!strings.Contains(err.Error(), "count them too") {
		t.Errorf("a count patch leaving out the user objects: %v", err)
	}
	e.api.Reset()
	if s, _ := e.api.User(DemoEnrolledUserID); s.MFAStatus != UserMFAEnabled || s.Version != 1 {
		t.Errorf("after reset: %+v", s)
	}
}
