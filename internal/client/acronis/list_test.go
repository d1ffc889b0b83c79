package acronis

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// pagedTenants answers GET /api/2/tenants from pages: the first is served to the first query,
// each later one only to ?after=<the cursor before it> sent alone.
type pagedTenants struct {
	t       *testing.T
	first   url.Values
	pages   [][]map[string]any
	queries []string
	// fail, when set, answers the request instead (n counts listing requests from 1).
	fail func(n int, w http.ResponseWriter) bool
}

func (p *pagedTenants) serve(_ int, w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != "/api/2/tenants" {
		return false
	}
	p.queries = append(p.queries, r.URL.RawQuery)
	if p.fail != nil && p.fail(len(p.queries), w) {
		return true
	}
	q := r.URL.Query()
	page := 0
	if after := q.Get("after"); after != "" {
		if len(q) != 1 {
			writeEnvelope(w, 400, 400, "after goes alone", nil)
			return true
		}
		page = slices.Index([]string{"", "c1", "c2", "c3"}, after)
	} else if q.Encode() != p.first.Encode() {
		p.t.Errorf("first query %s, want %s", q.Encode(), p.first.Encode())
	}
	body := map[string]any{"timestamp": "2026-03-01T12:00:00Z", "items": p.pages[page]}
	if page+1 < len(p.pages) {
		body["paging"] = map[string]any{"cursors": map[string]any{"after": []string{"c1", "c2", "c3"}[page]}}
	}
	writeJSON(w, 200, body)
	return true
}

func item(id, kind string) map[string]any {
	return map[string]any{"id": id, "name": "T " + id[:4], "kind": kind, "parent_id": partnerID, "enabled": true,
		"version": 1, "mfa_status": "disabled", "customer_type": "default"}
}

const (
	t1 = "a1111111-1111-4111-8111-111111111111"
	t2 = "a2222222-2222-4222-8222-222222222222"
	t3 = "a3333333-3333-4333-8333-333333333333"
	t4 = "a4444444-4444-4444-8444-444444444444"
	t5 = "a5555555-5555-4555-8555-555555555555"
)

func ids(ts []Tenant) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID)
	}
	return out
}

func TestListTenantsFollowsEveryPage(t *testing.T) {
	s := newStub(t)
	p := &pagedTenants{t: t, first: url.Values{"parent_id": {partnerID}, "limit": {"2"}},
		pages: [][]map[string]any{{item(t1, "customer"), item(t2, "folder")}, {item(t3, "customer"), item(t4, "partner")}, {item(t5, "customer")}}}
	s.onAPI = p.serve
	c := s.start(Config{})
	got, err := c.ListTenants(t.Context(), TenantListing{RootID: partnerID, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{t1, t2, t3, t4, t5}) {
		t.Errorf("ids %v", ids(got))
	}
	want := Tenant{ID: t2, Name: "T a222", Kind: "folder", ParentID: partnerID, Enabled: true, Version: 1, MFAStatus: "disabled"}
	if got[1] != want {
		t.Errorf("tenant %+v, want %+v", got[1], want)
	}
	if !slices.Equal(p.queries, []string{"limit=2&parent_id=" + partnerID, "after=c1", "after=c2"}) {
		t.Errorf("queries %q: one per page, the cursor alone after the first", p.queries)
	}
	if got := FilterTenantKinds(got, []string{"customer"}); !slices.Equal(ids(got), []string{t1, t3, t5}) {
		t.Errorf("customers %v", ids(got))
	}
}

func TestListTenantsSubtreeLeavesOutTheRoot(t *testing.T) {
	s := newStub(t)
	root := item(partnerID, "partner")
	p := &pagedTenants{t: t, first: url.Values{"subtree_root_id": {partnerID}}, pages: [][]map[string]any{{root, item(t1, "customer")}}}
	s.onAPI = p.serve
	got, err := s.start(Config{}).ListTenants(t.Context(), TenantListing{RootID: partnerID, Subtree: true})
	if err != nil || !slices.Equal(ids(got), []string{t1}) {
		t.Fatalf("ListTenants = %v, %v", ids(got), err)
	}
}

// A page answered 503 once is retried by the client's policy; one that keeps failing fails
// the whole listing, naming the page and its cursor, and returns nothing.
func TestListTenantsPageFailures(t *testing.T) {
	pages := [][]map[string]any{{item(t1, "customer")}, {item(t2, "customer")}, {item(t3, "customer")}}
	for _, tc := range []struct {
		name    string
		fail    func(n int, w http.ResponseWriter) bool
		queries int
		wantErr string
	}{
		{"503 once", func(n int, w http.ResponseWriter) bool {
			if n == 2 {
				writeEnvelope(w, 503, 503, "Service Unavailable", nil)
			}
			return n == 2
		}, 4, ""},
		{"503 always", func(n int, w http.ResponseWriter) bool {
			if n >= 2 {
				writeEnvelope(w, 503, 503, "Service Unavailable", nil)
			}
			return n >= 2
		}, 1 + 3, "acronis: list tenants below " + partnerID + ", page 2 (after=c1): HTTP 503"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStub(t)
			p := &pagedTenants{t: t, first: url.Values{"parent_id": {partnerID}}, pages: pages, fail: tc.fail}
			s.onAPI = p.serve
			got, err := s.start(Config{RetryMax: 2}).ListTenants(t.Context(), TenantListing{RootID: partnerID})
			if len(p.queries) != tc.queries {
				t.Errorf("%d requests, want %d", len(p.queries), tc.queries)
			}
			if tc.wantErr == "" {
				if err != nil || !slices.Equal(ids(got), []string{t1, t2, t3}) {
					t.Errorf("ListTenants = %v, %v", ids(got), err)
				}
				return
			}
			if got != nil {
				t.Errorf("partial result %v", ids(got))
			}
			_ = asError(t, err, KindServer)
			if !strings.HasPrefix(err.Error(), tc.wantErr) {
				t.Errorf("error %q, want it to start %q", err, tc.wantErr)
			}
		})
	}
}

func TestListTenantsRefusedAndMalformed(t *testing.T) {
	s := newStub(t)
	s.onAPI = func(_ int, w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Query().Get("parent_id") == unitID {
			writeJSON(w, 200, map[string]any{"timestamp": "x"})
		} else {
			writeEnvelope(w, 403, 1002, "The account does not own a tenant being accessed", nil)
		}
		return true
	}
	c := s.start(Config{})
	_, err := c.ListTenants(t.Context(), TenantListing{RootID: customerID})
	_ = asError(t, err, KindForbidden)
	_, err = c.ListTenants(t.Context(), TenantListing{RootID: unitID})
	if err == nil || !strings.Contains(err.Error(), "page 1: HTTP 200: unexpected response: no items") {
		t.Errorf("no items: %v", err)
	}
}

func TestOwnTenantID(t *testing.T) {
	s := newStub(t)
	s.onAPI = func(_ int, w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/2/clients/"+testClientID {
			t.Errorf("request %s", r.URL.Path)
		}
		writeJSON(w, 200, map[string]any{"client_id": testClientID, "tenant_id": partnerID, "type": "api_client", "status": "enabled"})
		return true
	}
	c := s.start(Config{})
	for range 2 {
		if id, err := c.OwnTenantID(t.Context()); err != nil || id != partnerID {
			t.Fatalf("OwnTenantID = %q, %v", id, err)
		}
	}
	if n := s.apiCount(); n != 1 {
		t.Errorf("%d requests, want 1: the tenant is asked once", n)
	}
}

func TestTenantInheritsMFA(t *testing.T) {
	for _, k := range TenantKinds {
		if TenantInheritsMFA(k) != (k == TenantKindFolder || k == TenantKindUnit) {
			t.Errorf("%s", k)
		}
	}
}
