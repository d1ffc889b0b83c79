package acronis

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

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

// The kinds of tenant that inherit their MFA status and may not change it.
const (
	TenantKindFolder = "folder"
	TenantKindUnit   = "unit"
)

// DisableWait bounds the polling of disable_in_progress: after First,
// doubling up to Max; after Total the tenant counts as disabled, where it
// is heading. Zero selects 250ms, 5s, 2m; a negative Total does not wait.
type DisableWait struct {
	First, Max, Total time.Duration
}

func (w DisableWait) withDefaults() DisableWait {
	if w.First <= 0 {
		w.First = 250 * time.Millisecond
	}
	if w.Max <= 0 {
		w.Max = 5 * time.Second
	}
	if w.Total == 0 {
		w.Total = 2 * time.Minute
	}
	return w
}

// MFAStatus is a tenant's /tenants/{id}/mfa/status. Status is MFAEnabled
// or MFADisabled (a disable in progress is waited for); other values are
// passed on as sent.
type MFAStatus struct {
	Status                    string `json:"mfa_status"`
	UsersCount                int    `json:"users_count"`
	UsersWithTOTPEnabledCount int    `json:"users_with_totp_enabled_count"`
	UpdateAllowed             bool   `json:"update_allowed"` // always false for folders and units
}

// GetTenantMFAStatus reads a tenant's MFA status, inherited for a folder or
// unit.
func (c *Client) GetTenantMFAStatus(ctx context.Context, tenantID string) (*MFAStatus, error) {
	return c.mfaStatus(ctx, opGetTenantMFA, http.MethodGet, tenantID, nil)
}

// SetTenantMFAStatus turns MFA on or off for a tenant and returns the
// status that results.
func (c *Client) SetTenantMFAStatus(ctx context.Context, tenantID string, enabled bool) (*MFAStatus, error) {
	return c.mfaStatus(ctx, opSetTenantMFA, http.MethodPut, tenantID, map[string]bool{"enabled": enabled})
}

func (c *Client) mfaStatus(ctx context.Context, op, method, tenantID string, payload any) (*MFAStatus, error) {
	deadline := time.Now().Add(c.disableWait.Total)
	wait := c.disableWait.First
	for {
		s := &MFAStatus{}
		status, err := c.call(ctx, op, method, tenantPath(tenantID)+"/mfa/status", tenantID, payload, s)
		if err != nil {
			return nil, err
		}
		if s.Status == "" {
			return nil, &Error{Service: APIName, Op: op, Status: status, Message: "unexpected response: no mfa_status"}
		}
		if s.Status != MFADisableInProgress || c.disableWait.Total < 0 {
			return s, nil
		}
		if !time.Now().Add(wait).Before(deadline) {
			c.logger.Debug(ctx, "acronis MFA disable still in progress; counted as disabled", map[string]any{"op": op})
			s.Status = MFADisabled
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, &Error{Service: APIName, Op: op, Message: "waiting for the disable in progress: " + ctx.Err().Error(), Err: ctx.Err()}
		case <-time.After(wait):
		}
		op, method, payload = opGetTenantMFA, http.MethodGet, nil
		wait = min(2*wait, c.disableWait.Max)
	}
}

// Tenant is the part of a tenant object this provider uses. Its MFAStatus
// values (e.g. "forcibly_disabled", "setup_required") are not those of
// MFAStatus.Status.
type Tenant struct {
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
	t := &Tenant{}
	status, err := c.call(ctx, opGetTenant, http.MethodGet, tenantPath(tenantID), tenantID, nil, t)
	if err != nil {
		return nil, err
	}
	if t.ID == "" {
		return nil, &Error{Service: APIName, Op: opGetTenant, Status: status, Message: "unexpected response: no tenant id"}
	}
	return t, nil
}

// tenantPath escapes the ID so that it names one tenant and no other route.
func tenantPath(tenantID string) string {
	return "/tenants/" + url.PathEscape(tenantID)
}

// call decodes a 2xx body into out, unless out is nil. A refused token (expired or revoked
// early on the server) is replaced once and the request repeated once.
func (c *Client) call(ctx context.Context, op, method, path, tenantID string, payload, out any) (int, error) {
	if strings.TrimSpace(tenantID) == "" {
		return 0, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no tenant ID given"}
	}
	send := func(token string) (*httpx.Response, error) {
		h := http.Header{"Authorization": {"Bearer " + token}}
		return httpx.Send(ctx, c.http, APIName, op, method, c.baseURL+path, h, payload)
	}
	tok, err := c.token(ctx, "")
	if err != nil {
		return 0, err
	}
	resp, err := send(tok.value)
	if err != nil {
		return 0, err
	}
	secrets := append([]string{tok.value}, c.secrets...)
	if resp.Status == http.StatusUnauthorized {
		c.logger.Debug(ctx, "acronis access token refused by the API; replacing it", map[string]any{"op": op})
		if tok, err = c.token(ctx, tok.value); err != nil {
			return 0, err
		}
		if resp, err = send(tok.value); err != nil {
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
	if out == nil {
		// The answer has no content to read (ManageUserMFAStatus).
		return resp.Status, nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return 0, &Error{Service: APIName, Op: op, Status: resp.Status, Message: "unexpected response: " + err.Error(), Err: err}
	}
	return resp.Status, nil
}
