package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
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
	write := func(name, body string) string { return emutest.WriteFile(t, dir, name, body) }
	demo, _ := json.Marshal(DemoFixture())
	fx, err := LoadFixture(write("demo.json", string(demo)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fx, DemoFixture()) {
		t.Error("demo fixture does not survive a JSON round trip")
	}

	// Every error starts with the file; a file that does not decode gets one error with the line
	// and column, a fixture that does not validate one line per problem.
	for name, tc := range map[string]struct{ body, want string }{
		"unknown key":   {`{"identity":{"domains":[],"userz":[]}}`, `line 1, column 27: identity: unknown field "userz" (did you mean "users"?)`},
		"unknown api":   {`{"identiti":{}}`, `line 1, column 2: unknown field "identiti" (did you mean "identity"?)`},
		"trailing data": {`{"identity":{}} {}`, `line 1, column 17: trailing data after the fixture object`},
		"not json":      {`identity: {}`, `line 1, column 1: invalid JSON: invalid character 'i' looking for beginning of value`},
		"bad reference": {
			`{"identity":{"users":[{"id":"1","username":"a","domain_id":"nope","password":"hunter2"}]}}`,
			`identity: user "a": unknown domain_id "nope"`,
		},
		"problems in two APIs": {
			`{"identity":{"users":[{"id":"1","username":"a","domain_id":"x"},{"id":"2","username":"b","domain_id":"y"}]},` +
				`"acronis":{"tenants":[{"id":"nope","name":"n","kind":"root"}]}}`,
			`identity: user "a": unknown domain_id "x"` + "\n" +
				`fixture {path}: identity: user "b": unknown domain_id "y"` + "\n" +
				`fixture {path}: acronis: tenants[0]: id "nope" is not a lowercase UUID`,
		},
	} {
		path := write(strings.ReplaceAll(name, " ", "_")+".json", tc.body)
		want := "fixture " + path + ": " + strings.ReplaceAll(tc.want, "{path}", path)
		if _, err := LoadFixture(path); err == nil || err.Error() != want {
			t.Errorf("%s: error = %v\nwant %s", name, err, want)
		}
	}
	missing := filepath.Join(dir, "missing.json")
	_, err = LoadFixture(missing)
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "fixture "+missing+": ") || strings.Count(err.Error(), missing) != 1 {
		t.Errorf("missing file: error = %v, want fixture %s: and why, the path once", err, missing)
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

// TestParseFixtureErrors: a text that is not JSON of the fixture's shape gets one error with
// the line and column (in characters), the object in the fixture's own names, each array element
// with its id even when the id comes later, and the field; never a value, which may be a secret.
func TestParseFixtureErrors(t *testing.T) {
	// user puts one user object on line 6, from column 7, after a valid one.
	user := func(u string) string {
		return "{\n  \"identity\": {\n    \"domains\": [{\"id\": \"1\", \"name\": \"d\"}],\n    \"users\": [\n" +
			"      {\"id\": \"u-1\", \"username\": \"a\", \"domain_id\": \"1\"},\n      " + u + "\n    ]\n  }\n}\n"
	}
	for _, tc := range []struct{ name, body, want string }{
		{"unknown field before the id", user(`{"rol": "identity:admin", "id": "u-2", "username": "b", "domain_id": "1"}`),
			`line 6, column 8: identity.users[1] (id "u-2"): unknown field "rol" (did you mean "role"?)`},
		{"unknown field, a prefix", user(`{"id": "u-2", "username": "b", "domain_id": "1", "mfa": {"enabled": true, "factor": "OTP"}}`),
			`line 6, column 81: identity.users[1] (id "u-2").mfa: unknown field "factor" (did you mean "factor_type"?)`},
		{"wrong kind", user(`{"id": "u-2", "username": "b", "domain_id": "1", "enabled": "yes"}`),
			`line 6, column 67: identity.users[1] (id "u-2"): field "enabled" must be true or false, not a string`},
		{"secret of the wrong kind", user(`{"id": "u-2", "username": "b", "domain_id": "1", "password": 12345678}`),
			`line 6, column 68: identity.users[1] (id "u-2"): field "password" must be a string, not a number`},
		{"element of a nested array", user(`{"id": "u-2", "username": "b", "domain_id": "1", "tenant_roles": [{"tenant_id": "1", "roles": ["compute:default", 5]}]}`),
			`line 6, column 121: identity.users[1] (id "u-2").tenant_roles[0]: field "roles[1]" must be a string, not a number`},
		{"time", user(`{"id": "u-2", "username": "b", "domain_id": "1", "password_changed": "yesterday"}`),
			`line 6, column 76: identity.users[1] (id "u-2"): field "password_changed" must be an RFC 3339 time such as "2026-01-02T15:04:05Z"`},
		{"syntax", user(`{"id": "u-2", "username": "b" "domain_id": "1"}`),
			`line 6, column 37: identity.users[1] (id "u-2"): invalid JSON: invalid character '"' after object key:value pair`},
		{"syntax at a key", `{"identity": {"users": [{"id": "u-1",}]}}`,
			`line 1, column 38: identity.users[0] (id "u-1"): invalid JSON: invalid character '}' looking for beginning of object key string`},
		{"cut short", "{\"identity\": {\"users\": [\n\n",
			`line 1, column 25: identity.users: invalid JSON: unexpected end of JSON input`},
		{"empty", " \n", `line 1, column 1: the file is empty; a fixture is a JSON object`},
		{"not an object", `[]`, `line 1, column 1: the fixture must be an object, not an array`},
		{"element not an object", `{"identity": {"users": [5]}}`, `line 1, column 25: identity: field "users[0]" must be an object, not a number`},
		{"fraction for an integer", `{"acronis": {"tenants": [{"id": "00000000-0000-4000-8000-000000000000", "name": "Root", "kind": "root", "users_count": 2.5}]}}`,
			`line 1, column 120: acronis.tenants[0] (id "00000000-0000-4000-8000-000000000000"): field "users_count" must be an integer, not 2.5`},
		{"nested ids", `{"cloudsso": {"accounts": [{"id": "1", "sts_tokens": [{"access_key_id": "STS.x", "secret": "s", "security_token": "t", "expiry": "2099-01-01T00:00:00Z"}]}]}}`,
			`line 1, column 120: cloudsso.accounts[0] (id "1").sts_tokens[0] (access_key_id "STS.x"): unknown field "expiry" (did you mean "expires"?)`},
		{"column in characters", `{"identity": {"domains": [{"id": "1", "name": "Société", "nam": "x"}]}}`,
			`line 1, column 58: identity.domains[0] (id "1"): unknown field "nam" (did you mean "name"?)`},
		{"no suggestion", `{"identity": {"domains": [{"id": "1", "xyz": "x"}]}}`,
			`line 1, column 39: identity.domains[0] (id "1"): unknown field "xyz"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseFixture([]byte(tc.body))
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v\nwant    %s", err, tc.want)
			}
		})
	}
}

// TestParseFixtureErrorPositions: every member of the demo fixture, misspelt or given a value of
// the wrong kind, is reported at its own line and column, so the walk that finds where knows
// every type a fixture holds, and agrees with encoding/json on what is wrong.
func TestParseFixtureErrorPositions(t *testing.T) {
	demo, err := json.MarshalIndent(DemoFixture(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(demo), "\n")
	member := regexp.MustCompile(`^( *)"([a-z_]+)": (.*?),?$`)
	edits := 0
	for i, line := range lines {
		m := member.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		indent, key, value := m[1], m[2], m[3]
		check := func(edited, want string, col int) {
			t.Helper()
			edits++
			text := strings.Join(slices.Concat(lines[:i], []string{edited}, lines[i+1:]), "\n")
			prefix := fmt.Sprintf("line %d, column %d: ", i+1, col)
			if _, err := ParseFixture([]byte(text)); err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), want) {
				t.Errorf("line %d %s: error = %v, want %s…%s", i+1, strings.TrimSpace(edited), err, prefix, want)
			}
		}
		check(strings.Replace(line, `"`+key+`"`, `"`+key+`x"`, 1), `unknown field "`+key+`x"`, len(indent)+1)
		if value != "{" && value != "[" {
			check(indent+`"`+key+`": {}`+strings.TrimPrefix(line, indent+`"`+key+`": `+value), `: field "`+key+`" must be `, len(indent)+len(key)+5)
		}
	}
	if edits < 200 {
		t.Fatalf("only %d edits: the demo fixture is not laid out as this test expects", edits)
	}
}
