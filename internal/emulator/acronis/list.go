package acronis

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// FetchTenantsBatch (more-endpoints B.1).
const (
	// DefaultTenantsLimit is limit's documented default; no cap is documented.
	DefaultTenantsLimit = 5000
	// MaxTenantUUIDs bounds the uuids filter.
	MaxTenantUUIDs = 100
)

// Levels of detail of GET /tenants (B.1).
const (
	LODStamps = "stamps"
	LODBasic  = "basic"
	LODFull   = "full"
)

// tenantQuery is everything a later page must repeat; the cursor carries it whole, since the
// API wants `after` sent alone (B.1).
type tenantQuery struct {
	Mode   string    `json:"m"` // "parent", "subtree", "uuids"; "" lists the caller's subtree
	Root   string    `json:"r,omitempty"`
	UUIDs  []string  `json:"u,omitempty"`
	Since  time.Time `json:"s,omitzero"`
	LOD    string    `json:"l"`
	Limit  int       `json:"n"`
	Offset int       `json:"o"`
	// Client binds the cursor to whoever listed. Inferred: another client's cursor is refused.
	Client string `json:"c"`
}

// tenantBatchJSON is tenantBatch (B.1).
type tenantBatchJSON struct {
	Timestamp string      `json:"timestamp"`
	Items     []any       `json:"items"`
	Paging    *pagingJSON `json:"paging,omitempty"`
}

type pagingJSON struct {
	Cursors cursorsJSON `json:"cursors"`
}

type cursorsJSON struct {
	After string `json:"after,omitempty"`
}

// stampsJSON is lod=stamps; basicJSON adds name, kind and enabled. Both forbid other
// properties in the spec, so they carry no more. Inferred: contacts and offering_items are
// left out as the emulator models neither.
type stampsJSON struct {
	ID        string  `json:"id"`
	ParentID  string  `json:"parent_id"`
	Version   int64   `json:"version"`
	CreatedAt string  `json:"created_at"`
	UpdatedAt string  `json:"updated_at"`
	DeletedAt *string `json:"deleted_at"`
}

type basicJSON struct {
	stampsJSON
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Enabled bool   `json:"enabled"`
}

// handleListTenants is FetchTenantsBatch. Inferred order of checks: token, query, tenant
// access, as the tenant routes do.
func (a *API) handleListTenants(w http.ResponseWriter, r *http.Request) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	c, e := a.authenticate(r)
	var q tenantQuery
	if e == nil {
		q, e = parseTenantQuery(r.URL.Query(), c.ID)
	}
	var items []*tenant
	if e == nil {
		items, e = a.selectTenants(c, q)
	}
	if e != nil {
		e.write(w)
		return
	}
	q.Offset = min(q.Offset, len(items))
	end := min(q.Offset+q.Limit, len(items))
	out := tenantBatchJSON{Timestamp: formatTime(a.Now()), Items: make([]any, 0, end-q.Offset)}
	for _, t := range items[q.Offset:end] {
		out.Items = append(out.Items, a.tenantItem(t, q.LOD))
	}
	// Inferred from the official samples' loops: the last page has no cursor (B.1).
	if end < len(items) {
		next := q
		next.Offset = end
		out.Paging = &pagingJSON{Cursors: cursorsJSON{After: encodeCursor(next)}}
	}
	emuhttp.WriteJSON(w, http.StatusOK, out)
}

// filterParams are the parameters the cursor replaces.
var filterParams = []string{"uuids", "parent_id", "subtree_root_id", "updated_since", "limit", "lod"}

func parseTenantQuery(v url.Values, clientID string) (tenantQuery, *apiError) {
	if v.Has("after") {
		// Inferred: the cursor encodes every filter, so repeating one is a mistake we refuse
		// rather than guess which wins.
		for _, p := range filterParams {
			if v.Has(p) {
				return tenantQuery{}, errBadRequest(fmt.Sprintf("The after cursor already encodes every filter; send it without %s.", p))
			}
		}
		q, ok := decodeCursor(v.Get("after"))
		if !ok || q.Client != clientID {
			return tenantQuery{}, errBadRequest("The after cursor is not one this API issued to this client.")
		}
		return q, nil
	}
	if e := checkBoolParam(v, "allow_deleted"); e != nil {
		return tenantQuery{}, e
	}
	q := tenantQuery{LOD: LODFull, Limit: DefaultTenantsLimit, Client: clientID}
	var set []string
	for _, p := range []string{"uuids", "parent_id", "subtree_root_id"} {
		if v.Has(p) {
			set = append(set, p)
		}
	}
	if len(set) > 1 {
		// Inferred: 400 is in the response list; message and code are ours (B.1).
		return q, errBadRequest(fmt.Sprintf("The parameters %s are mutually exclusive.", strings.Join(set, " and ")))
	}
	switch {
	case v.Has("parent_id"), v.Has("subtree_root_id"):
		q.Mode, q.Root = "parent", v.Get("parent_id")
		if v.Has("subtree_root_id") {
			q.Mode, q.Root = "subtree", v.Get("subtree_root_id")
		}
		if !uuidRE.MatchString(q.Root) {
			return q, errBadRequest(fmt.Sprintf("%s %q is not a UUID in lowercase 8-4-4-4-12 form.", set[0], q.Root))
		}
	case v.Has("uuids"):
		q.Mode = "uuids"
		for id := range strings.SplitSeq(v.Get("uuids"), ",") {
			if !uuidRE.MatchString(id) {
				return q, errBadRequest(fmt.Sprintf("uuids: %q is not a UUID in lowercase 8-4-4-4-12 form.", id))
			}
			if !slices.Contains(q.UUIDs, id) {
				q.UUIDs = append(q.UUIDs, id)
			}
		}
		if len(q.UUIDs) > MaxTenantUUIDs {
			return q, errBadRequest(fmt.Sprintf("uuids takes at most %d UUIDs, not %d.", MaxTenantUUIDs, len(q.UUIDs)))
		}
	}
	if s := v.Get("updated_since"); v.Has("updated_since") {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return q, errBadRequest(fmt.Sprintf("updated_since %q is not an RFC 3339 date-time.", s))
		}
		q.Since = t.UTC()
	}
	if v.Has("limit") {
		n, err := strconv.Atoi(v.Get("limit"))
		if err != nil || n < 1 {
			return q, errBadRequest(fmt.Sprintf("limit %q is not an integer of at least 1.", v.Get("limit")))
		}
		q.Limit = n
	}
	if v.Has("lod") {
		q.LOD = v.Get("lod")
		if !slices.Contains([]string{LODStamps, LODBasic, LODFull}, q.LOD) {
			return q, errBadRequest(fmt.Sprintf("lod %q is not stamps, basic or full.", q.LOD))
		}
	}
	return q, nil
}

// checkBoolParam: allow_deleted is accepted and has nothing to add, as nothing is ever deleted
// in the emulator.
func checkBoolParam(v url.Values, name string) *apiError {
	if !v.Has(name) {
		return nil
	}
	if _, err := strconv.ParseBool(v.Get(name)); err != nil {
		return errBadRequest(fmt.Sprintf("%s %q is not a boolean.", name, v.Get(name)))
	}
	return nil
}

// selectTenants lists what q asks for in the API's order. A named tenant outside the caller's
// subtree answers as GET /tenants/{id} does: 404 when unknown, else 403 (A.1.3).
func (a *API) selectTenants(c *client, q tenantQuery) ([]*tenant, *apiError) {
	var out []*tenant
	switch q.Mode {
	case "uuids":
		// Inferred: in the order asked, each once.
		for _, id := range q.UUIDs {
			t, e := a.accessibleTenant(c, id)
			if e != nil {
				return nil, e
			}
			out = append(out, t)
		}
	case "parent":
		if _, e := a.accessibleTenant(c, q.Root); e != nil {
			return nil, e
		}
		// Inferred: children in fixture order, as no order is documented.
		out = slices.Clone(a.St.children[q.Root])
	default:
		// Inferred: with no tenant filter, the caller's whole subtree.
		root := cmp.Or(q.Root, c.TenantID)
		t, e := a.accessibleTenant(c, root)
		if e != nil {
			return nil, e
		}
		out = a.subtree(t)
	}
	if !q.Since.IsZero() {
		out = slices.DeleteFunc(out, func(t *tenant) bool { return !t.UpdatedAt.After(q.Since) })
	}
	return out, nil
}

// subtree is t and every tenant below it, level by level (B.1), each level in fixture order.
func (a *API) subtree(t *tenant) []*tenant {
	out := []*tenant{t}
	for i := 0; i < len(out); i++ {
		out = append(out, a.St.children[out[i].ID]...)
	}
	return out
}

func (a *API) tenantItem(t *tenant, lod string) any {
	full := a.tenantBody(t)
	stamps := stampsJSON{ID: full.ID, ParentID: full.ParentID, Version: full.Version,
		CreatedAt: full.CreatedAt, UpdatedAt: full.UpdatedAt}
	switch lod {
	case LODStamps:
		return stamps
	case LODBasic:
		return basicJSON{stamps, full.Name, full.Kind, full.Enabled}
	}
	return full
}

func encodeCursor(q tenantQuery) string {
	b, _ := json.Marshal(q)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (tenantQuery, bool) {
	var q tenantQuery
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &q) != nil || q.Limit < 1 || q.Offset < 0 {
		return tenantQuery{}, false
	}
	return q, true
}
