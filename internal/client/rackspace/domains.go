package rackspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// Domain is an Identity domain as GET /v2.0/RAX-AUTH/domains/{id} shows it.
// Name and Description are empty when the caller is a domain user (user-admin,
// user-manage, default): Identity hides them from such callers.
type Domain struct {
	ID                       string
	Name                     string
	Description              string
	Enabled                  bool
	SessionInactivityTimeout string
	RackspaceCustomerNumber  string
	// MultiFactorEnforcementLevel is the raw domainMultiFactorEnforcementLevel
	// (OPTIONAL, REQUIRED, RACKSPACE_MANDATED), or "" when the domain never had
	// one set, which Identity treats as OPTIONAL.
	MultiFactorEnforcementLevel string
	Type                        string
}

type domainWire struct {
	Domain *struct {
		ID                          flexString `json:"id"`
		Name                        string     `json:"name"`
		Description                 string     `json:"description"`
		Enabled                     bool       `json:"enabled"`
		SessionInactivityTimeout    string     `json:"sessionInactivityTimeout"`
		RackspaceCustomerNumber     string     `json:"rackspaceCustomerNumber"`
		MultiFactorEnforcementLevel string     `json:"domainMultiFactorEnforcementLevel"`
		Type                        string     `json:"type"`
	} `json:"RAX-AUTH:domain"`
}

// GetDomain reads a domain with the token tokenID.
func (c *Client) GetDomain(ctx context.Context, tokenID, domainID string) (*Domain, error) {
	if err := checkDomainCall(opGetDomain, tokenID, domainID); err != nil {
		return nil, err
	}
	resp, err := c.send(ctx, opGetDomain, http.MethodGet, domainPath(domainID), authHeader(tokenID), nil)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.Status) {
		return nil, apiError(opGetDomain, stepAPI, resp, tokenID)
	}
	var w domainWire
	if err := json.Unmarshal(resp.Body, &w); err != nil || w.Domain == nil {
		msg := "unexpected response: no RAX-AUTH:domain object"
		if err != nil {
			msg = "unexpected response: " + err.Error()
		}
		return nil, &Error{Service: APIName, Op: opGetDomain, Status: resp.Status, Message: msg}
	}
	d := w.Domain
	return &Domain{
		ID:                          string(d.ID),
		Name:                        d.Name,
		Description:                 d.Description,
		Enabled:                     d.Enabled,
		SessionInactivityTimeout:    d.SessionInactivityTimeout,
		RackspaceCustomerNumber:     d.RackspaceCustomerNumber,
		MultiFactorEnforcementLevel: d.MultiFactorEnforcementLevel,
		Type:                        d.Type,
	}, nil
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
// no read-back on this route: GetDomain shows the level.
//
// Besides the usual kinds, the error is KindMFAPrecondition when the caller's
// own account must first have multi-factor enabled (or its own level at
// OPTIONAL), and KindRackspaceMandated when the change needs Rackspace.
func (c *Client) SetDomainMFAEnforcement(ctx context.Context, tokenID, domainID, level string) error {
	if err := checkDomainCall(opSetDomainMFA, tokenID, domainID); err != nil {
		return err
	}
	// Identity matches the level case-sensitively, so a near miss is caught
	// here rather than sent.
	if !domainMFALevels[level] {
		return &Error{Service: APIName, Op: opSetDomainMFA, Kind: KindBadRequest,
			Message: fmt.Sprintf("enforcement level %q is not OPTIONAL, REQUIRED or RACKSPACE_MANDATED", level)}
	}
	var body domainMFARequest
	body.Domain.Level = level
	resp, err := c.send(ctx, opSetDomainMFA, http.MethodPut, domainPath(domainID)+"/multi-factor", authHeader(tokenID), &body)
	if err != nil {
		return err
	}
	if !isSuccess(resp.Status) {
		return apiError(opSetDomainMFA, stepAPI, resp, tokenID)
	}
	// 204 without a body; whatever a 2xx carries says nothing more.
	return nil
}

// checkDomainCall refuses, before any request, a call that the server could
// only reject or, with an empty domain ID, would route elsewhere.
func checkDomainCall(op, tokenID, domainID string) error {
	switch {
	case tokenID == "":
		return &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no token given"}
	case domainID == "":
		return &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no domain ID given"}
	}
	return nil
}

// domainPath escapes the ID so that one containing "/" or "?" still names a
// single domain; IDs like "dedicated:42" exist.
func domainPath(domainID string) string {
	return "/v2.0/RAX-AUTH/domains/" + url.PathEscape(domainID)
}

func authHeader(tokenID string) http.Header {
	return http.Header{"X-Auth-Token": {tokenID}}
}
