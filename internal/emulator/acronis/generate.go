package acronis

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
)

// TenantGroup is Count generated tenants of one kind under one parent: a fleet in one line of
// a fixture. Tenant i (from 1) is named "<NamePrefix> <i>", zero-padded to the width of Count,
// and its ID is GeneratedTenantID(ParentID, Kind, NamePrefix, i), so the same group always
// yields the same tenants.
type TenantGroup struct {
	ParentID           string `json:"parent_id"`
	Count              int    `json:"count"`
	Kind               string `json:"kind,omitempty"`        // default customer
	NamePrefix         string `json:"name_prefix,omitempty"` // default "Customer"
	MFAEnabled         bool   `json:"mfa_enabled,omitempty"`
	UsersCount         int    `json:"users_count,omitempty"`
	UsersWithTOTPCount int    `json:"users_with_totp_count,omitempty"`
}

// Tenants expands the group.
func (g TenantGroup) Tenants() []TenantFixture {
	kind, prefix := cmp.Or(g.Kind, KindCustomer), cmp.Or(g.NamePrefix, "Customer")
	width := len(strconv.Itoa(g.Count))
	out := make([]TenantFixture, 0, max(g.Count, 0))
	for i := 1; i <= g.Count; i++ {
		out = append(out, TenantFixture{
			ID:   GeneratedTenantID(g.ParentID, kind, prefix, i),
			Name: fmt.Sprintf("%s %0*d", prefix, width, i), Kind: kind, ParentID: g.ParentID,
			MFAEnabled: g.MFAEnabled, UsersCount: g.UsersCount, UsersWithTOTPCount: g.UsersWithTOTPCount,
		})
	}
	return out
}

// GeneratedTenantID is the ID of tenant i of a TenantGroup: a lowercase version-4-shaped UUID
// hashed from the group's parent, kind, name prefix and i.
func GeneratedTenantID(parentID, kind, namePrefix string, i int) string {
	sum := sha256.Sum256([]byte(parentID + "\x00" + kind + "\x00" + namePrefix + "\x00" + strconv.Itoa(i)))
	sum[6] = sum[6]&0x0f | 0x40
	sum[8] = sum[8]&0x3f | 0x80
	h := hex.EncodeToString(sum[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// AllTenants is Tenants followed by every group's tenants, in the order the API lists them.
func (f Fixture) AllTenants() []TenantFixture {
	if len(f.TenantGroups) == 0 {
		return f.Tenants
	}
	out := append([]TenantFixture(nil), f.Tenants...)
	for _, g := range f.TenantGroups {
		out = append(out, g.Tenants()...)
	}
	return out
}

// AddTenantGroup appends g and returns the IDs of its tenants in order; the fixture stays
// small as JSON however large the group.
func (f *Fixture) AddTenantGroup(g TenantGroup) []string {
	f.TenantGroups = append(f.TenantGroups, g)
	ids := make([]string, 0, max(g.Count, 0))
	for _, t := range g.Tenants() {
		ids = append(ids, t.ID)
	}
	return ids
}
