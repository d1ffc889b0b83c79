package rackspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// Domain is an Identity domain as GET /v2.0/RAX-AUTH/domains/{id} shows it.
// Name and Description are empty when the caller is a domain user (user-admin,
// user-manage, default): Identity hides them from such callers.
type Domain struct {
	ID                       string `json:"-"`
	Name                     string `json:"name"`
	Description              string `json:"description"`
	Enabled                  bool   `json:"enabled"`
	SessionInactivityTimeout string `json:"sessionInactivityTimeout"`
	RackspaceCustomerNumber  string `json:"rackspaceCustomerNumber"`
	// MultiFactorEnforcementLevel is the raw domainMultiFactorEnforcementLevel
	// (OPTIONAL, REQUIRED, RACKSPACE_MANDATED), or "" when the domain never had
	// one set, which Identity treats as OPTIONAL.
	MultiFactorEnforcementLevel string `json:"domainMultiFactorEnforcementLevel"`
	Type                        string `json:"type"`
}

type domainWire struct {
	Domain *struct {
		// The ID may come as a number; this field shadows Domain.ID.
		ID flexString `json:"id"`
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
	return withToken(ctx, s, func(ctx context.Context, token string) (*Domain, error) {
		return s.client.GetDomain(ctx, token, domainID)
	})
}

// The domain multi-factor enforcement levels Identity knows (§2.1).
// RACKSPACE_MANDATED is accepted here although only Rackspace may set it:
// whether the caller may is the server's decision, which it reports as
// KindRackspaceMandated or KindForbidden.
var domainMFALevels = map[string]bool{"OPTIONAL": true, "REQUIRED": true, "RACKSPACE_MANDATED": true}

type domainMFARequest struct {
	Domain struct {
		Level string `json:"domainMultiFactorEnforcementLevel"`
	} `json:"RAX-AUTH:multiFactorDomain"`
}

// SetDomainMFAEnforcement sets the multi-factor enforcement level of a domain
// (OPTIONAL, REQUIRED or RACKSPACE_MANDATED) with the token tokenID. There is
// no read-back on this route (204 without a body): GetDomain shows the level.
//
// Besides the usual kinds, the error is KindMFAPrecondition when the caller's
// own account must first have multi-factor enabled (or its own level at
// OPTIONAL), and KindRackspaceMandated when the change needs Rackspace.
func (c *Client) SetDomainMFAEnforcement(ctx context.Context, tokenID, domainID, level string) error {
	// Identity matches the level case-sensitively, so a near miss is caught
	// here rather than sent.
	if !domainMFALevels[level] {
		return &Error{Service: APIName, Op: opSetDomainMFA, Kind: KindBadRequest,
			Message: fmt.Sprintf("enforcement level %q is not OPTIONAL, REQUIRED or RACKSPACE_MANDATED", level)}
	}
	var body domainMFARequest
	body.Domain.Level = level
	_, err := c.domainCall(ctx, opSetDomainMFA, http.MethodPut, tokenID, domainID, "/multi-factor", &body)
	return err
}

// SetDomainMFAEnforcement is Client.SetDomainMFAEnforcement with the
// session's token.
func (s *Session) SetDomainMFAEnforcement(ctx context.Context, domainID, level string) error {
	return s.Do(ctx, func(ctx context.Context, token string) error {
		return s.client.SetDomainMFAEnforcement(ctx, token, domainID, level)
	})
}

// domainCall sends a request about one domain (route is the part after its
// path) and turns an answer other than 2xx into an *Error. It refuses, before
// any request, a call that the server could only reject or, with an empty
// domain ID, would route elsewhere.
func (c *Client) domainCall(ctx context.Context, op, method, tokenID, domainID, route string, body any) (*httpx.Response, error) {
	switch {
	case tokenID == "":
		return nil, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no token given"}
	case domainID == "":
		return nil, &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no domain ID given"}
	}
	// Escaped so that an ID containing "/" or "?" still names a single
	// domain; IDs like "dedicated:42" exist.
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

// decode reads a 2xx body into v, which must then hold the object named
// (present says whether it does). A body it cannot read is KindUnknown with
// the response's status: the request may well have taken effect.
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
