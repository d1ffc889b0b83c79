package acronis

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Operation names used in errors and logs.
const (
	opGetTenantMFA = "get tenant MFA status"
	opSetTenantMFA = "set tenant MFA status"
	opGetTenant    = "get tenant"
)

// The values of MFAStatus.Status.
const (
	MFAEnabled           = "enabled"
	MFADisabled          = "disabled"
	MFADisableInProgress = "disable_in_progress"
)

// MFAStatus is a tenant's two-factor authentication status as
// /tenants/{id}/mfa/status reports it.
type MFAStatus struct {
	// Status is "enabled", "disabled" or "disable_in_progress" (disabling
	// may take a while; it ends at "disabled"). Other values are passed on
	// as sent.
	Status string
	// UsersCount counts the active users of the tenant and of its folders
	// and units.
	UsersCount int
	// UsersWithTOTPEnabledCount counts those of them who have set up TOTP.
	UsersWithTOTPEnabledCount int
	// UpdateAllowed is false when this API client may not change the
	// status, always so for folder and unit tenants, which inherit it.
	UpdateAllowed bool
}

type mfaStatusWire struct {
	MFAStatus                 *string `json:"mfa_status"`
	UsersCount                int     `json:"users_count"`
	UsersWithTOTPEnabledCount int     `json:"users_with_totp_enabled_count"`
	UpdateAllowed             bool    `json:"update_allowed"`
}

func (w *mfaStatusWire) status(op string, status int) (*MFAStatus, error) {
	if w.MFAStatus == nil {
		return nil, &Error{Service: APIName, Op: op, Status: status, Message: "unexpected response: no mfa_status"}
	}
	return &MFAStatus{
		Status:                    *w.MFAStatus,
		UsersCount:                w.UsersCount,
		UsersWithTOTPEnabledCount: w.UsersWithTOTPEnabledCount,
		UpdateAllowed:             w.UpdateAllowed,
	}, nil
}

// GetTenantMFAStatus reads a tenant's MFA status. For a folder or unit it
// is the status inherited from the nearest partner or customer above.
func (c *Client) GetTenantMFAStatus(ctx context.Context, tenantID string) (*MFAStatus, error) {
	var w mfaStatusWire
	status, err := c.call(ctx, opGetTenantMFA, http.MethodGet, tenantPath(tenantID)+"/mfa/status", tenantID, nil, &w)
	if err != nil {
		return nil, err
	}
	return w.status(opGetTenantMFA, status)
}

type mfaStatusPut struct {
	Enabled bool `json:"enabled"`
}

// SetTenantMFAStatus turns MFA on or off for a tenant and returns the
// status that results, which after disabling may be "disable_in_progress".
// Folder and unit tenants refuse it (KindBusinessRule).
func (c *Client) SetTenantMFAStatus(ctx context.Context, tenantID string, enabled bool) (*MFAStatus, error) {
	var w mfaStatusWire
	status, err := c.call(ctx, opSetTenantMFA, http.MethodPut, tenantPath(tenantID)+"/mfa/status", tenantID,
		mfaStatusPut{Enabled: enabled}, &w)
	if err != nil {
		return nil, err
	}
	return w.status(opSetTenantMFA, status)
}

// Tenant is the part of a tenant object this provider uses.
type Tenant struct {
	ID, Name, Kind, ParentID string
	Enabled                  bool
	// Version is the tenant's entity version, which changes on every update.
	Version int64
	// MFAStatus is the tenant object's own field, whose values
	// ("disabled", "forcibly_disabled", "setup_required", "enabled") are
	// not those of MFAStatus.Status.
	MFAStatus string
}

type tenantWire struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	ParentID  string `json:"parent_id"`
	Enabled   bool   `json:"enabled"`
	Version   int64  `json:"version"`
	MFAStatus string `json:"mfa_status"`
}

// GetTenant reads a tenant.
func (c *Client) GetTenant(ctx context.Context, tenantID string) (*Tenant, error) {
	var w tenantWire
	status, err := c.call(ctx, opGetTenant, http.MethodGet, tenantPath(tenantID), tenantID, nil, &w)
	if err != nil {
		return nil, err
	}
	if w.ID == "" {
		return nil, &Error{Service: APIName, Op: opGetTenant, Status: status, Message: "unexpected response: no tenant id"}
	}
	return &Tenant{
		ID:        w.ID,
		Name:      w.Name,
		Kind:      w.Kind,
		ParentID:  w.ParentID,
		Enabled:   w.Enabled,
		Version:   w.Version,
		MFAStatus: w.MFAStatus,
	}, nil
}

// tenantPath sends the ID as given (the provider validates it) but escaped,
// so that whatever it holds names one tenant and no other route.
func tenantPath(tenantID string) string {
	return "/tenants/" + url.PathEscape(tenantID)
}

// call performs an API request with the shared access token and decodes a
// 2xx body into out, returning the status. When the API refuses the token
// (expired or revoked early on the server), the token is replaced once and
// the request repeated once.
func (c *Client) call(ctx context.Context, op, method, path, tenantID string, payload, out any) (int, error) {
	if strings.TrimSpace(tenantID) == "" {
		return 0, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no tenant ID given"}
	}
	var body []byte
	if payload != nil {
		b, err := encodeJSON(op, payload)
		if err != nil {
			return 0, err
		}
		body = b
	}
	tok, err := c.token(ctx, "")
	if err != nil {
		return 0, err
	}
	resp, err := c.send(ctx, op, method, path, tok.value, body)
	if err != nil {
		return 0, err
	}
	secrets := append([]string{tok.value}, c.secrets...)
	if resp.Status == http.StatusUnauthorized {
		c.logger.Debug(ctx, "acronis access token refused by the API; replacing it", map[string]any{"op": op})
		if tok, err = c.token(ctx, tok.value); err != nil {
			return 0, err
		}
		if resp, err = c.send(ctx, op, method, path, tok.value, body); err != nil {
			return 0, err
		}
		secrets = append(secrets, tok.value)
	}
	if resp.Status < 200 || resp.Status > 299 {
		e := apiError(op, resp, secrets...)
		if e.Kind == KindUnauthorized {
			e.Hint = "a newly issued token was refused as well"
		}
		return 0, e
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return 0, &Error{Service: APIName, Op: op, Status: resp.Status, Message: "unexpected response: " + err.Error(), Err: err}
	}
	return resp.Status, nil
}
