package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const opSetSessionTimeout = "set session inactivity timeout"

// The range and default of a domain's session inactivity timeout (more-endpoints.md A.5):
// Identity refuses values outside MinSessionInactivityTimeout..MaxSessionInactivityTimeout with
// 400, and reads a domain that never had one set as DefaultSessionInactivityTimeout.
const (
	MinSessionInactivityTimeout     = 5 * time.Minute
	MaxSessionInactivityTimeout     = 24 * time.Hour
	DefaultSessionInactivityTimeout = 15 * time.Minute
)

// CheckSessionInactivityTimeout reports whether Identity accepts d as a domain's session
// inactivity timeout.
func CheckSessionInactivityTimeout(d time.Duration) error {
	if d < MinSessionInactivityTimeout || d > MaxSessionInactivityTimeout {
		return fmt.Errorf("the session inactivity timeout must be between %s (%d seconds) and %s (%d seconds)",
			FormatDuration(MinSessionInactivityTimeout), int(MinSessionInactivityTimeout.Seconds()),
			FormatDuration(MaxSessionInactivityTimeout), int(MaxSessionInactivityTimeout.Seconds()))
	}
	return nil
}

// FormatDuration writes d as java.time.Duration.toString does (PT15M, PT1H30M, PT24H, PT0.5S),
// which is also an XML-Schema duration, the form Identity reads the timeout in. Negative
// durations are not Identity's to read and come out as PT0S.
func FormatDuration(d time.Duration) string {
	if d <= 0 {
		return "PT0S"
	}
	h, rest := d/time.Hour, d%time.Hour
	m, rest := rest/time.Minute, rest%time.Minute
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		b.WriteString(strconv.FormatInt(int64(h), 10) + "H")
	}
	if m > 0 {
		b.WriteString(strconv.FormatInt(int64(m), 10) + "M")
	}
	if rest > 0 {
		secs := strconv.FormatFloat(rest.Seconds(), 'f', -1, 64)
		b.WriteString(secs + "S")
	}
	return b.String()
}

// SetSessionInactivityTimeout sets a domain's session inactivity timeout (PUT
// /v2.0/RAX-AUTH/domains/{domainId}, answered 200 with the domain, which is returned). The
// body carries only the timeout, the one field Identity lets account owners and managers
// change; they may change it on their own domain only (403 otherwise), identity:default users
// not at all. A timeout outside the range is refused here, with no request.
func (c *Client) SetSessionInactivityTimeout(ctx context.Context, tokenID, domainID string, timeout time.Duration) (*Domain, error) {
	if err := CheckSessionInactivityTimeout(timeout); err != nil {
		return nil, &Error{Service: APIName, Op: opSetSessionTimeout, Kind: KindBadRequest, Message: err.Error()}
	}
	body := map[string]any{"RAX-AUTH:domain": map[string]string{"sessionInactivityTimeout": FormatDuration(timeout)}}
	resp, err := c.domainCall(ctx, opSetSessionTimeout, http.MethodPut, tokenID, domainID, "", body)
	if err != nil {
		return nil, err
	}
	var w domainWire
	if err := decode(opSetSessionTimeout, resp, &w, "RAX-AUTH:domain", func() bool { return w.Domain != nil }); err != nil {
		return nil, err
	}
	d := w.Domain.Domain
	d.ID = string(w.Domain.ID)
	return &d, nil
}

// SetSessionInactivityTimeout is Client.SetSessionInactivityTimeout with the session's token.
func (s *Session) SetSessionInactivityTimeout(ctx context.Context, domainID string, timeout time.Duration) (*Domain, error) {
	return withToken(ctx, s, func(ctx context.Context, t string) (*Domain, error) {
		return s.client.SetSessionInactivityTimeout(ctx, t, domainID, timeout)
	})
}
