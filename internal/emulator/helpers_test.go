package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const tokensRoute = "POST /v2.0/tokens"

func newTestServer(t *testing.T) (*Server, string) {
	t.Helper()
	srv, err := New(DemoFixture())
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, ts.URL
}

type result struct {
	status int
	header http.Header
	body   []byte
}

func (r result) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

func call(t *testing.T, method, url, body string, header ...string) result {
	t.Helper()
	r := emutest.Send(t, method, url, body, emutest.Header(header...))
	return result{status: r.Status, header: r.Header, body: r.Body}
}

func apiKeyLogin(user, key string) string {
	return `{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"` + user + `","apiKey":"` + key + `"}}}`
}

func passwordLogin(user, password string) string {
	return `{"auth":{"passwordCredentials":{"username":"` + user + `","password":"` + password + `"}}}`
}

var demoUserLogin = apiKeyLogin(identity.DemoUser, identity.DemoUserAPIKey)

func login(t *testing.T, base string) string {
	t.Helper()
	r := call(t, "POST", base+"/v2.0/tokens", demoUserLogin)
	if r.status != 200 {
		t.Fatalf("login: %d %s", r.status, r.body)
	}
	var a struct {
		Access struct {
			Token struct {
				ID string `json:"id"`
			} `json:"token"`
		} `json:"access"`
	}
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatal(err)
	}
	return a.Access.Token.ID
}

func addFault(t *testing.T, base, body string) string {
	t.Helper()
	r := call(t, "POST", base+"/_emulator/faults", body)
	if r.status != http.StatusCreated {
		t.Fatalf("add fault %s: %d %s", body, r.status, r.body)
	}
	id, ok := r.json(t)["id"].(string)
	if !ok {
		t.Fatalf("add fault: no id in %s", r.body)
	}
	return id
}

// field digs into decoded JSON, failing the test on a shape it did not expect.
func field[T any](t *testing.T, v any, path ...any) T {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v is not an object", v)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("%v is not a list with index %d", v, k)
			}
			v = l[k]
		}
	}
	out, ok := v.(T)
	if !ok {
		t.Fatalf("%v (%T) is not a %T", v, v, out)
	}
	return out
}
