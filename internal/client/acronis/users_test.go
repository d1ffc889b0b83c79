package acronis

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

const userID = "12121212-1212-4212-8212-121212121212"

func TestGetUser(t *testing.T) {
	c, s := cannedAPI(t, http.StatusOK, `{"id":"`+userID+`","version":3,"tenant_id":"`+customerID+
		`","login":"demo-user","enabled":true,"contact":{},"activated":true,"mfa_status":"setup_required","language":"en"}`)
	got, err := c.GetUser(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	want := User{ID: userID, TenantID: customerID, Login: "demo-user", Enabled: true, Version: 3, MFAStatus: UserMFASetupRequired}
	if *got != want {
		t.Errorf("user = %+v, want %+v", *got, want)
	}
	reqs := s.apiRequests()
	if len(reqs) != 1 || reqs[0].Method != http.MethodGet || reqs[0].Path != "/api/2/users/"+userID || reqs[0].Body != "" {
		t.Errorf("requests %+v", reqs)
	}
}

func TestGetUserWithoutMFAStatus(t *testing.T) {
	c, _ := cannedAPI(t, http.StatusOK, `{"id":"`+userID+`","tenant_id":"`+customerID+`"}`)
	_, err := c.GetUser(context.Background(), userID)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "no user id or mfa_status") {
		t.Errorf("error %v", err)
	}
}

func TestSetUserMFAStatus(t *testing.T) {
	for _, enabled := range []bool{true, false} {
		// 200 with no content, as documented (B.5).
		c, s := cannedAPI(t, http.StatusOK, "")
		if err := c.SetUserMFAStatus(context.Background(), userID, enabled); err != nil {
			t.Fatal(err)
		}
		reqs := s.apiRequests()
		want := `{"enabled":false}`
		if enabled {
			want = `{"enabled":true}`
		}
		if len(reqs) != 1 || reqs[0].Method != http.MethodPut || reqs[0].Path != "/api/2/users/"+userID+"/mfa/status" ||
			strings.TrimSpace(reqs[0].Body) != want || reqs[0].Header.Get("Content-Type") != "application/json" {
			t.Errorf("enabled=%v: requests %+v", enabled, reqs)
		}
	}
}

// The refusals the provider explains: the business rules (code 1027), and a user outside the
// client's subtree or unknown.
func TestUserErrors(t *testing.T) {
	cases := []struct {
		status int
		body   string
		kind   Kind
	}{
		{400, `{"error":{"code":1027,"domain":"PlatformAccountServer","message":"Two-factor authentication can't be enabled for a user of a tenant where it is disabled.","details":{"info":"x"}}}`, KindBusinessRule},
		{403, `{"error":{"code":1002,"domain":"PlatformAccountServer","message":"The account does not own a tenant being accessed","details":{"info":"x"}}}`, KindForbidden},
		{404, `{"error":{"code":404,"domain":"PlatformAccountServer","message":"User not found.","details":{"info":"x"}}}`, KindNotFound},
	}
	for _, tc := range cases {
		c, _ := cannedAPI(t, tc.status, tc.body)
		err := c.SetUserMFAStatus(context.Background(), userID, true)
		var e *Error
		if !errors.As(err, &e) || e.Kind != tc.kind || e.Status != tc.status || e.Op != opSetUserMFA {
			t.Errorf("%d: error %#v, want kind %q", tc.status, err, tc.kind)
		}
		_, err = c.GetUser(context.Background(), userID)
		if !errors.As(err, &e) || e.Kind != tc.kind || e.Op != opGetUser {
			t.Errorf("%d: GetUser error %#v, want kind %q", tc.status, err, tc.kind)
		}
	}
}

func TestUserIDs(t *testing.T) {
	c, s := cannedAPI(t, http.StatusOK, "")
	var e *Error
	if err := c.SetUserMFAStatus(context.Background(), " ", true); !errors.As(err, &e) || e.Kind != KindBadRequest {
		t.Errorf("blank ID: %v", err)
	}
	if _, err := c.GetUser(context.Background(), ""); !errors.As(err, &e) || e.Kind != KindBadRequest {
		t.Errorf("empty ID: %v", err)
	}
	if n := s.apiCount(); n != 0 {
		t.Errorf("%d requests for no ID", n)
	}
	// An ID can't reach another route.
	_ = c.SetUserMFAStatus(context.Background(), "a/../b", true)
	if reqs := s.apiRequests(); len(reqs) != 1 || reqs[0].Path != "/api/2/users/a%2F..%2Fb/mfa/status" {
		t.Errorf("requests %+v", reqs)
	}
}

func TestUserMFAOn(t *testing.T) {
	for status, want := range map[string]bool{
		UserMFADisabled: false, UserMFAForciblyDisabled: false, UserMFASetupRequired: true, UserMFAEnabled: true, "": false,
	} {
		if got := UserMFAOn(status); got != want {
			t.Errorf("UserMFAOn(%q) = %v", status, got)
		}
	}
	if len(UserMFAStatuses) != 4 {
		t.Errorf("statuses %v", UserMFAStatuses)
	}
}
