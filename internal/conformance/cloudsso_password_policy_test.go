package conformance

import (
	"net/http"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// The console's defaults of a new directory (C.1), spelled out rather than
// taken from either side; MinPasswordDifferentChars 3 is the newer page's.
var csDefaultPolicy = cloudsso.PasswordPolicy{
	MinPasswordLength: 8, MinPasswordDifferentChars: 3, PasswordNotContainUsername: true, MaxPasswordAge: 90,
	PasswordReusePrevention: 1, MaxLoginAttempts: 5, MaxPasswordLength: 32, HardExpire: true,
	RequireLowerCaseChars: true, RequireUpperCaseChars: true, RequireNumbers: true, RequireSymbols: true,
}

// csPolicy reads the demo directory's password policy.
func csPolicy(t *testing.T, c *cloudsso.Client) cloudsso.PasswordPolicy {
	t.Helper()
	p, err := c.GetPasswordPolicy(t.Context(), csDirectoryID)
	if err != nil {
		t.Fatalf("GetPasswordPolicy(%s): %v", csDirectoryID, err)
	}
	return *p
}

func i64(v int64) *int64 { return &v }

// The client's Set changes what it sends and nothing else, Get reads all
// twelve fields back, and the client's defaults are the emulator's. The
// client signs V3 only, so that is the path shown.
func TestCloudSSOPasswordPolicy(t *testing.T) {
	for name, edit := range map[string]func(*cloudsso.Config){
		"access key": func(*cloudsso.Config) {},
		"STS": func(c *cloudsso.Config) {
			c.AccessKeyID, c.AccessKeySecret, c.SecurityToken = csSTSKeyID, csSTSSecret, csSecurityToken
		},
	} {
		t.Run(name, func(t *testing.T) {
			e := newCloudSSOEnv(t)
			c := e.client(edit)
			if got := csPolicy(t, c); got != csDefaultPolicy {
				t.Fatalf("new directory: %+v, want %+v", got, csDefaultPolicy)
			}
			off := false
			if err := c.SetPasswordPolicy(t.Context(), csDirectoryID, cloudsso.PasswordPolicySettings{
				MinPasswordLength: i64(12), MaxPasswordAge: i64(30), PasswordNotContainUsername: &off, MaxLoginAttempts: i64(0),
			}); err != nil {
				t.Fatal(err)
			}
			want := csDefaultPolicy
			want.MinPasswordLength, want.MaxPasswordAge, want.PasswordNotContainUsername, want.MaxLoginAttempts = 12, 30, false, 0
			if got := csPolicy(t, c); got != want {
				t.Errorf("after a partial set: %+v, want %+v", got, want)
			}
			if p := e.directory(csDirectoryID).PasswordPolicy; p.MinPasswordLength != 12 || p.MaxPasswordAge != 30 ||
				p.PasswordNotContainUsername || p.MaxLoginAttempts != 0 || p.MinPasswordDifferentChars != 3 {
				t.Errorf("emulator holds %+v", p)
			}
			if err := c.SetPasswordPolicy(t.Context(), csDirectoryID, cloudsso.DefaultPasswordPolicy()); err != nil {
				t.Fatal(err)
			}
			if got := csPolicy(t, c); got != csDefaultPolicy {
				t.Errorf("after the defaults: %+v, want %+v", got, csDefaultPolicy)
			}
			e.wantCounts(map[int]int{http.StatusOK: 5})
		})
	}
}

// The emulator's refusals reach the caller typed: another account's
// directory is not found, and more different characters than the length
// the directory holds is a bad request the client could not see.
func TestCloudSSOPasswordPolicyRefused(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client()
	for _, id := range []string{csOtherDirectory, csNoDirectory} {
		_, err := c.GetPasswordPolicy(t.Context(), id)
		csWantAPIError(t, csErrOf(t, err, cloudsso.KindNotFound), "GetPasswordPolicy", http.StatusNotFound, csDirectoryNotFound)
		err = c.SetPasswordPolicy(t.Context(), id, cloudsso.PasswordPolicySettings{MaxPasswordAge: i64(7)})
		csWantAPIError(t, csErrOf(t, err, cloudsso.KindNotFound), "SetPasswordPolicy", http.StatusNotFound, csDirectoryNotFound)
	}
	err := c.SetPasswordPolicy(t.Context(), csDirectoryID, cloudsso.PasswordPolicySettings{MinPasswordDifferentChars: i64(9)})
	csWantAPIError(t, csErrOf(t, err, cloudsso.KindBadRequest), "SetPasswordPolicy", http.StatusBadRequest,
		"InvalidParameter.MinPasswordDifferentChars")
	if got := csPolicy(t, c); got != csDefaultPolicy {
		t.Errorf("a refused set changed the policy: %+v", got)
	}
	if d, _ := e.emu().Directory(csOtherDirectory); d.PasswordPolicy.MaxPasswordAge != 90 {
		t.Errorf("the other account's directory changed: %+v", d.PasswordPolicy)
	}
	e.wantCounts(map[int]int{http.StatusNotFound: 4, http.StatusBadRequest: 1, http.StatusOK: 1})
}

// A 503 on the write is retried, and the write lands once.
func TestCloudSSOPasswordPolicyRetried(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client()
	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1})
	if err := c.SetPasswordPolicy(t.Context(), csDirectoryID, cloudsso.PasswordPolicySettings{PasswordReusePrevention: i64(24)}); err != nil {
		t.Fatal(err)
	}
	if got := e.directory(csDirectoryID).PasswordPolicy.PasswordReusePrevention; got != 24 {
		t.Errorf("PasswordReusePrevention %d, want 24", got)
	}
	e.wantCounts(map[int]int{http.StatusServiceUnavailable: 1, http.StatusOK: 1})
}
