package rackspace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// PasswordPolicy is a domain's password policy. A zero field is unset, not
// "unchanged": a PUT replaces the whole policy.
type PasswordPolicy struct {
	// Duration is how long a password stays valid, an ISO 8601 duration of
	// days, hours, minutes and seconds such as P90DT6H30M5S; "" when unset.
	// It is exactly as Identity returns it, which is as it was sent.
	Duration string
	// HistoryRestriction is how many previous passwords a new one may not
	// repeat, 0 to 10, where 0 ignores history; nil when unset.
	HistoryRestriction *int
}

// clone copies p so that the caller's HistoryRestriction is never shared.
func (p PasswordPolicy) clone() *PasswordPolicy {
	c := &PasswordPolicy{Duration: p.Duration}
	if p.HistoryRestriction != nil {
		n := *p.HistoryRestriction
		c.HistoryRestriction = &n
	}
	return c
}

type passwordPolicyRequest struct {
	Policy struct {
		Duration string `json:"passwordDuration,omitempty"`
		// Sent as a string, the form the docs show; the server code of 2019
		// coerces a string or a number, and only the string is documented.
		HistoryRestriction string `json:"passwordHistoryRestriction,omitempty"`
	} `json:"passwordPolicy"`
}

type passwordPolicyWire struct {
	Policy *struct {
		Duration           string      `json:"passwordDuration"`
		HistoryRestriction optionalInt `json:"passwordHistoryRestriction"`
	} `json:"passwordPolicy"`
}

// optionalInt reads an integer that Identity sends as a JSON number (its
// code) or a numeric string (its docs). Absent, null or "" leave it nil.
type optionalInt struct{ p *int }

func (o *optionalInt) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		o.p = nil
		return nil
	}
	text := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &text); err != nil {
			return err
		}
		text = strings.TrimSpace(text)
		if text == "" {
			o.p = nil
			return nil
		}
	}
	n, err := strconv.Atoi(text)
	if err != nil {
		return fmt.Errorf("passwordHistoryRestriction %.40s is not an integer", b)
	}
	o.p = &n
	return nil
}

func passwordPolicyPath(domainID string) string { return domainPath(domainID) + "/password-policy" }

// SetPasswordPolicy replaces the password policy of a domain with p, using
// the token tokenID, and returns the policy Identity stored. Unset fields of
// p are left out of the request, so they become unset on the domain.
//
// Identity answers 403 KindForbidden, not 404, for a domain that does not
// exist as for one the caller may not manage.
func (c *Client) SetPasswordPolicy(ctx context.Context, tokenID, domainID string, p PasswordPolicy) (*PasswordPolicy, error) {
	if err := checkDomainCall(opSetPasswordPolicy, tokenID, domainID); err != nil {
		return nil, err
	}
	var body passwordPolicyRequest
	body.Policy.Duration = p.Duration
	if p.HistoryRestriction != nil {
		body.Policy.HistoryRestriction = strconv.Itoa(*p.HistoryRestriction)
	}
	resp, err := c.send(ctx, opSetPasswordPolicy, http.MethodPut, passwordPolicyPath(domainID), authHeader(tokenID), &body)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.Status) {
		return nil, apiError(opSetPasswordPolicy, stepAPI, resp, tokenID)
	}
	// Identity echoes the stored policy. Should a proxy or a later version
	// answer with no body, the accepted PUT still stored exactly what was
	// sent, so that is the answer rather than an error after the change.
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return p.clone(), nil
	}
	return parsePasswordPolicy(opSetPasswordPolicy, resp)
}

// GetPasswordPolicy reads the password policy of a domain with the token
// tokenID. A domain without one gives an *Error of KindNotFound; a domain
// that does not exist gives KindForbidden, as Identity answers 403 for it.
func (c *Client) GetPasswordPolicy(ctx context.Context, tokenID, domainID string) (*PasswordPolicy, error) {
	if err := checkDomainCall(opGetPasswordPolicy, tokenID, domainID); err != nil {
		return nil, err
	}
	resp, err := c.send(ctx, opGetPasswordPolicy, http.MethodGet, passwordPolicyPath(domainID), authHeader(tokenID), nil)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.Status) {
		return nil, apiError(opGetPasswordPolicy, stepAPI, resp, tokenID)
	}
	return parsePasswordPolicy(opGetPasswordPolicy, resp)
}

// DeletePasswordPolicy removes the password policy of a domain with the
// token tokenID. Identity answers 204 also when no policy was set, so
// deleting twice is not an error.
func (c *Client) DeletePasswordPolicy(ctx context.Context, tokenID, domainID string) error {
	if err := checkDomainCall(opDeletePasswordPolicy, tokenID, domainID); err != nil {
		return err
	}
	resp, err := c.send(ctx, opDeletePasswordPolicy, http.MethodDelete, passwordPolicyPath(domainID), authHeader(tokenID), nil)
	if err != nil {
		return err
	}
	if !isSuccess(resp.Status) {
		return apiError(opDeletePasswordPolicy, stepAPI, resp, tokenID)
	}
	return nil
}

// parsePasswordPolicy decodes a 2xx password-policy body. A body it cannot
// read is KindUnknown with the response's status: the request may well have
// taken effect.
func parsePasswordPolicy(op string, resp *httpx.Response) (*PasswordPolicy, error) {
	var w passwordPolicyWire
	if err := json.Unmarshal(resp.Body, &w); err != nil || w.Policy == nil {
		msg := "unexpected response: no passwordPolicy object"
		if err != nil {
			msg = "unexpected response: " + err.Error()
		}
		return nil, &Error{Service: APIName, Op: op, Status: resp.Status, Message: msg}
	}
	return &PasswordPolicy{
		Duration:           w.Policy.Duration,
		HistoryRestriction: w.Policy.HistoryRestriction.p,
	}, nil
}
