package acronis

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestGetTenantMFAStatus(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{UserAgent: "authpolicy-test/1"})
	got, err := c.GetTenantMFAStatus(context.Background(), customerID)
	if err != nil {
		t.Fatal(err)
	}
	want := MFAStatus{Status: MFADisabled, UsersCount: 5, UsersWithTOTPEnabledCount: 2, UpdateAllowed: true}
	if *got != want {
		t.Errorf("status = %+v, want %+v", *got, want)
	}
	reqs := s.apiRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d API requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodGet || r.Path != "/api/2/tenants/"+customerID+"/mfa/status" {
		t.Errorf("request %s %s", r.Method, r.Path)
	}
	if r.Header.Get("Authorization") != "Bearer "+s.issuedTokens()[0] || r.Header.Get("Accept") != "application/json" ||
		r.Header.Get("User-Agent") != "authpolicy-test/1" || r.Body != "" {
		t.Errorf("headers %v, body %q", r.Header, r.Body)
	}

	// A unit shows its customer's status and may not be changed.
	got, err = c.GetTenantMFAStatus(context.Background(), unitID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != MFADisabled || got.UpdateAllowed {
		t.Errorf("unit status = %+v", *got)
	}
}

func TestSetTenantMFAStatusSendsJSON(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	for _, enabled := range []bool{true, false} {
		got, err := c.SetTenantMFAStatus(context.Background(), customerID, enabled)
		if err != nil {
			t.Fatal(err)
		}
		wantStatus := MFADisabled
		if enabled {
			wantStatus = MFAEnabled
		}
		if got.Status != wantStatus || got.UsersCount != 5 || !got.UpdateAllowed {
			t.Errorf("enabled=%v: status %+v", enabled, *got)
		}
	}
	reqs := s.apiRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d API requests, want 2", len(reqs))
	}
	for i, want := range []string{`{"enabled":true}`, `{"enabled":false}`} {
		r := reqs[i]
		if r.Method != http.MethodPut || r.Path != "/api/2/tenants/"+customerID+"/mfa/status" {
			t.Errorf("request %d: %s %s", i, r.Method, r.Path)
		}
		if r.Body != want {
			t.Errorf("request %d: body %q, want %q", i, r.Body, want)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("request %d: Content-Type %q", i, ct)
		}
	}
	// GETs carry no Content-Type.
	if _, err := c.GetTenantMFAStatus(context.Background(), customerID); err != nil {
		t.Fatal(err)
	}
	if ct := s.apiRequests()[2].Header.Get("Content-Type"); ct != "" {
		t.Errorf("GET with Content-Type %q", ct)
	}
}

// A disable in progress is polled until it ends, with the status read back,
// by a write and by a read alike; past DisableWait.Total it counts as
// disabled.
func TestDisableInProgressWaitedFor(t *testing.T) {
	fast := DisableWait{First: time.Millisecond, Max: 2 * time.Millisecond, Total: time.Minute}
	cases := []struct {
		name       string
		wait       DisableWait
		inProgress int // answers that say disable_in_progress
		call       func(*Client) (*MFAStatus, error)
		wantPolls  int
	}{
		{"write", fast, 3, func(c *Client) (*MFAStatus, error) {
			return c.SetTenantMFAStatus(context.Background(), customerID, false)
		}, 3},
		{"read", fast, 2, func(c *Client) (*MFAStatus, error) {
			return c.GetTenantMFAStatus(context.Background(), customerID)
		}, 2},
		{"past the bound", DisableWait{First: time.Millisecond, Max: time.Millisecond, Total: 20 * time.Millisecond}, 1 << 30,
			func(c *Client) (*MFAStatus, error) {
				return c.SetTenantMFAStatus(context.Background(), customerID, false)
			}, -1},
		{"no wait", DisableWait{Total: -1}, 1, func(c *Client) (*MFAStatus, error) {
			return c.SetTenantMFAStatus(context.Background(), customerID, false)
		}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newStub(t)
			s.onAPI = func(n int, w http.ResponseWriter, _ *http.Request) bool {
				status := MFADisabled
				if n <= tc.inProgress {
					status = MFADisableInProgress
				}
				writeJSON(w, 200, map[string]any{"mfa_status": status, "users_count": 3,
					"users_with_totp_enabled_count": 3, "update_allowed": true})
				return true
			}
			got, err := tc.call(s.start(Config{DisableWait: tc.wait}))
			if err != nil {
				t.Fatal(err)
			}
			want := MFAStatus{Status: MFADisabled, UsersCount: 3, UsersWithTOTPEnabledCount: 3, UpdateAllowed: true}
			if tc.wait.Total < 0 {
				want.Status = MFADisableInProgress
			}
			if *got != want {
				t.Errorf("status = %+v", *got)
			}
			reqs := s.apiRequests()
			if tc.wantPolls >= 0 && len(reqs) != tc.wantPolls+1 {
				t.Errorf("%d requests, want the call and %d polls", len(reqs), tc.wantPolls)
			}
			for _, r := range reqs[1:] {
				if r.Method != http.MethodGet || r.Path != "/api/2/tenants/"+customerID+"/mfa/status" {
					t.Errorf("poll %s %s", r.Method, r.Path)
				}
			}
		})
	}
}

func TestDisableInProgressEndsWithContext(t *testing.T) {
	s := newStub(t)
	s.onAPI = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
		writeJSON(w, 200, map[string]any{"mfa_status": MFADisableInProgress})
		return true
	}
	c := s.start(Config{DisableWait: DisableWait{First: time.Hour, Total: 2 * time.Hour}})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.SetTenantMFAStatus(ctx, customerID, false)
	e := asError(t, err, KindUnknown)
	if !errors.Is(err, context.DeadlineExceeded) ||
		e.Error() != "acronis: set tenant MFA status: waiting for the disable in progress: context deadline exceeded" {
		t.Errorf("error %q", e)
	}
}

func TestSetTenantMFAStatusOnUnit(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	_, err := c.SetTenantMFAStatus(context.Background(), unitID, true)
	e := asError(t, err, KindBusinessRule)
	want := "acronis: set tenant MFA status: HTTP 400, code 1027: MFA status cannot be changed for tenants of kind 'unit'."
	if e.Error() != want || e.Info != "MFA status cannot be changed for tenants of kind 'unit'." || e.Domain != "PlatformAccountServer" {
		t.Errorf("Error() = %q, info %q, domain %q\nwant %q", e.Error(), e.Info, e.Domain, want)
	}
}

func TestGetTenant(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	got, err := c.GetTenant(context.Background(), customerID)
	if err != nil {
		t.Fatal(err)
	}
	want := Tenant{ID: customerID, Name: "Demo Customer", Kind: "customer", ParentID: partnerID, Enabled: true, Version: 7, MFAStatus: "disabled"}
	if *got != want {
		t.Errorf("tenant = %+v\nwant %+v", *got, want)
	}
	if p := s.apiRequests()[0].Path; p != "/api/2/tenants/"+customerID {
		t.Errorf("path %q", p)
	}
	_, err = c.GetTenant(context.Background(), "99999999-9999-4999-8999-999999999999")
	e := asError(t, err, KindNotFound)
	if e.Error() != "acronis: get tenant: HTTP 404, code 1005: Tenant not found" {
		t.Errorf("Error() = %q", e)
	}
}

func TestTenantIDSentAsGiven(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	upper := strings.ToUpper(customerID)
	_, _ = c.GetTenantMFAStatus(context.Background(), upper)
	// An ID holding a slash still names one path segment.
	_, _ = c.GetTenant(context.Background(), "a/b?c")
	reqs := s.apiRequests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	if reqs[0].Path != "/api/2/tenants/"+upper+"/mfa/status" {
		t.Errorf("path %q, want the ID unchanged", reqs[0].Path)
	}
	if reqs[1].Path != "/api/2/tenants/a%2Fb%3Fc" {
		t.Errorf("path %q", reqs[1].Path)
	}
}

func TestEmptyTenantIDRefusedLocally(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{})
	ctx := context.Background()
	for name, call := range map[string]func() error{
		opGetTenantMFA: func() error { _, err := c.GetTenantMFAStatus(ctx, ""); return err },
		opSetTenantMFA: func() error { _, err := c.SetTenantMFAStatus(ctx, " ", true); return err },
		opGetTenant:    func() error { _, err := c.GetTenant(ctx, ""); return err },
	} {
		e := asError(t, call(), KindBadRequest)
		if e.Error() != "acronis: "+name+": no tenant ID given" {
			t.Errorf("Error() = %q", e)
		}
	}
	if n := len(s.recorded()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestUnexpectedSuccessBodies(t *testing.T) {
	tests := []struct {
		name, body string
		call       func(*Client) error
		want       string
	}{
		{"status without mfa_status", `{"users_count":1}`,
			func(c *Client) error { _, err := c.GetTenantMFAStatus(context.Background(), customerID); return err },
			"acronis: get tenant MFA status: HTTP 200: unexpected response: no mfa_status"},
		{"status not JSON", `<html>ok</html>`,
			func(c *Client) error {
				_, err := c.SetTenantMFAStatus(context.Background(), customerID, true)
				return err
			},
			"acronis: set tenant MFA status: HTTP 200: unexpected response: invalid character '<' looking for beginning of value"},
		{"tenant without id", `{"name":"x"}`,
			func(c *Client) error { _, err := c.GetTenant(context.Background(), customerID); return err },
			"acronis: get tenant: HTTP 200: unexpected response: no tenant id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStub(t)
			s.onAPI = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
				w.WriteHeader(200)
				fmt.Fprint(w, tt.body)
				return true
			}
			c := s.start(Config{})
			e := asError(t, tt.call(c), KindUnknown)
			if e.Error() != tt.want {
				t.Errorf("Error() = %q\nwant %q", e, tt.want)
			}
		})
	}
}
