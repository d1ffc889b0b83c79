package emulator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// TestDemoFixtureIsFreshCopy checks every API's demo fixture and Clone for
// shared state, pointers included.
func TestDemoFixtureIsFreshCopy(t *testing.T) {
	a := DemoFixture()
	a.Identity.Users[0].Password = "changed"
	*a.Identity.Domains[0].Enabled = false
	a.Acronis.Tenants[0].Name = "changed"
	a.Acronis.Clients[0].Secret = "changed"
	a.CloudSSO.Accounts[0].AccessKeys[0].Secret = "changed"
	b := DemoFixture()
	if b.Identity.Users[0].Password != identity.DemoAdminPassword || !*b.Identity.Domains[0].Enabled ||
		b.Acronis.Tenants[0].Name != "Root" || b.Acronis.Clients[0].Secret != acronis.DemoClientSecret ||
		b.CloudSSO.Accounts[0].AccessKeys[0].Secret != cloudsso.DemoAccessKeySecret {
		t.Fatal("DemoFixture returned shared state")
	}
	b.Acronis.Settings = &acronis.SettingsFixture{TokenLifetime: "1h"}
	c := b.Clone()
	c.Identity.Users[0].MFA.OTPSecret = "AAAA"
	c.Acronis.Settings.TokenLifetime = "5m"
	c.Acronis.Tenants[1].Enabled = new(bool)
	if b.Identity.Users[0].MFA.OTPSecret != identity.DemoAdminSecret || b.Acronis.Settings.TokenLifetime != "1h" || b.Acronis.Tenants[1].Enabled != nil {
		t.Fatal("Clone shares state")
	}
}

func TestServerDoesNotShareFixture(t *testing.T) {
	fx := DemoFixture()
	srv, err := New(fx)
	if err != nil {
		t.Fatal(err)
	}
	fx.Identity.Users[1].Enabled = new(bool)
	srv.Reset()
	if u, _ := srv.Identity().User("demo-user"); !u.Enabled {
		t.Fatal("a change to the caller's fixture reached the server")
	}
}

func TestLoadFixture(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	demo, _ := json.Marshal(DemoFixture())
	fx, err := LoadFixture(write("demo.json", string(demo)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fx, DemoFixture()) {
		t.Error("demo fixture does not survive a JSON round trip")
	}

	for name, body := range map[string]string{
		"unknown key":   `{"identity":{"domains":[],"userz":[]}}`,
		"unknown api":   `{"identiti":{}}`,
		"trailing data": `{"identity":{}} {}`,
		"bad reference": `{"identity":{"users":[{"id":"1","username":"a","domain_id":"nope","password":"hunter2"}]}}`,
		"not json":      `identity: {}`,
	} {
		_, err := LoadFixture(write(strings.ReplaceAll(name, " ", "_")+".json", body))
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error leaks the password: %v", name, err)
		}
	}
	if _, err := LoadFixture(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
	// The smallest useful fixture.
	fx, err = LoadFixture(write("min.json", `{"identity":{"domains":[{"id":"1","name":"d"}],"users":[{"id":"u","username":"u","domain_id":"1","api_key":"k"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(fx); err != nil {
		t.Fatal(err)
	}
}

// TestFixtureDocMatchesDemo keeps the JSON in FIXTURE.md equal to DemoFixture.
func TestFixtureDocMatchesDemo(t *testing.T) {
	doc, err := os.ReadFile("FIXTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)\n```").FindAllSubmatch(doc, -1)
	if len(m) == 0 {
		t.Fatal("FIXTURE.md has no json block")
	}
	fx, err := ParseFixture(m[len(m)-1][1])
	if err != nil {
		t.Fatalf("FIXTURE.md demo: %v", err)
	}
	if !reflect.DeepEqual(fx, DemoFixture()) {
		t.Error("FIXTURE.md's demo JSON differs from DemoFixture()")
	}
}

// TestLoadFixtureTenantGroups: the compact form of a fleet loads from a file as AddCustomerFleet
// builds it in Go.
func TestLoadFixtureTenantGroups(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fleet.json")
	body := `{"acronis":{"tenants":[{"id":"00000000-0000-4000-8000-000000000000","name":"Root","kind":"root"},` +
		`{"id":"11111111-1111-4111-8111-111111111111","name":"P","kind":"partner","parent_id":"00000000-0000-4000-8000-000000000000"}],` +
		`"tenant_groups":[{"parent_id":"11111111-1111-4111-8111-111111111111","count":5000,"users_count":4,"users_with_totp_count":4}]}}`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	fx, err := LoadFixture(p)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(fx)
	if err != nil {
		t.Fatal(err)
	}
	want := DemoFixture().AddCustomerFleet(5000)
	got := srv.Acronis().Tenants()
	if len(got) != 5002 || got[2].ID != want[0] || got[5001].ID != want[4999] || got[5001].Name != "Customer 5000" || got[5001].UsersCount != 4 {
		t.Errorf("%d tenants; first generated %+v", len(got), got[2])
	}
}

// AddAcronisUsers: the users load, start enabled, and their tenant counts them.
func TestAddAcronisUsers(t *testing.T) {
	fx := DemoFixture()
	ids := []string{"99999999-2222-4000-8000-000000000000", "99999999-2222-4000-8000-000000000001"}
	fx.AddAcronisUsers(ids[0])
	fx.AddAcronisUsers(ids[1])
	srv, err := New(fx)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if u, ok := srv.Acronis().User(id); !ok || u.TenantID != UsersCustomerTenantID || u.MFAStatus != acronis.UserMFAEnabled {
			t.Errorf("user %s: %+v", id, u)
		}
	}
	if tn, _ := srv.Acronis().Tenant(UsersCustomerTenantID); tn.UsersCount != 2 || tn.UsersWithTOTPCount != 2 || !tn.MFAEnabled {
		t.Errorf("their tenant: %+v", tn)
	}
}
