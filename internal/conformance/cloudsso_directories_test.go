package conformance

import (
	"net/http"
	"slices"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	cloudssoemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

// TestCloudSSOListDirectories: the client lists what the emulator holds for
// the key's account, in one signed request each time, other accounts'
// directories left out; a 503 on the listing is retried.
func TestCloudSSOListDirectories(t *testing.T) {
	e := newCloudSSOEnv(t)
	c := e.client()
	second, err := e.emu().CreateDirectory(cloudssoemu.DirectoryCreate{AccountID: "1234567890123456", ID: "d-0000second00", Name: "second", Region: "us-west-1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []cloudsso.Directory{}
	for _, id := range []string{second.ID, csDirectoryID} {
		d := e.directory(id)
		want = append(want, cloudsso.Directory{ID: d.ID, Name: d.Name, Region: d.Region,
			CreateTime: d.CreateTime.UTC().Format("2006-01-02T15:04:05Z"), UpdateTime: d.UpdateTime.UTC().Format("2006-01-02T15:04:05Z")})
	}
	got, err := c.ListDirectories(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ListDirectories = %+v, want %+v", got, want)
	}
	if want[1].Name != csDirectoryName || want[1].Region != csRegion || want[0].Region != "us-west-1" {
		t.Errorf("the emulator's directories are not the fixture's: %+v", want)
	}

	e.addFault(emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, Count: 1})
	if again, err := c.ListDirectories(t.Context()); err != nil || !slices.Equal(again, want) {
		t.Errorf("after a 503: %+v, %v", again, err)
	}
	e.wantCounts(map[int]int{http.StatusOK: 2, http.StatusServiceUnavailable: 1})
}
