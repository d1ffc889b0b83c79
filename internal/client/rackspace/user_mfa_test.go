package rackspace

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

const userMandatedMsg = "Cannot update user enforcement level when domain enforcement is RACKSPACE_MANDATED. Please open a support ticket."

func TestSetUserMFAEnforcementRequest(t *testing.T) {
	for userID, path := range map[string]string{
		"10001":                            "/v2.0/users/10001/RAX-AUTH/multi-factor",
		"cc0068ca9558433bb14472dbd16dde2f": "/v2.0/users/cc0068ca9558433bb14472dbd16dde2f/RAX-AUTH/multi-factor",
		"a/b?c":                            "/v2.0/users/a%2Fb%3Fc/RAX-AUTH/multi-factor",
	} {
		for _, level := range UserMFALevels {
			c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { noContent(w) })
			if err := c.SetUserMFAEnforcement(context.Background(), stubToken, userID, level); err != nil {
				t.Fatal(err)
			}
			r := s.requests()[0]
			if r.method != http.MethodPut || r.path != path || r.header.Get("X-Auth-Token") != stubToken ||
				r.header.Get("Content-Type") != "application/json" {
				t.Errorf("request %s %s %v", r.method, r.path, r.header)
			}
			var got map[string]any
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			want := map[string]any{"RAX-AUTH:multiFactor": map[string]any{"userMultiFactorEnforcementLevel": level}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("body %v, want %v", got, want)
			}
		}
	}
}

func TestSetUserMFAEnforcementChecked(t *testing.T) {
	for _, in := range []struct{ token, userID, level string }{
		{stubToken, "10001", "required"},
		{stubToken, "10001", "RACKSPACE_MANDATED"},
		{stubToken, "10001", ""},
		{stubToken, "10001", " DEFAULT"},
		{"", "10001", "DEFAULT"},
		{stubToken, "", "DEFAULT"},
	} {
		c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) { noContent(w) })
		e := asError(t, c.SetUserMFAEnforcement(context.Background(), in.token, in.userID, in.level), KindBadRequest)
		if len(s.requests()) != 0 || e.Op != opSetUserMFA {
			t.Errorf("%+v: %q after %d requests", in, e, len(s.requests()))
		}
	}
	if err := CheckUserMFALevel("Optional"); err == nil || err.Error() != `enforcement level "Optional" is not DEFAULT, REQUIRED or OPTIONAL` {
		t.Errorf("CheckUserMFALevel: %v", err)
	}
}

func TestSetUserMFAEnforcementErrors(t *testing.T) {
	cases := append(append([]errorCase(nil), commonErrorCases...),
		errorCase{"user not found", 404, "itemNotFound", "User not found", KindNotFound, 1},
		errorCase{"rackspace mandated", 403, "forbidden", userMandatedMsg, KindRackspaceMandated, 1},
		errorCase{"no settings", 400, "badRequest", "Must provide a multifactor settings", KindBadRequest, 1},
	)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, s := startStub(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				if tc.key == "" {
					w.WriteHeader(tc.status)
					return
				}
				writeFault(w, tc.status, tc.key, tc.msg)
			})
			e := asError(t, c.SetUserMFAEnforcement(context.Background(), stubToken, "10002", "REQUIRED"), tc.want)
			if len(s.requests()) != tc.attempts || e.Status != tc.status || e.Op != opSetUserMFA {
				t.Errorf("%q after %d attempts, want status %d after %d", e, len(s.requests()), tc.status, tc.attempts)
			}
			if strings.Contains(e.Error(), stubToken) {
				t.Errorf("%q leaks the token", e)
			}
		})
	}
}
