package acronis

import (
	"fmt"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// tenantJSON has every required field of the tenant object (A.3), constant
// where the emulator models nothing.
type tenantJSON struct {
	ID                      string         `json:"id"`
	Version                 int64          `json:"version"`
	Name                    string         `json:"name"`
	Kind                    string         `json:"kind"`
	ParentID                string         `json:"parent_id"`
	CustomerType            string         `json:"customer_type"`
	Enabled                 bool           `json:"enabled"`
	CreatedAt               string         `json:"created_at"`
	UpdatedAt               string         `json:"updated_at"`
	DeletedAt               *string        `json:"deleted_at"`
	ProductionStartDate     *string        `json:"production_start_date"`
	Contact                 map[string]any `json:"contact"`
	Contacts                []any          `json:"contacts"`
	BrandID                 int            `json:"brand_id"`
	BrandEnabled            bool           `json:"brand_enabled"`
	InternalTag             *string        `json:"internal_tag"`
	Language                string         `json:"language"`
	OwnerID                 *string        `json:"owner_id"`
	HasChildren             bool           `json:"has_children"`
	AncestralAccess         bool           `json:"ancestral_access"`
	UpdateLock              updateLockJSON `json:"update_lock"`
	MFAStatus               string         `json:"mfa_status"`
	PricingMode             string         `json:"pricing_mode"`
	ExternalOperationStatus *string        `json:"external_operation_status"`
}

type updateLockJSON struct {
	Enabled bool    `json:"enabled"`
	OwnerID *string `json:"owner_id"`
}

// handleGetTenant ignores embed_path and allow_deleted: nothing is deleted.
func (a *API) handleGetTenant(w http.ResponseWriter, r *http.Request) {
	a.serveTenant(w, r, nil, func(t *tenant) (any, *apiError) { return a.tenantBody(t), nil })
}

// serveTenant answers with what serve returns after every tenant route's
// checks: token, path id, schema (a PUT's body), tenant access.
func (a *API) serveTenant(w http.ResponseWriter, r *http.Request, schema func() *apiError, serve func(*tenant) (any, *apiError)) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	id := r.PathValue("tenant_id")
	c, e := a.authenticate(r)
	if e == nil {
		e = checkTenantID(id)
	}
	if e == nil && schema != nil {
		e = schema()
	}
	var t *tenant
	if e == nil {
		t, e = a.accessibleTenant(c, id)
	}
	var body any
	if e == nil {
		body, e = serve(t)
	}
	if e != nil {
		e.write(w)
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, body)
}

// checkTenantID. Inferred: 400, the likelier of the notes' two statuses (A.0).
func checkTenantID(id string) *apiError {
	if uuidRE.MatchString(id) {
		return nil
	}
	return errBadRequest(fmt.Sprintf("tenant_id %q is not a UUID in lowercase 8-4-4-4-12 form.", id))
}

// accessibleTenant: unknown is 404 for every caller, outside the client's
// subtree 403 (A.1.3).
func (a *API) accessibleTenant(c *client, id string) (*tenant, *apiError) {
	t := a.St.tenants[id]
	if t == nil {
		return nil, errTenantNotFound(id)
	}
	for cur := t; cur != nil; cur = a.St.tenants[cur.ParentID] {
		if cur.ID == c.TenantID {
			return t, nil
		}
	}
	return nil, errAccessDenied(id)
}

func (a *API) tenantBody(t *tenant) tenantJSON {
	parent := t.ParentID
	if t.Kind == KindRoot {
		// The real root names itself as its parent (A.3).
		parent = t.ID
	}
	// Inferred: the tenant object's own enum has no disable_in_progress,
	// so a disable shows as "disabled" here at once.
	status := MFADisabled
	if a.mfaSource(t).mfaEnabled {
		status = MFAEnabled
	}
	return tenantJSON{
		ID: t.ID, Version: t.Version, Name: t.Name, Kind: t.Kind, ParentID: parent,
		// Inferred: the emulator models no customer types or branding.
		CustomerType: "default",
		Enabled:      t.Enabled,
		CreatedAt:    formatTime(t.CreatedAt),
		UpdatedAt:    formatTime(t.UpdatedAt),
		Contact:      map[string]any{},
		Contacts:     []any{},
		BrandID:      1, BrandEnabled: true,
		Language:        "en",
		HasChildren:     len(a.St.children[t.ID]) > 0,
		AncestralAccess: true,
		MFAStatus:       status,
		PricingMode:     "production",
	}
}

// mfaSource is t or, for folders and units, the nearest other ancestor (A.2.2).
func (a *API) mfaSource(t *tenant) *tenant {
	for t.inherits() {
		p := a.St.tenants[t.ParentID]
		if p == nil {
			break
		}
		t = p
	}
	return t
}

// formatTime is the spec's form, UTC with a Z (A.0).
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05Z")
}
