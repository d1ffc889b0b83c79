package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

const (
	cloudSSORoute      = "POST /{$}"
	cloudSSOListAction = "ListDirectories"
	fleetDirectory1    = "d-fleet0000001"
	fleetDirectory2    = "d-fleet0000002"
	directoriesAddress = "data.authpolicy_directories.test"
)

// directoriesFleet gives the demo account two more directories, in other regions, one with
// MFA Disabled; the other account's directory stays invisible to the demo key.
func directoriesFleet(fx *emulator.Fixture) {
	fx.CloudSSO.Directories[0].CreateTime = "2021-06-30T08:35:26Z"
	fx.CloudSSO.Directories = append(fx.CloudSSO.Directories,
		emucloudsso.DirectoryFixture{ID: fleetDirectory2, Name: "fleet-two", AccountID: emucloudsso.DemoAccountID,
			Region: "eu-central-1", CreateTime: "2025-05-06T07:08:09Z"},
		emucloudsso.DirectoryFixture{ID: fleetDirectory1, Name: "fleet-one", AccountID: emucloudsso.DemoAccountID,
			Region: "us-west-1", MFAAuthenticationStatus: "Disabled", CreateTime: "2024-01-02T03:04:05Z"},
	)
}

// cloudSSOActions counts the CloudSSO requests by action, and stands in for RAM by refusing the
// requests deny picks with 403 NoPermission, as a RAM policy lacking the action would. The
// emulator models no RAM policies; the code and message are inferred (the client reads any
// NoPermission or Forbidden* code, or a 403, as a missing permission).
type cloudSSOActions struct {
	mu   sync.Mutex
	n    map[string]int
	deny func(action, directoryID string) bool
}

func (c *cloudSSOActions) wrap(srv *emulator.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		action, dir := r.Header.Get("x-acs-action"), r.URL.Query().Get("DirectoryId")
		c.mu.Lock()
		if c.n == nil {
			c.n = map[string]int{}
		}
		c.n[action]++
		denied := c.deny != nil && c.deny(action, dir)
		c.mu.Unlock()
		if !denied {
			srv.ServeHTTP(w, r)
			return
		}
		resource := "directory/*"
		if dir != "" {
			resource = "directory/" + dir
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprintf(w, `{"RequestId":"6A3D9A6B-0000-4000-8000-000000000403","HostId":%q,"Code":"NoPermission",`+
			`"Message":"You are not authorized to do this action. Resource: acs:cloudsso:cn-shanghai:%s:%s Action: cloudsso:%s",`+
			`"Recommend":"https://api.aliyun.com/troubleshoot?q=NoPermission&product=Cloudsso"}`,
			r.Host, emucloudsso.DemoAccountID, resource, url.PathEscape(action))
	})
}

func (c *cloudSSOActions) setDeny(deny func(action, directoryID string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deny = deny
}

func (c *cloudSSOActions) counts() (list, status, other int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for a, n := range c.n {
		switch a {
		case cloudSSOListAction:
			list += n
		case cloudSSOReadAction:
			status += n
		default:
			other += n
		}
	}
	return list, status, other
}

// expectReads checks that every read of the data source took one ListDirectories and one
// GetMFAAuthenticationStatus per directory, plus retries extra status requests.
func (c *cloudSSOActions) expectReads(directories, retries int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, status, other := c.counts()
		if list == 0 || status != directories*list+retries || other != 0 {
			return fmt.Errorf("%d ListDirectories, %d GetMFAAuthenticationStatus, %d other requests; want %d status "+
				"requests per listing (%d directories) plus %d retried", list, status, other, directories, directories, retries)
		}
		return nil
	}
}

func directoriesConfig(e *testEmulator) string {
	return e.cloudSSOConfig(cloudSSOSecret) + "data \"authpolicy_directories\" \"test\" {}\n"
}

func directoryValue(id, name, region, mfa, created string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id": knownvalue.StringExact(id), "name": knownvalue.StringExact(name), "region": knownvalue.StringExact(region),
		"mfa_status": knownvalue.StringExact(mfa), "create_time": knownvalue.StringExact(created),
		"update_time": knownvalue.StringExact(created),
	})
}

// fleetValue is the data source's list for the fleet fixture, sorted by ID.
func fleetValue(demoMFA string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(directoriesAddress, tfjsonpath.New("directories"), knownvalue.ListExact([]knownvalue.Check{
		directoryValue(cloudSSODirectory, "demo-directory", "cn-shanghai", demoMFA, "2021-06-30T08:35:26Z"),
		directoryValue(fleetDirectory1, "fleet-one", "us-west-1", "Disabled", "2024-01-02T03:04:05Z"),
		directoryValue(fleetDirectory2, "fleet-two", "eu-central-1", "Enabled", "2025-05-06T07:08:09Z"),
	}))
}

// Every directory of the key's account, sorted by ID, each with its MFA status, in one
// listing and one status request per directory; a change made outside shows on the next read.
func TestAccDirectories_basic(t *testing.T) {
	var actions cloudSSOActions
	e := startEmulator(t, directoriesFleet, actions.wrap)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:            directoriesConfig(e),
				ConfigStateChecks: []statecheck.StateCheck{fleetValue("Enabled")},
				Check:             actions.expectReads(3, 0),
			},
			{
				PreConfig: func() {
					must(t)(e.srv.CloudSSO().UpdateDirectory(cloudSSODirectory, emucloudsso.DirectoryPatch{MFAAuthenticationStatus: ptr("Disabled")}))
				},
				Config: directoriesConfig(e),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(directoriesAddress, tfjsonpath.New("directories").AtSliceIndex(0).AtMapKey("mfa_status"),
						knownvalue.StringExact("Disabled")),
				},
				Check: actions.expectReads(3, 0),
			},
		},
	})
}

// The data source feeds authpolicy_directory_mfa_status. Its page shows for_each, which
// plugin-testing's state shim refuses; count exercises the same wiring.
func TestAccDirectories_feedsResources(t *testing.T) {
	e := newTestEmulatorWith(t, directoriesFleet)
	config := directoriesConfig(e) + `
resource "authpolicy_directory_mfa_status" "all" {
  count        = length(data.authpolicy_directories.test.directories)
  directory_id = data.authpolicy_directories.test.directories[count.index].id
  enabled      = true
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{emulatorHolds(func() error {
				var errs []error
				for _, id := range []string{cloudSSODirectory, fleetDirectory1, fleetDirectory2} {
					if got := e.directory(t, id).MFAAuthenticationStatus; got != "Enabled" {
						errs = append(errs, fmt.Errorf("directory %s has MFA %s", id, got))
					}
				}
				return errors.Join(errs...)
			})},
		}},
	})
}

// emulatorHolds is a state check that looks at the emulator instead of the state.
type emulatorHolds func() error

func (f emulatorHolds) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// A 503 or a throttle on one status request is retried by the client; the read completes
// with every directory and exactly one request more.
func TestAccDirectories_retried(t *testing.T) {
	for _, f := range []emulator.Fault{
		{Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable},
		{Kind: emulator.FaultThrottle},
	} {
		t.Run(f.Kind, func(t *testing.T) {
			var actions cloudSSOActions
			e := startEmulator(t, directoriesFleet, actions.wrap)
			// The first request is the listing; the second, the first status read, fails.
			f.API, f.Route, f.After, f.Count = emucloudsso.Name, cloudSSORoute, 1, 1
			if _, err := e.srv.AddFault(f); err != nil {
				t.Fatal(err)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:            directoriesConfig(e),
					ConfigStateChecks: []statecheck.StateCheck{fleetValue("Enabled")},
					Check: resource.ComposeTestCheckFunc(actions.expectReads(3, 1), func(*terraform.State) error {
						for _, got := range e.srv.Faults() {
							if got.Injected != 1 {
								return fmt.Errorf("the fault was injected %d times, want 1", got.Injected)
							}
						}
						return nil
					}),
				}},
			})
		})
	}
}

// A failure no retry overcomes fails the data source with the operation and the directory
// named, stops the reading there, and returns no directory; once it is gone, the next read
// returns all.
func TestAccDirectories_failure(t *testing.T) {
	cases := []struct {
		name  string
		deny  func(action, dir string) bool
		fault *emulator.Fault
		diag  []string
		// list and status are the requests the failed read made.
		list, status int
	}{
		{
			name: "status not permitted",
			deny: func(action, dir string) bool { return action == cloudSSOReadAction && dir == fleetDirectory2 },
			diag: []string{"CloudSSO Permission Denied",
				"Reading the MFA status of directory " + fleetDirectory2 + " (3 of 3 listed) failed: cloudsso: " +
					"GetMFAAuthenticationStatus: HTTP 403, code NoPermission: You are not authorized to do this action.",
				"lacks " + cloudsso.RAMActionGetMFAAuthenticationStatus + " on this one"},
			list: 1, status: 3,
		},
		{
			name: "listing not permitted",
			deny: func(action, _ string) bool { return action == cloudSSOListAction },
			diag: []string{"CloudSSO Permission Denied",
				"Listing the CloudSSO directories failed: cloudsso: ListDirectories: HTTP 403, code NoPermission",
				"needs " + cloudsso.RAMActionListDirectories + ", and " + cloudsso.RAMActionGetMFAAuthenticationStatus},
			list: 1, status: 0,
		},
		{
			name:  "status rejected",
			fault: &emulator.Fault{Kind: emulator.FaultStatus, Status: http.StatusBadRequest, After: 2},
			diag: []string{"CloudSSO Rejected The Request",
				"Reading the MFA status of directory " + fleetDirectory1 + " (2 of 3 listed) failed: cloudsso: " +
					"GetMFAAuthenticationStatus: HTTP 400, code BadRequest: Bad Request."},
			list: 1, status: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			actions := cloudSSOActions{deny: tc.deny}
			e := startEmulator(t, directoriesFleet, actions.wrap)
			if tc.fault != nil {
				f := *tc.fault
				f.API, f.Route = emucloudsso.Name, cloudSSORoute
				if _, err := e.srv.AddFault(f); err != nil {
					t.Fatal(err)
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{
						Config:      directoriesConfig(e),
						ExpectError: diagPattern(tc.diag[0], tc.diag[1:]...),
					},
					{
						PreConfig: func() {
							if list, status, other := actions.counts(); list != tc.list || status != tc.status || other != 0 {
								t.Errorf("the failed read made %d ListDirectories, %d GetMFAAuthenticationStatus and %d other "+
									"requests; want %d, %d and 0", list, status, other, tc.list, tc.status)
							}
							actions.setDeny(nil)
							e.srv.ClearFaults()
						},
						Config:            directoriesConfig(e),
						ConfigStateChecks: []statecheck.StateCheck{fleetValue("Enabled")},
					},
				},
			})
		})
	}
}

// fakeDirectoryReader fails the status read of one directory with err.
type fakeDirectoryReader struct {
	dirs   []cloudsso.Directory
	failOn string
	err    *cloudsso.Error
	reads  []string
}

func (f *fakeDirectoryReader) ListDirectories(context.Context) ([]cloudsso.Directory, error) {
	return f.dirs, nil
}

func (f *fakeDirectoryReader) GetMFAAuthenticationStatus(_ context.Context, id string) (bool, error) {
	f.reads = append(f.reads, id)
	if id == f.failOn {
		return false, f.err
	}
	return true, nil
}

// Nothing partial: a failed status read returns no directory at all, and reads no further.
func TestReadDirectoriesAllOrNothing(t *testing.T) {
	f := &fakeDirectoryReader{dirs: []cloudsso.Directory{{ID: "d-a"}, {ID: "d-b"}, {ID: "d-c"}}, failOn: "d-b",
		err: &cloudsso.Error{Service: cloudsso.APIName, Op: "GetMFAAuthenticationStatus", Status: 500, Kind: cloudsso.KindServer, Message: "gave up"}}
	dirs, diags := readDirectories(context.Background(), f)
	if dirs != nil || !diags.HasError() || len(f.reads) != 2 {
		t.Errorf("got %v, %v after reading %v; want no directories and an error after d-a, d-b", dirs, diags, f.reads)
	}
	f.failOn = ""
	if dirs, diags = readDirectories(context.Background(), f); len(dirs) != 3 || diags.HasError() {
		t.Errorf("got %v, %v", dirs, diags)
	}
}

// A directory deleted between the listing and its status read is named as such.
func TestReadDirectoriesGone(t *testing.T) {
	f := &fakeDirectoryReader{dirs: []cloudsso.Directory{{ID: "d-a"}}, failOn: "d-a",
		err: &cloudsso.Error{Service: cloudsso.APIName, Op: "GetMFAAuthenticationStatus", Status: 404,
			Code: "EntityNotExists.Directory", Kind: cloudsso.KindNotFound, Message: "The specified directory does not exist."}}
	_, diags := readDirectories(context.Background(), f)
	want := diagPattern("CloudSSO Directory Gone", "Reading the MFA status of directory d-a (1 of 1 listed) failed",
		"EntityNotExists.Directory", "no longer exists")
	if len(diags) != 1 || !want.MatchString(diags[0].Summary()+"\n"+diags[0].Detail()) {
		t.Errorf("diagnostics %v, want one matching %s", diags, want)
	}
}
