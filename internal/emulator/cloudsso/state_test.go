package cloudsso

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

func TestFixtureValidation(t *testing.T) {
	if err := DemoFixture().Validate(); err != nil {
		t.Fatalf("demo fixture: %v", err)
	}
	for name, change := range map[string]func(f *Fixture){
		"account id not numeric":     func(f *Fixture) { f.Accounts[0].ID = "acct" },
		"duplicate account":          func(f *Fixture) { f.Accounts[1].ID = f.Accounts[0].ID },
		"duplicate access key":       func(f *Fixture) { f.Accounts[1].AccessKeys[0].ID = DemoAccessKeyID },
		"access key without secret":  func(f *Fixture) { f.Accounts[0].AccessKeys[0].Secret = "" },
		"access key without id":      func(f *Fixture) { f.Accounts[0].AccessKeys[0].ID = "" },
		"permanent key with STS id":  func(f *Fixture) { f.Accounts[0].AccessKeys[0].ID = "STS.x" },
		"STS key without STS prefix": func(f *Fixture) { f.Accounts[0].STSTokens[0].AccessKeyID = "sts-ak" },
		"STS key without token":      func(f *Fixture) { f.Accounts[0].STSTokens[0].SecurityToken = "" },
		"STS key bad expiry":         func(f *Fixture) { f.Accounts[0].STSTokens[0].Expires = "tomorrow" },
		"directory id":               func(f *Fixture) { f.Directories[0].ID = "d-short" },
		"directory id uppercase":     func(f *Fixture) { f.Directories[0].ID = "d-DEMO00000001" },
		"duplicate directory":        func(f *Fixture) { f.Directories[1].ID = DemoDirectoryID },
		"directory name":             func(f *Fixture) { f.Directories[0].Name = "Demo" },
		"directory name d-":          func(f *Fixture) { f.Directories[0].Name = "d-demo" },
		"duplicate name":             func(f *Fixture) { f.Directories[1].Name = DemoDirectoryName },
		"unknown account":            func(f *Fixture) { f.Directories[0].AccountID = "999" },
		"region":                     func(f *Fixture) { f.Directories[0].Region = "cn-hangzhou" },
		"MFA value":                  func(f *Fixture) { f.Directories[0].MFAAuthenticationStatus = "enabled" },
		"create time":                func(f *Fixture) { f.Directories[0].CreateTime = "2021-06-30" },
		"negative quota":             func(f *Fixture) { f.Settings = &SettingsFixture{CallsPerSecond: -1} },
	} {
		t.Run(name, func(t *testing.T) {
			f := DemoFixture()
			change(&f)
			err := f.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			for _, secret := range []string{DemoAccessKeySecret, DemoSTSAccessKeySecret, DemoSecurityToken, DemoOtherAccessKeySecret} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks a secret: %v", err)
				}
			}
			if _, err := New(f, nil); err == nil {
				t.Error("New accepted it")
			}
		})
	}
	// The smallest useful fixture, and an empty one.
	if _, err := New(Fixture{Accounts: []AccountFixture{{ID: "1", AccessKeys: []AccessKeyFixture{{ID: "k", Secret: "s"}}}}}, nil); err != nil {
		t.Error(err)
	}
	if _, err := New(Fixture{}, nil); err != nil {
		t.Error(err)
	}
}

// TestFixtureKeyWithoutID: a key without its id is named by where the id goes.
func TestFixtureKeyWithoutID(t *testing.T) {
	f := DemoFixture()
	f.Accounts[0].AccessKeys[0].ID = ""
	f.Accounts[0].STSTokens[0].AccessKeyID = ""
	want := `account "1234567890123456": access_keys[0].id is required` + "\n" +
		`account "1234567890123456": sts_tokens[0].access_key_id is required`
	if err := f.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate = %v, want %s", err, want)
	}
}

func TestFixtureCloneAndReset(t *testing.T) {
	fx := DemoFixture()
	c := emuhttp.CloneJSON(fx)
	c.Accounts[0].AccessKeys[0].Secret = "changed"
	c.Directories[0].Name = "changed"
	if fx.Accounts[0].AccessKeys[0].Secret != DemoAccessKeySecret || fx.Directories[0].Name != DemoDirectoryName {
		t.Fatal("Clone shares state")
	}

	e := newEnv(t, fx)
	// New copies the fixture: changing it afterwards does nothing.
	fx.Directories[0].MFAAuthenticationStatus = MFADisabled
	e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled)).ok(t)
	e.send(e.demoV1(ActionDeleteDirectory, "DirectoryId", DemoDirectoryID)).ok(t)
	if _, err := e.api.UpdateSettings(SettingsPatch{CallsPerSecond: ptr(1)}); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
	used := e.demoV1(ActionListDirectories)
	e.send(used).ok(t)
	e.send(e.demoV1(ActionListDirectories)).wantErr(t, 400, "Throttling.User")

	e.api.Reset()
	d, ok := e.api.Directory(DemoDirectoryID)
	if !ok || d.MFAAuthenticationStatus != MFAEnabled {
		t.Errorf("after Reset: %+v %v", d, ok)
	}
	if e.api.Settings().CallsPerSecond != 100 {
		t.Error("Reset kept the settings")
	}
	// Reset forgets nonces and quota windows too.
	e.send(used).ok(t)
	e.send(e.demoV1(ActionListDirectories)).ok(t)
}

func TestGoAPI(t *testing.T) {
	e := newEnv(t, DemoFixture())
	dirs := e.api.Directories()
	if len(dirs) != 2 || dirs[0].ID != DemoDirectoryID || dirs[1].ID != DemoOtherDirectoryID ||
		dirs[0].AccountID != DemoAccountID || dirs[0].Region != "cn-shanghai" || dirs[0].MFAAuthenticationStatus != MFAEnabled ||
		!dirs[0].CreateTime.Equal(e.clock.Now()) {
		t.Fatalf("Directories = %+v", dirs)
	}

	// Out-of-band creation may give an account a second directory.
	d, err := e.api.CreateDirectory(DirectoryCreate{AccountID: DemoAccountID, MFAAuthenticationStatus: MFADisabled})
	if err != nil {
		t.Fatal(err)
	}
	if !directoryIDRE.MatchString(d.ID) || validName(d.Name) != nil || d.Region != DefaultRegion || d.MFAAuthenticationStatus != MFADisabled {
		t.Errorf("created %+v", d)
	}
	if m := e.send(e.demoV1(ActionGetMFAAuthenticationStatus, "DirectoryId", d.ID)).ok(t); m["MFAAuthenticationStatus"] != MFADisabled {
		t.Errorf("API sees %v", m)
	}
	d2, err := e.api.CreateDirectory(DirectoryCreate{AccountID: DemoOtherAccountID, ID: "d-abcdefabcdef", Name: "named", Region: "eu-central-1"})
	if err != nil || d2.ID != "d-abcdefabcdef" || d2.Name != "named" || d2.Region != "eu-central-1" || d2.MFAAuthenticationStatus != MFAEnabled {
		t.Errorf("created %+v, %v", d2, err)
	}
	for name, bad := range map[string]DirectoryCreate{
		"unknown account": {AccountID: "42"},
		"bad id":          {AccountID: DemoAccountID, ID: "x"},
		"taken id":        {AccountID: DemoAccountID, ID: DemoOtherDirectoryID},
		"bad name":        {AccountID: DemoAccountID, Name: "--"},
		"taken name":      {AccountID: DemoAccountID, Name: DemoOtherDirectoryName},
		"bad region":      {AccountID: DemoAccountID, Region: "mars-1"},
		"bad MFA":         {AccountID: DemoAccountID, MFAAuthenticationStatus: "on"},
	} {
		if _, err := e.api.CreateDirectory(bad); err == nil {
			t.Errorf("%s accepted", name)
		}
	}

	e.clock.Advance(time.Minute)
	s, err := e.api.UpdateDirectory(DemoDirectoryID, DirectoryPatch{MFAAuthenticationStatus: ptr(MFADisabled)})
	if err != nil || s.MFAAuthenticationStatus != MFADisabled || !s.UpdateTime.Equal(e.clock.Now()) {
		t.Errorf("UpdateDirectory = %+v, %v", s, err)
	}
	if m := e.send(e.demoV1(ActionGetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID)).ok(t); m["MFAAuthenticationStatus"] != MFADisabled {
		t.Errorf("API after an out-of-band change: %v", m)
	}
	if _, err := e.api.UpdateDirectory(DemoDirectoryID, DirectoryPatch{MFAAuthenticationStatus: ptr("")}); err == nil {
		t.Error("empty MFA accepted")
	}
	if _, err := e.api.UpdateDirectory("d-000000000000", DirectoryPatch{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown directory: %v", err)
	}
	if err := e.api.DeleteDirectory("d-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete unknown: %v", err)
	}

	accts := e.api.Accounts()
	if len(accts) != 2 || accts[0].ID != DemoAccountID || len(accts[0].AccessKeyIDs) != 1 || accts[0].AccessKeyIDs[0] != DemoAccessKeyID ||
		len(accts[0].STSTokens) != 1 || accts[0].STSTokens[0].AccessKeyID != DemoSTSAccessKeyID || accts[0].STSTokens[0].Expired ||
		accts[0].STSTokens[0].Expires == nil || accts[0].STSTokens[0].Expires.Format(time.RFC3339) != DemoSTSExpires ||
		len(accts[1].STSTokens) != 0 {
		t.Errorf("Accounts = %+v", accts)
	}
}

func TestAdminRoutes(t *testing.T) {
	e := newEnv(t, DemoFixture())
	r := e.do("GET", "/_emulator/cloudsso/directories", "")
	var list []map[string]any
	if err := json.Unmarshal(r.body, &list); err != nil || r.status != 200 || len(list) != 2 ||
		list[0]["id"] != DemoDirectoryID || list[0]["mfa_authentication_status"] != MFAEnabled || list[0]["account_id"] != DemoAccountID {
		t.Fatalf("GET directories: %d %s", r.status, r.body)
	}
	r = e.do("GET", "/_emulator/cloudsso/directories/"+DemoDirectoryID, "")
	if r.status != 200 || !strings.Contains(string(r.body), `"name":"demo-directory"`) {
		t.Fatalf("GET directory: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/_emulator/cloudsso/directories/d-000000000000", ""); r.status != 404 {
		t.Errorf("GET unknown: %d", r.status)
	}

	r = e.do("PATCH", "/_emulator/cloudsso/directories/"+DemoDirectoryID, `{"mfa_authentication_status":"Disabled"}`)
	if r.status != 200 || !strings.Contains(string(r.body), `"mfa_authentication_status":"Disabled"`) {
		t.Fatalf("PATCH: %d %s", r.status, r.body)
	}
	if m := e.send(e.demoV1(ActionGetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID)).ok(t); m["MFAAuthenticationStatus"] != MFADisabled {
		t.Errorf("drift not visible: %v", m)
	}
	for body, status := range map[string]int{
		`{"mfa_authentication_status":"disabled"}`: 400,
		`{"mfa":"Disabled"}`:                       400,
		`nope`:                                     400,
	} {
		if r := e.do("PATCH", "/_emulator/cloudsso/directories/"+DemoDirectoryID, body); r.status != status {
			t.Errorf("PATCH %s: %d", body, r.status)
		}
	}
	if r := e.do("PATCH", "/_emulator/cloudsso/directories/d-000000000000", `{}`); r.status != 404 {
		t.Errorf("PATCH unknown: %d", r.status)
	}

	r = e.do("POST", "/_emulator/cloudsso/directories", `{"account_id":"`+DemoAccountID+`","name":"extra","region":"ap-northeast-2"}`)
	var created DirectoryState
	if err := json.Unmarshal(r.body, &created); err != nil || r.status != 201 || created.Name != "extra" || created.Region != "ap-northeast-2" {
		t.Fatalf("POST: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/_emulator/cloudsso/directories", `{"account_id":"1"}`); r.status != 400 {
		t.Errorf("POST unknown account: %d", r.status)
	}
	if r := e.do("DELETE", "/_emulator/cloudsso/directories/"+created.ID, ""); r.status != 204 {
		t.Errorf("DELETE: %d", r.status)
	}
	if r := e.do("DELETE", "/_emulator/cloudsso/directories/"+created.ID, ""); r.status != 404 {
		t.Errorf("DELETE again: %d", r.status)
	}

	if r := e.do("GET", "/_emulator/cloudsso/settings", ""); r.status != 200 || strings.TrimSpace(string(r.body)) != `{"calls_per_second":100}` {
		t.Errorf("GET settings: %d %s", r.status, r.body)
	}
	if r := e.do("PATCH", "/_emulator/cloudsso/settings", `{"calls_per_second":5}`); r.status != 200 || e.api.Settings().CallsPerSecond != 5 {
		t.Errorf("PATCH settings: %d %s", r.status, r.body)
	}
	for _, bad := range []string{`{"calls_per_second":0}`, `{"rate":5}`, `{"calls_per_second":"5"}`} {
		if r := e.do("PATCH", "/_emulator/cloudsso/settings", bad); r.status != 400 {
			t.Errorf("PATCH settings %s: %d", bad, r.status)
		}
	}

	r = e.do("GET", "/_emulator/cloudsso/accounts", "")
	if r.status != 200 || !strings.Contains(string(r.body), `"access_key_ids":["demo-ak"]`) ||
		!strings.Contains(string(r.body), `"access_key_id":"STS.demo-sts-ak"`) {
		t.Fatalf("GET accounts: %d %s", r.status, r.body)
	}
	for _, secret := range []string{DemoAccessKeySecret, DemoSTSAccessKeySecret, DemoSecurityToken, DemoOtherAccessKeySecret} {
		if strings.Contains(string(r.body), secret) {
			t.Errorf("GET accounts shows %q: %s", secret, r.body)
		}
	}
}

func TestWriteFaultAndThrottle(t *testing.T) {
	api, err := New(DemoFixture(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for status, code := range map[int]string{
		503: "ServiceUnavailable",
		500: "InternalError",
		502: "InternalError",
		504: "InternalError",
		404: "InvalidAction.NotFound",
		405: "InvalidAction.NotFound",
		429: "Throttling.User",
		400: "BadRequest",
		409: "Conflict",
		499: "Error499",
	} {
		w := httptest.NewRecorder()
		api.WriteFault(w, status)
		r := response{status: w.Code, header: w.Header(), body: w.Body.Bytes(), host: defaultHostID}
		r.wantErr(t, status, code)
	}
	w := httptest.NewRecorder()
	w.Header().Set("Retry-After", "2")
	api.WriteThrottle(w, time.Now().Add(2*time.Second))
	r := response{status: w.Code, header: w.Header(), body: w.Body.Bytes(), host: defaultHostID}
	if got := r.wantErr(t, http.StatusBadRequest, "Throttling.User"); got.Message != "Request was denied due to user flow control." {
		t.Errorf("Message = %q", got.Message)
	}
	if w.Header().Get("Retry-After") != "2" {
		t.Error("Retry-After lost")
	}
}

func TestUnmatchedMethods(t *testing.T) {
	e := newEnv(t, DemoFixture())
	// HEAD shares GET's route; PUT and DELETE are not RPC methods (the
	// server answers them through WriteFault, tested there).
	if r := e.do("HEAD", "/", ""); r.status != 400 {
		t.Errorf("HEAD / = %d", r.status)
	}
	if r := e.do("PUT", "/", ""); r.status != 405 {
		t.Errorf("PUT / = %d", r.status)
	}
}
