package rackspace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
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

const passwordPolicyRoute = "/password-policy"

// SetPasswordPolicy replaces the password policy of a domain with p, using
// the token tokenID. Unset fields of p are left out of the request, so they
// become unset on the domain. Identity echoes the stored policy, which is
// what was sent, so the echo is not read.
//
// Identity answers 403 KindForbidden, not 404, for a domain that does not
// exist as for one the caller may not manage.
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
	return s.Do(ctx, func(ctx context.Context, token string) error {
		return s.client.SetPasswordPolicy(ctx, token, domainID, p)
	})
}

// GetPasswordPolicy reads the password policy of a domain with the token
// tokenID. A domain without one gives an *Error of KindNotFound; a domain
// that does not exist gives KindForbidden, as Identity answers 403 for it.
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
	return withToken(ctx, s, func(ctx context.Context, token string) (*PasswordPolicy, error) {
		return s.client.GetPasswordPolicy(ctx, token, domainID)
	})
}

// DeletePasswordPolicy removes the password policy of a domain with the
// token tokenID. Identity answers 204 also when no policy was set, so
// deleting twice is not an error.
func (c *Client) DeletePasswordPolicy(ctx context.Context, tokenID, domainID string) error {
	_, err := c.domainCall(ctx, opDeletePasswordPolicy, http.MethodDelete, tokenID, domainID, passwordPolicyRoute, nil)
	return err
}

// DeletePasswordPolicy is Client.DeletePasswordPolicy with the session's token.
func (s *Session) DeletePasswordPolicy(ctx context.Context, domainID string) error {
	return s.Do(ctx, func(ctx context.Context, token string) error {
		return s.client.DeletePasswordPolicy(ctx, token, domainID)
	})
}
