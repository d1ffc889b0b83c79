package cloudsso

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestMFAStatus(t *testing.T) {
	e := newEnv(t, DemoFixture())
	get := func() string {
		t.Helper()
		m := e.send(e.demoV3(ActionGetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID)).ok(t)
		if len(m) != 2 {
			t.Fatalf("Get answer %v, want RequestId and MFAAuthenticationStatus only", m)
		}
		s, _ := m["MFAAuthenticationStatus"].(string)
		return s
	}
	if s := get(); s != MFAEnabled {
		t.Fatalf("demo directory MFA = %q, want Enabled", s)
	}
	e.clock.Advance(time.Minute)
	m := e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled)).ok(t)
	if len(m) != 1 {
		t.Errorf("Set answer %v, want RequestId only", m)
	}
	if s := get(); s != MFADisabled {
		t.Fatalf("after Set Disabled: %q", s)
	}
	d, _ := e.api.Directory(DemoDirectoryID)
	if !d.UpdateTime.Equal(e.clock.Now()) || d.CreateTime.Equal(d.UpdateTime) {
		t.Errorf("times after a change: %+v", d)
	}
	// Absent (or empty): no change.
	e.clock.Advance(time.Minute)
	e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID)).ok(t)
	e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", "")).ok(t)
	// Setting the current value changes nothing either.
	e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFADisabled)).ok(t)
	if d2, _ := e.api.Directory(DemoDirectoryID); d2.MFAAuthenticationStatus != MFADisabled || !d2.UpdateTime.Equal(d.UpdateTime) {
		t.Errorf("a no-op Set changed the directory: %+v", d2)
	}
	// Values are case-sensitive.
	for _, bad := range []string{"enabled", "DISABLED", "true", "Byuser"} {
		got := e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", bad)).
			wantErr(t, 400, "InvalidParameter.MFAAuthenticationStatus")
		if !strings.Contains(got.Message, bad) {
			t.Errorf("message %q does not name %q", got.Message, bad)
		}
	}
	e.send(e.demoV3(ActionSetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID, "MFAAuthenticationStatus", MFAEnabled)).ok(t)
	if s := get(); s != MFAEnabled {
		t.Fatalf("after Set Enabled: %q", s)
	}

	for _, action := range []string{ActionGetMFAAuthenticationStatus, ActionSetMFAAuthenticationStatus} {
		e.send(e.demoV1(action, "MFAAuthenticationStatus", MFADisabled)).wantErr(t, 400, "MissingParameter.DirectoryId")
		e.send(e.demoV1(action, "DirectoryId", "", "MFAAuthenticationStatus", MFADisabled)).wantErr(t, 400, "MissingParameter.DirectoryId")
		for _, id := range []string{"d-000000000000", DemoOtherDirectoryID, "not-an-id"} {
			got := e.send(e.demoV1(action, "DirectoryId", id, "MFAAuthenticationStatus", MFADisabled)).wantErr(t, 404, "EntityNotExists.Directory")
			if got.Message != "The specified directory does not exist." {
				t.Errorf("Message = %q", got.Message)
			}
		}
	}
	if d, _ := e.api.Directory(DemoOtherDirectoryID); d.MFAAuthenticationStatus != MFAEnabled {
		t.Error("the demo key changed the other account's directory")
	}
	// A bad value is reported before an unknown directory.
	e.send(e.demoV1(ActionSetMFAAuthenticationStatus, "DirectoryId", "d-000000000000", "MFAAuthenticationStatus", "on")).
		wantErr(t, 400, "InvalidParameter.MFAAuthenticationStatus")
}

func TestGetAndListDirectories(t *testing.T) {
	fx := DemoFixture()
	fx.Directories[0].CreateTime = "2021-06-30T08:35:26Z"
	// A second directory of the demo account, which only a fixture can make.
	fx.Directories = append(fx.Directories, DirectoryFixture{
		ID: "d-00fc2p61abcd", Name: "second", AccountID: DemoAccountID, Region: "us-west-1", MFAAuthenticationStatus: MFADisabled,
	})
	e := newEnv(t, fx)
	m := e.send(e.demoV1(ActionGetDirectory, "DirectoryId", DemoDirectoryID)).ok(t)
	want := map[string]any{
		"DirectoryId": DemoDirectoryID, "DirectoryName": DemoDirectoryName, "Region": "cn-shanghai",
		"CreateTime": "2021-06-30T08:35:26Z", "UpdateTime": "2021-06-30T08:35:26Z",
	}
	if got, _ := m["Directory"].(map[string]any); !equalMaps(got, want) || len(m) != 2 {
		t.Errorf("GetDirectory = %v, want Directory %v", m, want)
	}
	e.send(e.demoV1(ActionGetDirectory)).wantErr(t, 400, "MissingParameter.DirectoryId")
	e.send(e.demoV1(ActionGetDirectory, "DirectoryId", DemoOtherDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")

	var list struct {
		RequestID   string `json:"RequestId"`
		TotalCounts int
		Directories []directoryJSON
	}
	r := e.send(e.demoV3(ActionListDirectories))
	r.ok(t)
	if err := json.Unmarshal(r.body, &list); err != nil {
		t.Fatal(err)
	}
	if list.TotalCounts != 2 || len(list.Directories) != 2 || list.Directories[0].DirectoryID != DemoDirectoryID ||
		list.Directories[1].DirectoryID != "d-00fc2p61abcd" || list.Directories[1].Region != "us-west-1" {
		t.Errorf("ListDirectories = %s", r.body)
	}
	// The other account sees only its own; an account with none gets an
	// empty list, not null.
	other := e.v1("POST", e.common(ActionListDirectories, DemoOtherAccessKeyID), nil, false, DemoOtherAccessKeySecret)
	if m := e.send(other).ok(t); m["TotalCounts"] != 1.0 {
		t.Errorf("other account's list: %v", m)
	}
	if err := e.api.DeleteDirectory(DemoOtherDirectoryID); err != nil {
		t.Fatal(err)
	}
	other = e.v1("POST", e.common(ActionListDirectories, DemoOtherAccessKeyID), nil, false, DemoOtherAccessKeySecret)
	if r := e.send(other); !strings.Contains(string(r.body), `"Directories":[]`) || r.ok(t)["TotalCounts"] != 0.0 {
		t.Errorf("empty list: %s", r.body)
	}
}

func equalMaps(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func TestDeleteDirectory(t *testing.T) {
	e := newEnv(t, DemoFixture())
	e.send(e.demoV1(ActionDeleteDirectory)).wantErr(t, 400, "MissingParameter.DirectoryId")
	e.send(e.demoV1(ActionDeleteDirectory, "DirectoryId", DemoOtherDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")
	if m := e.send(e.demoV1(ActionDeleteDirectory, "DirectoryId", DemoDirectoryID)).ok(t); len(m) != 1 {
		t.Errorf("Delete answer %v", m)
	}
	e.send(e.demoV1(ActionDeleteDirectory, "DirectoryId", DemoDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")
	e.send(e.demoV1(ActionGetDirectory, "DirectoryId", DemoDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")
	e.send(e.demoV1(ActionGetMFAAuthenticationStatus, "DirectoryId", DemoDirectoryID)).wantErr(t, 404, "EntityNotExists.Directory")
	if _, ok := e.api.Directory(DemoOtherDirectoryID); !ok {
		t.Error("the other account's directory went too")
	}
}

func TestCreateDirectory(t *testing.T) {
	e := newEnv(t, DemoFixture())
	// One directory per account.
	e.send(e.demoV1(ActionCreateDirectory, "DirectoryName", "fresh")).wantErr(t, 409, "LimitExceeded.Directory")
	if err := e.api.DeleteDirectory(DemoDirectoryID); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"a", strings.Repeat("a", 65), "Upper", "-lead", "trail-", "dou--ble", "d-prefix", "under_score", "spa ce"} {
		e.send(e.demoV1(ActionCreateDirectory, "DirectoryName", bad)).wantErr(t, 400, "InvalidParameter.DirectoryName")
	}
	// Names are unique across accounts.
	e.send(e.demoV1(ActionCreateDirectory, "DirectoryName", DemoOtherDirectoryName)).wantErr(t, 409, "EntityAlreadyExists.DirectoryName")

	m := e.send(e.demoV3(ActionCreateDirectory, "DirectoryName", "my-dir-2")).ok(t)
	d, _ := m["Directory"].(map[string]any)
	id, _ := d["DirectoryId"].(string)
	if !regexp.MustCompile(`^d-[0-9a-z]{12}$`).MatchString(id) || d["DirectoryName"] != "my-dir-2" ||
		d["Region"] != "cn-shanghai" || d["CreateTime"] != "2026-03-01T12:00:00Z" || d["UpdateTime"] != "2026-03-01T12:00:00Z" {
		t.Fatalf("CreateDirectory = %v", m)
	}
	if s := e.send(e.demoV1(ActionGetMFAAuthenticationStatus, "DirectoryId", id)).ok(t); s["MFAAuthenticationStatus"] != MFAEnabled {
		t.Errorf("a new directory's MFA = %v, want Enabled", s)
	}
	if s, _ := e.api.Directory(id); s.AccountID != DemoAccountID {
		t.Errorf("owner = %q", s.AccountID)
	}

	// The other account, after deleting its own, gets a generated name, and
	// the region of the regional host it called (V1 does not sign Host).
	if err := e.api.DeleteDirectory(DemoOtherDirectoryID); err != nil {
		t.Fatal(err)
	}
	c := e.v1("POST", e.common(ActionCreateDirectory, DemoOtherAccessKeyID), nil, false, DemoOtherAccessKeySecret)
	c.host = "cloudsso.us-west-1.aliyuncs.com:443"
	d, _ = e.send(c).ok(t)["Directory"].(map[string]any)
	name, _ := d["DirectoryName"].(string)
	if validName(name) != nil || d["Region"] != "us-west-1" {
		t.Errorf("generated directory = %v", d)
	}
}

func TestRegionFromHost(t *testing.T) {
	for host, want := range map[string]string{
		"cloudsso.ap-southeast-1.aliyuncs.com":     "ap-southeast-1",
		"CLOUDSSO.EU-CENTRAL-1.ALIYUNCS.COM":       "eu-central-1",
		"cloudsso.cn-hongkong.aliyuncs.com:8443":   "cn-hongkong",
		"cloudsso.cn-hangzhou.aliyuncs.com":        "cn-shanghai",
		"127.0.0.1:8181":                           "cn-shanghai",
		"cloudsso.us-west-1.aliyuncs.com.evil.com": "cn-shanghai",
	} {
		if got := regionFromHost(host); got != want {
			t.Errorf("regionFromHost(%q) = %q, want %q", host, got, want)
		}
	}
}

func TestFormatAndUnknownAction(t *testing.T) {
	e := newEnv(t, DemoFixture())
	common := e.common(ActionListDirectories, DemoAccessKeyID)
	common.Set("Format", "XML")
	got := e.send(e.v1("POST", common, nil, false, DemoAccessKeySecret)).wantErr(t, 400, "InvalidParameter.Format")
	if !strings.Contains(got.Message, "XML") {
		t.Errorf("Message = %q", got.Message)
	}
	// Errors are JSON whatever Format says: wantErr checked that above.

	// Newer MFA settings APIs exist on CloudSSO but not here.
	for _, action := range []string{"UpdateMFAAuthenticationSettings", "GetMFAAuthenticationSettings", "getdirectory"} {
		got := e.send(e.v1("POST", e.common(action, DemoAccessKeyID), nil, false, DemoAccessKeySecret)).
			wantErr(t, 404, "InvalidAction.NotFound")
		if got.Message != "Specified api is not found, please check your url and method." {
			t.Errorf("Message = %q", got.Message)
		}
	}
	// Error bodies name the Host as HostId.
	c := e.demoV1(ActionGetDirectory)
	c.host = "cloudsso.cn-shanghai.aliyuncs.com"
	if got := e.send(c).wantErr(t, 400, "MissingParameter.DirectoryId"); got.HostID != "cloudsso.cn-shanghai.aliyuncs.com" {
		t.Errorf("HostId = %q", got.HostID)
	}
}

// TestListDirectoriesAcrossRegions: each item has exactly the five fields of
// C.2 (no MFA status), the listing is account-wide whatever regional host
// answers it, STS keys see their account's, and other parameters are ignored.
func TestListDirectoriesAcrossRegions(t *testing.T) {
	fx := DemoFixture()
	for i, region := range []string{"us-west-1", "eu-central-1"} {
		fx.Directories = append(fx.Directories, DirectoryFixture{
			ID: fmt.Sprintf("d-region%06d", i), Name: "in-" + region, AccountID: DemoAccountID, Region: region,
			MFAAuthenticationStatus: MFADisabled, CreateTime: "2024-01-02T03:04:05Z",
		})
	}
	e := newEnv(t, fx)
	wantIDs := []string{DemoDirectoryID, "d-region000000", "d-region000001"}
	check := func(name string, r response) {
		t.Helper()
		var body struct {
			TotalCounts int
			Directories []map[string]any
		}
		if err := json.Unmarshal(r.body, &body); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %s", name, r.status, r.body)
		}
		var ids []string
		for _, d := range body.Directories {
			ids = append(ids, fmt.Sprint(d["DirectoryId"]))
			if len(d) != 5 || d["DirectoryName"] == nil || d["Region"] == nil || d["CreateTime"] == nil || d["UpdateTime"] == nil {
				t.Errorf("%s: item %v, want DirectoryId, DirectoryName, Region, CreateTime, UpdateTime only", name, d)
			}
		}
		if body.TotalCounts != 3 || !slices.Equal(ids, wantIDs) {
			t.Errorf("%s: TotalCounts %d, ids %v; want 3, %v", name, body.TotalCounts, ids, wantIDs)
		}
		if d := body.Directories[1]; d["Region"] != "us-west-1" || d["CreateTime"] != "2024-01-02T03:04:05Z" || d["UpdateTime"] != "2024-01-02T03:04:05Z" {
			t.Errorf("%s: %v", name, d)
		}
	}
	check("V3", e.send(e.demoV3(ActionListDirectories)))
	check("V1 with stray parameters", e.send(e.demoV1(ActionListDirectories, "DirectoryId", DemoOtherDirectoryID, "MaxResults", "1")))
	const regional = "cloudsso.eu-central-1.aliyuncs.com"
	c := e.v3("POST", ActionListDirectories, nil, "")
	e.signV3As(c, regional, "ACS3-HMAC-SHA256", DemoAccessKeyID, DemoAccessKeySecret, c.signedNames())
	c.host = regional
	check("regional host", e.send(c))
	check("STS", e.send(e.v1("POST", e.common(ActionListDirectories, DemoSTSAccessKeyID), values("SecurityToken", DemoSecurityToken), false, DemoSTSAccessKeySecret)))
}
