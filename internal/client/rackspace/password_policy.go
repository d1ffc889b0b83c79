package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// PasswordPolicy is a domain's password policy. A zero field is unset, not
// "unchanged": a PUT replaces the whole policy.
type PasswordPolicy struct {
	Duration           string // ISO 8601, e.g. P90DT6H30M5S, returned as sent
	HistoryRestriction *int   // 0 to 10
}

type passwordPolicyRequest struct {
	Policy struct {
		Duration string `json:"passwordDuration,omitempty"`
		// A string, as documented; the server of 2019 also takes a number.
		HistoryRestriction string `json:"passwordHistoryRestriction,omitempty"`
	} `json:"passwordPolicy"`
}

type passwordPolicyWire struct {
	Policy *struct {
		Duration           string      `json:"passwordDuration"`
		HistoryRestriction optionalInt `json:"passwordHistoryRestriction"`
	} `json:"passwordPolicy"`
}

// optionalInt reads a JSON number (Identity's code) or numeric string (its
// docs); absent, null or "" is nil.
type optionalInt struct{ p *int }

func (o *optionalInt) UnmarshalJSON(b []byte) error {
	var s httpx.FlexString
	err := s.UnmarshalJSON(b)
	text := strings.TrimSpace(string(s))
	if err == nil && text == "" {
		o.p = nil
		return nil
	}
	n, atoiErr := strconv.Atoi(text)
	if err != nil || atoiErr != nil {
		return fmt.Errorf("passwordHistoryRestriction %.40s is not an integer", b)
	}
	o.p = &n
	return nil
}

const passwordPolicyRoute = "/password-policy"

// SetPasswordPolicy replaces a domain's password policy. The echo is what
// was sent, so it is not read. A missing domain is 403, not 404.
func (c *Client) SetPasswordPolicy(ctx context.Context, tokenID, domainID string, p PasswordPolicy) error {
	var body passwordPolicyRequest
	body.Policy.Duration = p.Duration
	if p.HistoryRestriction != nil {
		body.Policy.HistoryRestriction = strconv.Itoa(*p.HistoryRestriction)
	}
	_, err := c.domainCall(ctx, opSetPasswordPolicy, http.MethodPut, tokenID, domainID, passwordPolicyRoute, &body)
	return err
}

// SetPasswordPolicy is Client.SetPasswordPolicy with the session's token.
func (s *Session) SetPasswordPolicy(ctx context.Context, domainID string, p PasswordPolicy) error {
	return s.Do(ctx, func(ctx context.Context, t string) error { return s.client.SetPasswordPolicy(ctx, t, domainID, p) })
}

// GetPasswordPolicy reads a domain's password policy: KindNotFound when it
// has none, KindForbidden when the domain does not exist.
func (c *Client) GetPasswordPolicy(ctx context.Context, tokenID, domainID string) (*PasswordPolicy, error) {
	resp, err := c.domainCall(ctx, opGetPasswordPolicy, http.MethodGet, tokenID, domainID, passwordPolicyRoute, nil)
	if err != nil {
		return nil, err
	}
	var w passwordPolicyWire
	if err := decode(opGetPasswordPolicy, resp, &w, "passwordPolicy", func() bool { return w.Policy != nil }); err != nil {
		return nil, err
	}
	return &PasswordPolicy{Duration: w.Policy.Duration, HistoryRestriction: w.Policy.HistoryRestriction.p}, nil
}

// GetPasswordPolicy is Client.GetPasswordPolicy with the session's token.
func (s *Session) GetPasswordPolicy(ctx context.Context, domainID string) (*PasswordPolicy, error) {
	return withToken(ctx, s, func(ctx context.Context, t string) (*PasswordPolicy, error) {
		return s.client.GetPasswordPolicy(ctx, t, domainID)
	})
}

// DeletePasswordPolicy removes a domain's password policy; 204 also when
// there was none.
func (c *Client) DeletePasswordPolicy(ctx context.Context, tokenID, domainID string) error {
	_, err := c.domainCall(ctx, opDeletePasswordPolicy, http.MethodDelete, tokenID, domainID, passwordPolicyRoute, nil)
	return err
}

// DeletePasswordPolicy is Client.DeletePasswordPolicy with the session's token.
func (s *Session) DeletePasswordPolicy(ctx context.Context, domainID string) error {
	return s.Do(ctx, func(ctx context.Context, t string) error { return s.client.DeletePasswordPolicy(ctx, t, domainID) })
}
