package identity

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

func userLevelBody(level string) string {
	return `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":` + q(level) + `}}`
}

func (e *env) putUserMFA(token, userID, body string) response {
	e.t.Helper()
	return e.do(http.MethodPut, "/v2.0/users/"+userID+"/RAX-AUTH/multi-factor", token, body, nil)
}

func (e *env) userLevel(username string) string {
	e.t.Helper()
	u, ok := e.api.User(username)
	if !ok {
		e.t.Fatalf("user %s missing", username)
	}
	return u.MFAEnforcementLevel
}

// withStaff adds a second identity:admin in the staff domain, a user-manage sub-user of the
// demo domain, and a service admin in a domain of its own.
func withStaff() Fixture {
	fx := DemoFixture()
	fx.Domains = append(fx.Domains, DomainFixture{ID: "svc", Name: "Service"}, DomainFixture{ID: "staff2", Name: "Staff 2"})
	fx.Users = append(fx.Users,
		UserFixture{ID: "90002", Username: "second-admin", DomainID: DemoStaffDomainID, Role: RoleAdmin, APIKey: "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2"},
		UserFixture{ID: "90003", Username: "service-admin", DomainID: "svc", Role: RoleServiceAdmin, APIKey: "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3"},
		UserFixture{ID: "90004", Username: "staff2-admin", DomainID: "staff2", Role: RoleAdmin, APIKey: "a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4a4"},
		UserFixture{ID: "10007", Username: "second-manager", DomainID: DemoDomainID, Role: RoleUserManage, APIKey: "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5"},
	)
	return fx
}

// TestUserMFAWho is A.4's matrix of who may set a user's level.
func TestUserMFAWho(t *testing.T) {
	e := newEnv(t, withStaff())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	manager := e.loginToken(apiKeyBody(DemoManagerUser, DemoManagerAPIKey))
	user := e.loginToken(apiKeyBody(DemoUser, DemoUserAPIKey))
	staff := e.loginToken(apiKeyBody(DemoRackspaceAdminUser, DemoRackspaceAdminAPIKey))
	mandated := e.loginToken(apiKeyBody(DemoMandatedAdminUser, DemoMandatedAdminAPIKey))
	other := e.loginToken(apiKeyBody(DemoOtherAdminUser, DemoOtherAdminAPIKey))
	service := e.loginToken(apiKeyBody("service-admin", "a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3a3"))

	cases := []struct {
		name, token, target, username string
		status                        int
		message                       string
	}{
		{"default on self", user, "10002", DemoUser, http.StatusForbidden, msgNotAuthorized},
		{"default on another", user, "10005", DemoNoMFAUser, http.StatusForbidden, msgNotAuthorized},
		{"user-admin on self", admin, "10001", DemoAdminUser, http.StatusNoContent, ""},
		{"user-admin on a default user", admin, "10002", DemoUser, http.StatusNoContent, ""},
		{"user-admin on a manager", admin, "10006", DemoManagerUser, http.StatusNoContent, ""},
		{"user-admin on another domain's user-admin", admin, "30001", DemoOtherAdminUser, http.StatusForbidden, msgNotAuthorized},
		{"user-admin on another domain's admin", other, "10002", DemoUser, http.StatusForbidden, msgNotAuthorized},
		{"manager on self", manager, "10006", DemoManagerUser, http.StatusNoContent, ""},
		{"manager on a default user", manager, "10003", DemoSMSUser, http.StatusNoContent, ""},
		{"manager on another manager", manager, "10007", "second-manager", http.StatusNoContent, ""},
		{"manager on the domain's user-admin", manager, "10001", DemoAdminUser, http.StatusNoContent, ""},
		{"manager on another domain", manager, "30001", DemoOtherAdminUser, http.StatusForbidden, msgNotAuthorized},
		{"manager on an identity admin", manager, "90001", DemoRackspaceAdminUser, http.StatusForbidden, msgNotAuthorized},
		{"identity admin on self", staff, "90001", DemoRackspaceAdminUser, http.StatusForbidden, msgNotAuthorized},
		{"identity admin on another identity admin", staff, "90002", "second-admin", http.StatusForbidden, msgNotAuthorized},
		{"identity admin on a user-admin", staff, "10001", DemoAdminUser, http.StatusNoContent, ""},
		{"identity admin on a mandated domain's user", staff, "30002", DemoMandatedAdminUser, http.StatusNoContent, ""},
		{"service admin on self", service, "90003", "service-admin", http.StatusForbidden, msgNotAuthorized},
		{"service admin on an identity admin", service, "90002", "second-admin", http.StatusNoContent, ""},
		{"user-admin of a mandated domain on self", mandated, "30002", DemoMandatedAdminUser, http.StatusForbidden, msgUserMandated},
		{"unknown user", staff, "99999", "", http.StatusNotFound, msgUserNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := ""
			if tc.username != "" {
				before = e.userLevel(tc.username)
			}
			r := e.putUserMFA(tc.token, tc.target, userLevelBody(LevelOptional))
			if tc.status == http.StatusNoContent {
				r.wantNoContent(t)
				if got := e.userLevel(tc.username); got != LevelOptional {
					t.Errorf("level = %q, want OPTIONAL", got)
				}
				// Put it back, so the next case starts from the fixture.
				if _, err := e.api.UpdateUser(tc.username, UserPatch{MFAEnforcementLevel: &before}); err != nil {
					t.Fatal(err)
				}
				return
			}
			key := map[int]string{http.StatusForbidden: keyForbidden, http.StatusNotFound: keyNotFound}[tc.status]
			r.wantFault(t, tc.status, key, tc.message)
			if tc.username != "" && e.userLevel(tc.username) != before {
				t.Errorf("a refused request changed the level to %q", e.userLevel(tc.username))
			}
		})
	}
}

func TestUserMFABodies(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	cases := []struct {
		name, body string
		status     int
		message    string
	}{
		{"lower case", userLevelBody("required"), http.StatusBadRequest, msgInvalidJSON},
		{"domain-only level", userLevelBody(LevelRackspaceMandated), http.StatusBadRequest, msgInvalidJSON},
		{"number", `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":1}}`, http.StatusBadRequest, msgInvalidJSON},
		{"no root", `{"userMultiFactorEnforcementLevel":"REQUIRED"}`, http.StatusBadRequest, msgInvalidJSON},
		{"not JSON", `REQUIRED`, http.StatusBadRequest, msgInvalidJSON},
		{"empty settings", `{"RAX-AUTH:multiFactor":{}}`, http.StatusBadRequest, msgNoMFASettings},
		{"null level", `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":null}}`, http.StatusBadRequest, msgNoMFASettings},
		{"with unlock", `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":"REQUIRED","unlock":true}}`, http.StatusBadRequest, msgMixUnlockingMFA},
		{"with enable", `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":"REQUIRED","enabled":true}}`, http.StatusBadRequest, msgMixSettingMFA},
		{"with disable", `{"RAX-AUTH:multiFactor":{"userMultiFactorEnforcementLevel":"REQUIRED","enabled":false}}`, http.StatusBadRequest, msgMixDisablingMFA},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e.putUserMFA(admin, "10002", tc.body).wantFault(t, tc.status, keyBadRequest, tc.message)
			if got := e.userLevel(DemoUser); got != "" {
				t.Errorf("level = %q after a refused request, want never set", got)
			}
		})
	}
	t.Run("other kinds not emulated", func(t *testing.T) {
		r := e.putUserMFA(admin, "10002", `{"RAX-AUTH:multiFactor":{"unlock":true}}`)
		if r.status != http.StatusNotImplemented || len(r.body) != 0 {
			t.Errorf("status %d body %q, want 501 and no body", r.status, r.body)
		}
	})
	t.Run("media type", func(t *testing.T) {
		h := http.Header{"Content-Type": {"application/xml"}, "X-Auth-Token": {admin}}
		r := toResponse(emutest.Send(t, http.MethodPut, e.url+"/v2.0/users/10002/RAX-AUTH/multi-factor", userLevelBody(LevelRequired), h))
		r.wantFault(t, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
	})
	t.Run("no token", func(t *testing.T) {
		e.putUserMFA("", "10002", userLevelBody(LevelRequired)).wantFault(t, http.StatusUnauthorized, keyUnauthorized, msgNoValidToken)
	})
}

// A level set is read back by GET /v2.0/users/{id}; REQUIRED revokes the password tokens of a
// user without MFA, OPTIONAL and DEFAULT (domain not requiring) do not.
func TestUserMFASetAndRead(t *testing.T) {
	e := newEnv(t, DemoFixture())
	admin := e.loginToken(apiKeyBody(DemoAdminUser, DemoAdminAPIKey))
	readLevel := func() (string, bool) {
		r := e.do(http.MethodGet, "/v2.0/users/10002", admin, "", nil)
		var body struct {
			User map[string]any `json:"user"`
		}
		if r.status != http.StatusOK || json.Unmarshal(r.body, &body) != nil {
			t.Fatalf("GET user: %d %s", r.status, r.body)
		}
		level, ok := body.User["RAX-AUTH:userMultiFactorEnforcementLevel"].(string)
		return level, ok
	}
	if level, ok := readLevel(); ok {
		t.Fatalf("a never-set level is sent as %q, want it omitted", level)
	}
	userToken := e.loginToken(passwordBody(DemoUser, DemoUserPassword))
	for _, level := range []string{LevelOptional, LevelDefault} {
		e.putUserMFA(admin, "10002", userLevelBody(level)).wantNoContent(t)
		if got, _ := readLevel(); got != level {
			t.Errorf("read %q, want %q", got, level)
		}
		if e.revoked(userToken) {
			t.Fatalf("%s revoked the user's password token", level)
		}
	}
	e.putUserMFA(admin, "10002", userLevelBody(LevelRequired)).wantNoContent(t)
	if got, _ := readLevel(); got != LevelRequired {
		t.Errorf("read %q, want REQUIRED", got)
	}
	if !e.revoked(userToken) {
		t.Error("REQUIRED left the password token of a user without MFA valid")
	}
	if e.revoked(admin) {
		t.Error("the caller's API-key token was revoked")
	}
}
