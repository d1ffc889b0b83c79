package rackspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// Domain is an Identity domain. Identity hides Name and Description from
// domain users (user-admin, user-manage, default).
type Domain struct {
	ID                       string `json:"-"`
	Name                     string `json:"name"`
	Description              string `json:"description"`
	Enabled                  bool   `json:"enabled"`
	SessionInactivityTimeout string `json:"sessionInactivityTimeout"`
	RackspaceCustomerNumber  string `json:"rackspaceCustomerNumber"`
	// MultiFactorEnforcementLevel is "" when never set, which Identity
	// treats as OPTIONAL.
	MultiFactorEnforcementLevel string `json:"domainMultiFactorEnforcementLevel"`
	Type                        string `json:"type"`
}

type domainWire struct {
	Domain *struct {
		ID httpx.FlexString `json:"id"`
		Domain
	} `json:"RAX-AUTH:domain"`
}

// GetDomain reads a domain with the token tokenID.
func (c *Client) GetDomain(ctx context.Context, tokenID, domainID string) (*Domain, error) {
	resp, err := c.domainCall(ctx, opGetDomain, http.MethodGet, tokenID, domainID, "", nil)
	if err != nil {
		return nil, err
	}
	var w domainWire
	if err := decode(opGetDomain, resp, &w, "RAX-AUTH:domain", func() bool { return w.Domain != nil }); err != nil {
		return nil, err
	}
	d := w.Domain.Domain
	d.ID = string(w.Domain.ID)
	return &d, nil
}

// GetDomain is Client.GetDomain with the session's token.
func (s *Session) GetDomain(ctx context.Context, domainID string) (*Domain, error) {
	return withToken(ctx, s, func(ctx context.Context, t string) (*Domain, error) { return s.client.GetDomain(ctx, t, domainID) })
}

// The enforcement levels Identity knows (§2.1). Whether the caller may set
// RACKSPACE_MANDATED is the server's decision.
var domainMFALevels = map[string]bool{"OPTIONAL": true, "REQUIRED": true, "RACKSPACE_MANDATED": true}

// SetDomainMFAEnforcement sets a domain's multi-factor enforcement level
// (204, no body). Errors include KindMFAPrecondition and
// KindRackspaceMandated.
func (c *Client) SetDomainMFAEnforcement(ctx context.Context, tokenID, domainID, level string) error {
	// Identity matches the level case-sensitively.
	if !domainMFALevels[level] {
		return &Error{Service: APIName, Op: opSetDomainMFA, Kind: KindBadRequest,
			Message: fmt.Sprintf("enforcement level %q is not OPTIONAL, REQUIRED or RACKSPACE_MANDATED", level)}
	}
	body := map[string]any{"RAX-AUTH:multiFactorDomain": map[string]string{"domainMultiFactorEnforcementLevel": level}}
	_, err := c.domainCall(ctx, opSetDomainMFA, http.MethodPut, tokenID, domainID, "/multi-factor", body)
	return err
}

// SetDomainMFAEnforcement is Client.SetDomainMFAEnforcement with the session's token.
func (s *Session) SetDomainMFAEnforcement(ctx context.Context, domainID, level string) error {
	return s.Do(ctx, func(ctx context.Context, t string) error {
		return s.client.SetDomainMFAEnforcement(ctx, t, domainID, level)
	})
}

// domainCall refuses an empty domain ID, which would route elsewhere.
func (c *Client) domainCall(ctx context.Context, op, method, tokenID, domainID, route string, body any) (*httpx.Response, error) {
	switch {
	case tokenID == "":
		return nil, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no token given"}
	case domainID == "":
		return nil, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no domain ID given"}
	}
	// IDs like "dedicated:42" exist; escaped, any ID names one domain.
	path := "/v2.0/RAX-AUTH/domains/" + url.PathEscape(domainID) + route
	resp, err := c.send(ctx, op, method, path, http.Header{"X-Auth-Token": {tokenID}}, body)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.Status) {
		return nil, apiError(op, stepAPI, resp, tokenID)
	}
	return resp, nil
}

// decode reads a 2xx body; one it cannot read is KindUnknown, as the
// request may well have taken effect.
func decode(op string, resp *httpx.Response, v any, name string, present func() bool) error {
	err := json.Unmarshal(resp.Body, v)
	if err == nil && present() {
		return nil
	}
	msg := "unexpected response: no " + name + " object"
	if err != nil {
		msg = "unexpected response: " + err.Error()
	}
	return &Error{Service: APIName, Op: op, Status: resp.Status, Message: msg}
}
