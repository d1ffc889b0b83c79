package cloudsso

import (
	"encoding/json"
	"strings"
	"testing"
)

var defaultPolicyJSON = map[string]any{
	"MinPasswordLength": 8.0, "MaxPasswordLength": 32.0, "MinPasswordDifferentChars": 3.0,
	"PasswordNotContainUsername": true, "MaxPasswordAge": 90.0, "PasswordReusePrevention": 1.0,
	"MaxLoginAttempts": 5.0, "HardExpire": true, "RequireLowerCaseChars": true, "RequireUpperCaseChars": true,
	"RequireNumbers": true, "RequireSymbols": true,
}

// policy reads the demo directory's password policy.
func (e *env) policy(t *testing.T) map[string]any {
	t.Helper()
	m := e.send(e.demoV3(ActionGetPasswordPolicy, "DirectoryId", DemoDirectoryID)).ok(t)
	p, ok := m["PasswordPolicy"].(map[string]any)
	if !ok || len(m) != 2 {
		t.Fatalf("GetPasswordPolicy = %v, want RequestId and PasswordPolicy", m)
	}
	return p
}

// withPolicy is base with the fields of changes replaced.
func withPolicy(base, changes map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

// A new directory has the console's defaults, all twelve fields; Set changes
// only the parameters it is given, and never the read-only six.
func TestPasswordPolicyPartialUpdate(t *testing.T) {
	e := newEnv(t, DemoFixture())
	if got := e.policy(t); !equalMaps(got, defaultPolicyJSON) {
		t.Fatalf("default policy %v, want %v", got, defaultPolicyJSON)
	}
	m := e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, "MaxPasswordAge", "30",
		"PasswordNotContainUsername", "false")).ok(t)
	if len(m) != 1 {
		t.Errorf("SetPasswordPolicy = %v, want RequestId only", m)
	}
	want := withPolicy(defaultPolicyJSON, map[string]any{"MaxPasswordAge": 30.0, "PasswordNotContainUsername": false})
	if got := e.policy(t); !equalMaps(got, want) {
		t.Errorf("after setting two: %v, want %v", got, want)
	}
	// V1 with the parameters in a form body, as TF-ALI sends them; read-only
	// fields are ignored.
	form := values("DirectoryId", DemoDirectoryID, "MinPasswordLength", "12", "MinPasswordDifferentChars", "12",
		"PasswordReusePrevention", "24", "MaxLoginAttempts", "0", "MaxPasswordLength", "64", "HardExpire", "false",
		"RequireSymbols", "false")
	e.send(e.v1("POST", e.common(ActionSetPasswordPolicy, DemoAccessKeyID), form, true, DemoAccessKeySecret)).ok(t)
	want = withPolicy(want, map[string]any{"MinPasswordLength": 12.0, "MinPasswordDifferentChars": 12.0, "PasswordReusePrevention": 24.0, "MaxLoginAttempts": 0.0})
	if got := e.policy(t); !equalMaps(got, want) {
		t.Errorf("after setting four more: %v, want %v", got, want)
	}
	// No parameter but the directory: nothing changes.
	e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID)).ok(t)
	if got := e.policy(t); !equalMaps(got, want) {
		t.Errorf("after an empty set: %v", got)
	}
	// The other account's directory keeps its defaults and is not found for the demo key.
	e.send(e.demoV3(ActionGetPasswordPolicy, "DirectoryId", DemoOtherDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")
	e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoOtherDirectoryID, "MaxPasswordAge", "7")).wantErr(t, 404, "EntityNotExists.Directory")
	if d, _ := e.api.Directory(DemoOtherDirectoryID); d.PasswordPolicy != defaultPasswordPolicy() {
		t.Errorf("the other directory's policy changed: %+v", d.PasswordPolicy)
	}
	e.send(e.demoV3(ActionGetPasswordPolicy)).wantErr(t, 400, "MissingParameter.DirectoryId")
	e.send(e.demoV3(ActionSetPasswordPolicy, "MaxPasswordAge", "7")).wantErr(t, 400, "MissingParameter.DirectoryId")
}

// Each range of C.1, both bounds in and just out; a refused Set changes
// nothing, even its valid parameters.
func TestPasswordPolicyRanges(t *testing.T) {
	tests := []struct {
		param    string
		ok, bad  []string
		wantCode string
	}{
		{"MinPasswordLength", []string{"8", "32"}, []string{"7", "33", "x", "8.5"}, "InvalidParameter.MinPasswordLength"},
		{"MinPasswordDifferentChars", []string{"0", "8"}, []string{"-1", "9", "33"}, "InvalidParameter.MinPasswordDifferentChars"},
		{"MaxPasswordAge", []string{"1", "120"}, []string{"0", "121"}, "InvalidParameter.MaxPasswordAge"},
		{"PasswordReusePrevention", []string{"0", "24"}, []string{"-1", "25"}, "InvalidParameter.PasswordReusePrevention"},
		{"MaxLoginAttempts", []string{"0", "32"}, []string{"-1", "33"}, "InvalidParameter.MaxLoginAttempts"},
		{"PasswordNotContainUsername", []string{"true", "false"}, []string{"yes", "1", "True"}, "InvalidParameter.PasswordNotContainUsername"},
	}
	for _, tt := range tests {
		t.Run(tt.param, func(t *testing.T) {
			e := newEnv(t, DemoFixture())
			for _, v := range tt.ok {
				e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, tt.param, v)).ok(t)
			}
			before := e.policy(t)
			for _, v := range tt.bad {
				r := e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, "MaxPasswordAge", "45", tt.param, v))
				body := r.wantErr(t, 400, tt.wantCode)
				if !strings.Contains(body.Message, tt.param) {
					t.Errorf("%s=%s: message %q does not name the parameter", tt.param, v, body.Message)
				}
			}
			if got := e.policy(t); !equalMaps(got, before) {
				t.Errorf("a refused set changed the policy: %v, was %v", got, before)
			}
			// A bad value is refused before an unknown directory is looked up.
			e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", "d-000000000000", tt.param, tt.bad[0])).wantErr(t, 400, tt.wantCode)
		})
	}
}

// MinPasswordDifferentChars may not exceed MinPasswordLength, as it stands
// after the change.
func TestPasswordPolicyDifferentCharsBound(t *testing.T) {
	e := newEnv(t, DemoFixture())
	e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, "MinPasswordDifferentChars", "9")).
		wantErr(t, 400, "InvalidParameter.MinPasswordDifferentChars")
	e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, "MinPasswordDifferentChars", "9", "MinPasswordLength", "9")).ok(t)
	e.send(e.demoV3(ActionSetPasswordPolicy, "DirectoryId", DemoDirectoryID, "MinPasswordLength", "8")).
		wantErr(t, 400, "InvalidParameter.MinPasswordDifferentChars")
	if got := e.policy(t); got["MinPasswordLength"] != 9.0 || got["MinPasswordDifferentChars"] != 9.0 {
		t.Errorf("policy %v", got)
	}
}

// Fixtures and out-of-band changes set the policy with the same checks.
func TestPasswordPolicyOutOfBand(t *testing.T) {
	fx := DemoFixture()
	age := 60
	fx.Directories[0].PasswordPolicy = &PasswordPolicyPatch{MaxPasswordAge: &age}
	e := newEnv(t, fx)
	if got := e.policy(t); !equalMaps(got, withPolicy(defaultPolicyJSON, map[string]any{"MaxPasswordAge": 60.0})) {
		t.Errorf("fixture policy %v", got)
	}
	r := e.do("PATCH", "/_emulator/cloudsso/directories/"+DemoDirectoryID, `{"password_policy":{"max_login_attempts":7}}`)
	var d DirectoryState
	if err := json.Unmarshal(r.body, &d); err != nil || r.status != 200 || d.PasswordPolicy.MaxLoginAttempts != 7 || d.PasswordPolicy.MaxPasswordAge != 60 {
		t.Errorf("PATCH: %d %s", r.status, r.body)
	}
	if r := e.do("PATCH", "/_emulator/cloudsso/directories/"+DemoDirectoryID, `{"password_policy":{"max_password_age":0}}`); r.status != 400 ||
		!strings.Contains(string(r.body), "MaxPasswordAge") {
		t.Errorf("out-of-range PATCH: %d %s", r.status, r.body)
	}
	bad := 40
	fx.Directories[0].PasswordPolicy = &PasswordPolicyPatch{MinPasswordLength: &bad}
	if err := fx.Validate(); err == nil || !strings.Contains(err.Error(), `directory "d-demo00000001": password_policy: The specified MinPasswordLength 40`) {
		t.Errorf("Validate = %v", err)
	}
}
