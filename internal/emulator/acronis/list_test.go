package acronis

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
)

type batch struct {
	Timestamp string           `json:"timestamp"`
	Items     []map[string]any `json:"items"`
	Paging    *struct {
		Cursors map[string]string `json:"cursors"`
	} `json:"paging"`
}

func (r response) batch(t *testing.T) batch {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("status = %d, want 200; body %s", r.status, r.body)
	}
	var keys map[string]json.RawMessage
	_ = json.Unmarshal(r.body, &keys)
	for k := range keys {
		if k != "timestamp" && k != "items" && k != "paging" {
			t.Fatalf("batch %s has key %q", r.body, k)
		}
	}
	var b batch
	if err := json.Unmarshal(r.body, &b); err != nil || b.Timestamp == "" || b.Items == nil {
		t.Fatalf("batch %s: %v", r.body, err)
	}
	return b
}

// after is the next page's cursor, "" on the last page, which must have no paging at all.
func (b batch) after(t *testing.T) string {
	t.Helper()
	if b.Paging == nil {
		return ""
	}
	if len(b.Paging.Cursors) != 1 || b.Paging.Cursors["after"] == "" {
		t.Fatalf("paging %+v: want cursors with only a non-empty after", b.Paging)
	}
	return b.Paging.Cursors["after"]
}

func (b batch) ids() []string {
	var out []string
	for _, it := range b.Items {
		id, _ := it["id"].(string)
		out = append(out, id)
	}
	return out
}

func (e *env) list(tok string, kv ...string) response {
	e.t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return e.get("/api/2/tenants?"+v.Encode(), tok)
}

// fleetFixture is the demo with 25 generated customers under the demo partner.
func fleetFixture() (Fixture, []string) {
	fx := DemoFixture()
	ids := fx.AddTenantGroup(TenantGroup{ParentID: DemoPartnerTenantID, Count: 25})
	return fx, ids
}

func TestListTenantsFilters(t *testing.T) {
	fx, fleet := fleetFixture()
	e := newEnv(t, fx)
	tok := e.token()

	children := append([]string{DemoCustomerTenantID, DemoFolderTenantID, DemoEnrolledCustomerTenantID}, fleet...)
	b := e.list(tok, "parent_id", DemoPartnerTenantID).batch(t)
	if got := b.ids(); !slices.Equal(got, children) || b.after(t) != "" {
		t.Errorf("parent_id: %v, want %v on one page", got, children)
	}
	// The subtree includes its root and goes level by level: the unit (level 2) comes last.
	b = e.list(tok, "subtree_root_id", DemoPartnerTenantID).batch(t)
	want := append(append([]string{DemoPartnerTenantID}, children...), DemoUnitTenantID)
	if got := b.ids(); !slices.Equal(got, want) {
		t.Errorf("subtree_root_id: %v, want %v", got, want)
	}
	// Without a tenant filter: the caller's subtree.
	if got := e.list(tok).batch(t).ids(); !slices.Equal(got, want) {
		t.Errorf("no filter: %v, want %v", got, want)
	}
	b = e.list(tok, "uuids", DemoUnitTenantID+","+DemoCustomerTenantID).batch(t)
	if got := b.ids(); !slices.Equal(got, []string{DemoUnitTenantID, DemoCustomerTenantID}) {
		t.Errorf("uuids: %v", got)
	}
	if got := e.list(tok, "parent_id", DemoUnitTenantID).batch(t); len(got.Items) != 0 || got.after(t) != "" {
		t.Errorf("a leaf's children: %+v", got)
	}
	// updated_since keeps what changed after it.
	e.clock.Advance(60e9)
	since := e.clock.Now().Format("2006-01-02T15:04:05Z")
	e.clock.Advance(60e9)
	e.updateTenant(fleet[3], TenantPatch{MFAEnabled: ptr(true)})
	if got := e.list(tok, "parent_id", DemoPartnerTenantID, "updated_since", since).batch(t).ids(); !slices.Equal(got, fleet[3:4]) {
		t.Errorf("updated_since: %v", got)
	}
}

func TestListTenantsPaging(t *testing.T) {
	fx, fleet := fleetFixture()
	e := newEnv(t, fx)
	tok := e.token()
	all := append([]string{DemoCustomerTenantID, DemoFolderTenantID, DemoEnrolledCustomerTenantID}, fleet...) // 28

	var got []string
	pages := 0
	r := e.list(tok, "parent_id", DemoPartnerTenantID, "limit", "10", "lod", "basic")
	for {
		b := r.batch(t)
		pages++
		if n := len(b.Items); n != min(10, len(all)-len(got)) {
			t.Fatalf("page %d has %d items", pages, n)
		}
		for _, it := range b.Items {
			if len(it) != 9 { // basic: the filters and lod travel in the cursor
				t.Fatalf("page %d item %v is not basic", pages, it)
			}
		}
		got = append(got, b.ids()...)
		after := b.after(t)
		if after == "" {
			break
		}
		r = e.list(tok, "after", after)
	}
	if pages != 3 || !slices.Equal(got, all) {
		t.Errorf("%d pages listing %v, want 3 listing %v", pages, got, all)
	}
	// An exact fit ends without a cursor.
	if b := e.list(tok, "parent_id", DemoPartnerTenantID, "limit", "28").batch(t); len(b.Items) != 28 || b.after(t) != "" {
		t.Errorf("limit 28: %d items, after %q", len(b.Items), b.after(t))
	}

	// The cursor goes alone, is opaque, and belongs to its client.
	cursor := e.list(tok, "parent_id", DemoPartnerTenantID, "limit", "1").batch(t).after(t)
	for _, p := range filterParams {
		e.list(tok, "after", cursor, p, "x").wantError(t, 400, 400, "")
	}
	e.list(tok, "after", "not-a-cursor").wantError(t, 400, 400, "")
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "s", TenantID: DemoPartnerTenantID})
	e2 := newEnv(t, fx)
	e2.list(e2.tokenFor("99999999-9999-4999-8999-999999999999", "s"), "after", cursor).wantError(t, 400, 400, "")
}

func TestListTenantsRefusals(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	for _, kv := range [][]string{
		{"parent_id", DemoPartnerTenantID, "subtree_root_id", DemoPartnerTenantID},
		{"uuids", DemoPartnerTenantID, "parent_id", DemoPartnerTenantID},
		{"uuids", DemoPartnerTenantID, "subtree_root_id", DemoPartnerTenantID},
	} {
		got := e.list(tok, kv...).wantError(t, 400, 400, "")
		if !strings.Contains(got.Details.Info, "mutually exclusive") {
			t.Errorf("%v: %+v", kv, got)
		}
	}
	var many []string
	for i := range 101 {
		many = append(many, fmt.Sprintf("%08x-0000-4000-8000-000000000000", i))
	}
	if got := e.list(tok, "uuids", strings.Join(many, ",")).wantError(t, 400, 400, ""); !strings.Contains(got.Details.Info, "at most 100") {
		t.Errorf("101 uuids: %+v", got)
	}
	for _, kv := range [][]string{
		{"parent_id", "NOT-A-UUID"}, {"subtree_root_id", ""}, {"uuids", DemoPartnerTenantID + ",x"},
		{"limit", "0"}, {"limit", "ten"}, {"lod", "everything"}, {"updated_since", "yesterday"}, {"allow_deleted", "maybe"},
	} {
		e.list(tok, kv...).wantError(t, 400, 400, "")
	}
	e.get("/api/2/tenants", "").wantError(t, 401, 401, "")

	// Outside the caller's subtree as GET /tenants/{id} answers: 403, or 404 when unknown.
	for _, p := range []string{"parent_id", "subtree_root_id", "uuids"} {
		e.list(tok, p, DemoOtherPartnerTenantID).wantError(t, 403, 1002, DemoOtherPartnerTenantID)
		e.list(tok, p, DemoRootTenantID).wantError(t, 403, 1002, DemoRootTenantID)
		e.list(tok, p, "99999999-9999-4999-8999-999999999999").wantError(t, 404, 1005, "99999999-9999-4999-8999-999999999999")
	}
	// allow_deleted is accepted: nothing is ever deleted here.
	if n := len(e.list(tok, "parent_id", DemoPartnerTenantID, "allow_deleted", "true").batch(t).Items); n != 3 {
		t.Errorf("allow_deleted: %d items", n)
	}
}

func TestListTenantsLOD(t *testing.T) {
	e := newEnv(t, DemoFixture())
	tok := e.token()
	stamps := []string{"created_at", "deleted_at", "id", "parent_id", "updated_at", "version"}
	basic := append(slices.Clone(stamps), "enabled", "kind", "name")
	slices.Sort(basic)
	for lod, want := range map[string][]string{"stamps": stamps, "basic": basic} {
		it := e.list(tok, "uuids", DemoEnrolledCustomerTenantID, "lod", lod).batch(t).Items[0]
		if got := slices.Sorted(maps.Keys(it)); !slices.Equal(got, want) {
			t.Errorf("lod=%s keys %v, want %v", lod, got, want)
		}
	}
	// full (the default) is the tenant object, mfa_status included.
	for _, kv := range [][]string{{"lod", "full"}, nil} {
		it := e.list(tok, append([]string{"uuids", DemoEnrolledCustomerTenantID}, kv...)...).batch(t).Items[0]
		one := e.get("/api/2/tenants/"+DemoEnrolledCustomerTenantID, tok).object(t)
		if fmt.Sprint(it) != fmt.Sprint(one) || it["mfa_status"] != "enabled" || it["kind"] != "customer" {
			t.Errorf("lod %v item %v, want %v", kv, it, one)
		}
	}
}

func TestListTenantsVisibilityOfACustomerClient(t *testing.T) {
	fx := DemoFixture()
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "s", TenantID: DemoCustomerTenantID})
	e := newEnv(t, fx)
	tok := e.tokenFor("99999999-9999-4999-8999-999999999999", "s")
	if got := e.list(tok).batch(t).ids(); !slices.Equal(got, []string{DemoCustomerTenantID, DemoUnitTenantID}) {
		t.Errorf("customer client sees %v", got)
	}
	e.list(tok, "parent_id", DemoPartnerTenantID).wantError(t, 403, 1002, DemoPartnerTenantID)
}

func TestGetClient(t *testing.T) {
	fx := DemoFixture()
	fx.Clients = append(fx.Clients, ClientFixture{ID: "99999999-9999-4999-8999-999999999999", Secret: "s", TenantID: DemoCustomerTenantID},
		ClientFixture{ID: "98989898-9898-4898-8898-989898989898", Secret: "s", TenantID: DemoOtherPartnerTenantID})
	e := newEnv(t, fx)
	tok := e.token()
	for id, tenant := range map[string]string{DemoClientID: DemoPartnerTenantID, "99999999-9999-4999-8999-999999999999": DemoCustomerTenantID} {
		got := e.get("/api/2/clients/"+id, tok).object(t)
		if got["client_id"] != id || got["tenant_id"] != tenant || got["status"] != "enabled" || got["client_secret"] != nil {
			t.Errorf("client %s: %v", id, got)
		}
	}
	e.get("/api/2/clients/98989898-9898-4898-8898-989898989898", tok).wantError(t, 403, 1002, DemoOtherPartnerTenantID)
	e.get("/api/2/clients/97979797-9797-4797-8797-979797979797", tok).wantError(t, 404, 404, "")
	e.get("/api/2/clients/nope", tok).wantError(t, 400, 400, "")
}

func TestTenantGroups(t *testing.T) {
	fx := DemoFixture()
	ids := fx.AddTenantGroup(TenantGroup{ParentID: DemoPartnerTenantID, Count: 5000})
	again := TenantGroup{ParentID: DemoPartnerTenantID, Count: 5000}.Tenants()
	if len(ids) != 5000 || ids[0] != again[0].ID || again[0].Name != "Customer 0001" || again[4999].Name != "Customer 5000" {
		t.Fatalf("group: %d ids, first %s %+v, last %+v", len(ids), ids[0], again[0], again[4999])
	}
	if !uuidRE.MatchString(ids[0]) || len(fx.Tenants) != len(DemoFixture().Tenants) {
		t.Fatalf("id %s, %d plain tenants", ids[0], len(fx.Tenants))
	}
	// JSON keeps the group compact and loads the same tenants.
	b, _ := json.Marshal(fx)
	if len(b) > 4000 {
		t.Errorf("fixture JSON is %d bytes", len(b))
	}
	var back Fixture
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, back)
	tok := e.token()
	page := e.list(tok, "parent_id", DemoPartnerTenantID, "lod", "basic").batch(t)
	// The default limit is 5000: the 5003 children take two pages.
	if len(page.Items) != DefaultTenantsLimit || page.after(t) == "" || page.Items[3]["id"] != ids[0] {
		t.Fatalf("first page: %d items, after %q", len(page.Items), page.after(t))
	}
	last := e.list(tok, "after", page.after(t)).batch(t)
	if len(last.Items) != 3 || last.after(t) != "" || last.Items[2]["name"] != "Customer 5000" {
		t.Errorf("last page: %v", last.Items)
	}

	bad := DemoFixture()
	bad.TenantGroups = []TenantGroup{{ParentID: DemoPartnerTenantID}, {ParentID: DemoUnitTenantID, Count: 1}}
	err := bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "tenant_groups[0]: count must be at least 1") || !strings.Contains(err.Error(), "cannot be under the unit") {
		t.Errorf("Validate: %v", err)
	}
}
