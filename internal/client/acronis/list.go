package acronis

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
)

const (
	opListTenants = "list tenants"
	opGetClient   = "get API client"
)

// The other kinds of tenant (A.3); TenantKindFolder and TenantKindUnit are with the MFA rules.
const (
	TenantKindRoot     = "root"
	TenantKindPartner  = "partner"
	TenantKindCustomer = "customer"
)

// TenantKinds are the kinds a listing below a tenant can return (the root has no parent).
var TenantKinds = []string{TenantKindPartner, TenantKindFolder, TenantKindCustomer, TenantKindUnit}

// TenantInheritsMFA reports whether tenants of kind take their MFA status from their parent,
// so that the API refuses to set it on them (A.2.2).
func TenantInheritsMFA(kind string) bool {
	return kind == TenantKindFolder || kind == TenantKindUnit
}

// DefaultTenantsPageSize is the page size GET /tenants uses when asked for none; the API
// documents no maximum.
const DefaultTenantsPageSize = 5000

// TenantListing says which tenants ListTenants returns: those below RootID, its direct
// children or (Subtree) every descendant. PageSize is the limit of each request; 0 means
// Config.TenantsPageSize, or else the API's DefaultTenantsPageSize.
type TenantListing struct {
	RootID   string
	Subtree  bool
	PageSize int
}

// ListTenants returns the tenants below l.RootID in the API's order (children in the API's
// order; a subtree level by level), the root itself excluded, with lod=full so that each
// carries its MFA status. It follows every page, one request each, and returns all of them or
// an error naming the page that failed after the client's retries; never part of a listing.
func (c *Client) ListTenants(ctx context.Context, l TenantListing) ([]Tenant, error) {
	q := url.Values{}
	if l.Subtree {
		q.Set("subtree_root_id", l.RootID)
	} else {
		q.Set("parent_id", l.RootID)
	}
	if size := cmp.Or(l.PageSize, c.pageSize); size > 0 {
		q.Set("limit", strconv.Itoa(size))
	}
	var out []Tenant
	for page := 1; ; page++ {
		op := fmt.Sprintf("%s below %s, page %d", opListTenants, l.RootID, page)
		if after := q.Get("after"); after != "" {
			op += " (after=" + shorten(after) + ")"
		}
		var b tenantBatch
		status, err := c.call(ctx, op, http.MethodGet, "/tenants?"+q.Encode(), l.RootID, nil, &b)
		if err != nil {
			return nil, err
		}
		if b.Items == nil {
			return nil, &Error{Service: APIName, Op: op, Status: status, Message: "unexpected response: no items"}
		}
		for _, t := range b.Items {
			if t.ID == "" {
				return nil, &Error{Service: APIName, Op: op, Status: status, Message: "unexpected response: an item without id"}
			}
			// subtree_root_id lists the root itself first (B.1).
			if t.ID != l.RootID {
				out = append(out, t)
			}
		}
		after := ""
		if b.Paging != nil {
			after = b.Paging.Cursors.After
		}
		if after == "" {
			return out, nil
		}
		// The cursor carries every filter and must be sent alone (B.1).
		q = url.Values{"after": {after}}
	}
}

type tenantBatch struct {
	Items  []Tenant `json:"items"`
	Paging *struct {
		Cursors struct {
			After string `json:"after"`
		} `json:"cursors"`
	} `json:"paging"`
}

// shorten keeps an error readable: cursors are opaque and can be long.
func shorten(s string) string {
	const keep = 24
	if len(s) <= keep {
		return s
	}
	return s[:keep] + "…"
}

// ownTenant caches the API client's tenant, which never changes for a client.
type ownTenant struct {
	mu sync.Mutex
	id string
}

// OwnTenantID returns the tenant of the API client the Client acts as, from GET
// /clients/{client_id}; it asks once per Client.
func (c *Client) OwnTenantID(ctx context.Context) (string, error) {
	c.own.mu.Lock()
	defer c.own.mu.Unlock()
	if c.own.id != "" {
		return c.own.id, nil
	}
	var body struct {
		TenantID string `json:"tenant_id"`
	}
	status, err := c.call(ctx, opGetClient, http.MethodGet, "/clients/"+url.PathEscape(c.oauth.ClientID), c.oauth.ClientID, nil, &body)
	if err != nil {
		return "", err
	}
	if body.TenantID == "" {
		return "", &Error{Service: APIName, Op: opGetClient, Status: status, Message: "unexpected response: no tenant_id"}
	}
	c.own.id = body.TenantID
	return c.own.id, nil
}

// FilterTenantKinds keeps the tenants whose kind is in kinds (all of them when kinds is empty).
func FilterTenantKinds(ts []Tenant, kinds []string) []Tenant {
	if len(kinds) == 0 {
		return ts
	}
	return slices.DeleteFunc(ts, func(t Tenant) bool { return !slices.Contains(kinds, t.Kind) })
}
