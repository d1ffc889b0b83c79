package rackspace

import (
	"context"
	"encoding/json"
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
	switch {
	case tokenID == "":
		return nil, &Error{Op: opGetDomain, Kind: KindBadRequest, Message: "no token given"}
	case domainID == "":
		return nil, &Error{Op: opGetDomain, Kind: KindBadRequest, Message: "no domain ID given"}
	}
	h := http.Header{"X-Auth-Token": {tokenID}}
	resp, err := c.send(ctx, opGetDomain, http.MethodGet, "/v2.0/RAX-AUTH/domains/"+url.PathEscape(domainID), h, nil)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.status) {
		return nil, apiError(opGetDomain, stepAPI, resp, tokenID)
	}
	var w domainWire
	if err := json.Unmarshal(resp.body, &w); err != nil || w.Domain == nil {
		msg := "unexpected response: no RAX-AUTH:domain object"
		if err != nil {
			msg = "unexpected response: " + err.Error()
		}
		return nil, &Error{Op: opGetDomain, Status: resp.status, Message: msg}
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
