package rackspace

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAuthenticateRequestBodies(t *testing.T) {
	tests := []struct {
		name  string
		creds Credentials
		want  string
	}{
		{
			name:  "password",
			creds: Credentials{Username: "demo-user", Password: "demo-password-2"},
			want:  `{"auth":{"passwordCredentials":{"password":"demo-password-2","username":"demo-user"}}}`,
		},
		{
			name:  "password with tenant",
			creds: Credentials{Username: "demo-user", Password: "demo-password-2", TenantID: "123456"},
			want:  `{"auth":{"passwordCredentials":{"password":"demo-password-2","username":"demo-user"},"tenantId":"123456"}}`,
		},
		{
			name:  "api key with tenant",
			creds: Credentials{Username: "demo-user", APIKey: "key-2", TenantID: "123456"},
			want:  `{"auth":{"RAX-KSKEY:apiKeyCredentials":{"apiKey":"key-2","username":"demo-user"},"tenantId":"123456"}}`,
		},
		{
			name:  "token with tenant",
			creds: Credentials{Token: "tok-given", TenantID: "123456"},
			want:  `{"auth":{"tenantId":"123456","token":{"id":"tok-given"}}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeIdentity(t)
			f.addUser(&fakeUser{name: "demo-user", password: "demo-password-2", apiKey: "key-2"})
			f.tokens["tok-given"] = &fakeToken{user: "demo-user", by: []string{"APIKEY"}}
			c := f.start(Config{UserAgent: "authpolicy-test/1.0"})

			a, err := c.Authenticate(context.Background(), tt.creds)
			if err != nil {
				t.Fatal(err)
			}
			reqs := f.recorded()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			got, _ := json.Marshal(reqs[0].Body)
			if string(got) != tt.want {
				t.Errorf("body\n got %s\nwant %s", got, tt.want)
			}
			h := reqs[0].Header
			for k, v := range map[string]string{
				"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "authpolicy-test/1.0",
			} {
				if h.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, h.Get(k), v)
				}
			}
			if tt.creds.TenantID != "" && (a.Token.Tenant == nil || a.Token.Tenant.ID != tt.creds.TenantID) {
				t.Errorf("token tenant = %+v, want %s", a.Token.Tenant, tt.creds.TenantID)
			}
			if tt.creds.Token != "" && a.Token.ID != tt.creds.Token {
				t.Errorf("token credential login returned a different token")
			}
		})
	}
}

const fullAccess = `{"access": {
  "token": {
    "id": "d74f592f986e4d6e995853ccf0123456",
    "expires": "2015-06-05T16:24:57.637-06:00",
    "tenant": {"id": "123456", "name": "Tenant 123456"},
    "RAX-AUTH:authenticatedBy": ["OTPPASSCODE", "PASSWORD"],
    "RAX-AUTH:issued": "2015-06-04T16:24:57Z"
  },
  "serviceCatalog": [
    {"name": "cloudServersOpenStack", "type": "compute",
     "endpoints": [
       {"region": "DFW", "tenantId": "123456", "publicURL": "https://dfw.servers.api.rackspacecloud.com/v2/123456",
        "internalURL": "https://snet-dfw.servers.api.rackspacecloud.com/v2/123456", "versionId": "2"},
       {"region": "ORD", "tenantId": 123456, "publicURL": "https://ord.servers.api.rackspacecloud.com/v2/123456"}]},
    {"name": "cloudFiles", "type": "object-store", "endpoints": []}
  ],
  "user": {
    "id": "172157", "name": "demo-admin",
    "roles": [
      {"id": "3", "name": "identity:user-admin", "description": "User Admin Role."},
      {"id": "6", "name": "compute:default", "description": "Compute", "tenantId": "123456"}
    ],
    "RAX-AUTH:defaultRegion": "DFW",
    "RAX-AUTH:domainId": "123456",
    "RAX-AUTH:sessionInactivityTimeout": "PT15M",
    "RAX-AUTH:phonePin": "914737",
    "RAX-AUTH:federated": false
  }
}}`

func TestAuthenticateParsesWholeAccess(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Password-Expiration", "2015-09-03T10:24:57.637+02:00")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, fullAccess)
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.Authenticate(context.Background(), Credentials{Username: "demo-admin", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	cst := time.FixedZone("", -6*3600)
	pwExp := time.Date(2015, 9, 3, 8, 24, 57, 637e6, time.UTC)
	want := &Access{
		Token: Token{
			ID:              "d74f592f986e4d6e995853ccf0123456",
			Expires:         time.Date(2015, 6, 5, 16, 24, 57, 637e6, cst),
			Issued:          time.Date(2015, 6, 4, 16, 24, 57, 0, time.UTC),
			Tenant:          &Tenant{ID: "123456", Name: "Tenant 123456"},
			AuthenticatedBy: []string{"OTPPASSCODE", "PASSWORD"},
		},
		User: User{
			ID: "172157", Name: "demo-admin", DefaultRegion: "DFW", DomainID: "123456",
			SessionInactivityTimeout: "PT15M",
			Roles: []Role{
				{ID: "3", Name: "identity:user-admin", Description: "User Admin Role."},
				{ID: "6", Name: "compute:default", Description: "Compute", TenantID: "123456"},
			},
		},
		ServiceCatalog: []Service{
			{Name: "cloudServersOpenStack", Type: "compute", Endpoints: []Endpoint{
				{Region: "DFW", TenantID: "123456", PublicURL: "https://dfw.servers.api.rackspacecloud.com/v2/123456",
					InternalURL: "https://snet-dfw.servers.api.rackspacecloud.com/v2/123456"},
				{Region: "ORD", TenantID: "123456", PublicURL: "https://ord.servers.api.rackspacecloud.com/v2/123456"},
			}},
			{Name: "cloudFiles", Type: "object-store"},
		},
	}
	if !a.Token.Expires.Equal(want.Token.Expires) || !a.Token.Issued.Equal(want.Token.Issued) {
		t.Errorf("times: expires %v issued %v", a.Token.Expires, a.Token.Issued)
	}
	if a.PasswordExpiration == nil || !a.PasswordExpiration.Equal(pwExp) {
		t.Errorf("password expiration = %v, want %v", a.PasswordExpiration, pwExp)
	}
	// Times compared above; zero them so DeepEqual checks the rest.
	a.Token.Expires, a.Token.Issued, a.PasswordExpiration = want.Token.Expires, want.Token.Issued, nil
	if !reflect.DeepEqual(a, want) {
		t.Errorf("access\n got %#v\nwant %#v", *a, *want)
	}
}

func TestAccessWithoutOptionalParts(t *testing.T) {
	a, err := parseAccess([]byte(`{"access":{"token":{"id":"t1","expires":"2030-01-01T00:00:00Z"},"user":{"id":"1","name":"u","RAX-AUTH:defaultRegion":""}}}`), http.Header{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Token.Tenant != nil || !a.Token.Issued.IsZero() || a.ServiceCatalog != nil || a.PasswordExpiration != nil {
		t.Errorf("optional parts should be empty: %+v", a)
	}
	for _, bad := range []string{
		`{}`,
		`{"access":{"token":{"expires":"2030-01-01T00:00:00Z"}}}`,
		`{"access":{"token":{"id":"t1","expires":"tomorrow"}}}`,
		`{"access":{"token":{"id":"t1"}}}`,
		`not json`,
	} {
		if _, err := parseAccess([]byte(bad), http.Header{}); err == nil {
			t.Errorf("parseAccess(%s) succeeded", bad)
		}
	}
}

func TestParseTimeForms(t *testing.T) {
	want := time.Date(2015, 6, 5, 22, 24, 57, 0, time.UTC)
	for _, s := range []string{
		"2015-06-05T22:24:57Z",
		"2015-06-05T22:24:57.000Z",
		"2015-06-05T16:24:57-06:00",
		"2015-06-05T16:24:57.000-06:00",
		"2015-06-05T23:24:57+01:00",
		"2015-06-05T16:24:57.000000-0600",
		"2015-06-05T22:24:57",
		" 2015-06-05T22:24:57Z ",
	} {
		got, err := parseTime(s)
		if err != nil {
			t.Errorf("parseTime(%q): %v", s, err)
			continue
		}
		if !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, want %v", s, got, want)
		}
	}
	millis, err := parseTime("2015-06-05T16:24:57.637-06:00")
	if err != nil || millis.Nanosecond() != 637e6 {
		t.Errorf("millis lost: %v %v", millis, err)
	}
	for _, s := range []string{"", "2015-06-05", "yesterday", "2015-06-05 22:24:57Z"} {
		if _, err := parseTime(s); err == nil {
			t.Errorf("parseTime(%q) succeeded", s)
		}
	}
}

func TestCredentialsChecked(t *testing.T) {
	tests := []Credentials{
		{},
		{Username: "u"},
		{Username: "u", Password: "p", APIKey: "k"},
		{Username: "u", Password: "p", Token: "t"},
		{Password: "p"},
		{APIKey: "k"},
	}
	for _, creds := range tests {
		f := newFakeIdentity(t)
		c := f.start(Config{})
		_, err := c.Authenticate(context.Background(), creds)
		wantKind(t, err, KindBadRequest)
		if n := f.logins(); n != 0 {
			t.Errorf("%v: %d requests, want 0", creds, n)
		}
	}
}

func TestRevokeToken(t *testing.T) {
	f := newFakeIdentity(t)
	f.addUser(&fakeUser{name: "demo-user", apiKey: "key-2"})
	c := f.start(Config{})
	ctx := context.Background()
	a, err := c.Authenticate(ctx, Credentials{Username: "demo-user", APIKey: "key-2"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeToken(ctx, a.Token.ID); err != nil {
		t.Fatalf("revoke: %v", err)
	}
	reqs := f.recorded()
	last := reqs[len(reqs)-1]
	if last.Method != http.MethodDelete || last.Path != "/v2.0/tokens" || last.Header.Get("X-Auth-Token") != a.Token.ID {
		t.Errorf("revoke request = %s %s with token %q", last.Method, last.Path, last.Header.Get("X-Auth-Token"))
	}
	// A revoked token is rejected like an expired one.
	err = c.RevokeToken(ctx, a.Token.ID)
	e := asError(t, err, KindTokenInvalid)
	if e.Op != opRevokeToken || e.Status != 401 || strings.Contains(e.Error(), a.Token.ID) {
		t.Errorf("unexpected error %q", e)
	}
	wantKind(t, c.RevokeToken(ctx, ""), KindBadRequest)
}

func TestGetDomain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Auth-Token") != "tok" {
			writeFault(w, 401, "unauthorized", "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.")
			return
		}
		switch r.URL.EscapedPath() {
		case "/v2.0/RAX-AUTH/domains/123456":
			fmt.Fprint(w, `{"RAX-AUTH:domain": {"id": "123456", "name": "GCorp", "description": "A very good customer",
				"enabled": true, "sessionInactivityTimeout": "PT15M", "rackspaceCustomerNumber": "RCN-123-123-123",
				"domainMultiFactorEnforcementLevel": "OPTIONAL", "type": "RACKSPACE_CLOUD_US"}}`)
		case "/v2.0/RAX-AUTH/domains/dedicated:42":
			fmt.Fprint(w, `{"RAX-AUTH:domain": {"id": "dedicated:42", "enabled": false, "sessionInactivityTimeout": "PT1H"}}`)
		case "/v2.0/RAX-AUTH/domains/a%2Fb":
			fmt.Fprint(w, `{"RAX-AUTH:domain": {"id": "a/b", "enabled": true}}`)
		case "/v2.0/RAX-AUTH/domains/other":
			writeFault(w, 403, "forbidden", "Not Authorized")
		case "/v2.0/RAX-AUTH/domains/garbled":
			fmt.Fprint(w, `{"domain": {}}`)
		default:
			writeFault(w, 404, "itemNotFound", "Domain with ID "+strings.TrimPrefix(r.URL.Path, "/v2.0/RAX-AUTH/domains/")+" not found.")
		}
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL + "/v2.0/"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	d, err := c.GetDomain(ctx, "tok", "123456")
	if err != nil {
		t.Fatal(err)
	}
	want := Domain{ID: "123456", Name: "GCorp", Description: "A very good customer", Enabled: true,
		SessionInactivityTimeout: "PT15M", RackspaceCustomerNumber: "RCN-123-123-123",
		MultiFactorEnforcementLevel: "OPTIONAL", Type: "RACKSPACE_CLOUD_US"}
	if *d != want {
		t.Errorf("domain = %+v, want %+v", *d, want)
	}

	d, err = c.GetDomain(ctx, "tok", "dedicated:42")
	if err != nil {
		t.Fatal(err)
	}
	if d.MultiFactorEnforcementLevel != "" || d.Name != "" || d.Enabled {
		t.Errorf("absent fields should stay empty: %+v", *d)
	}
	if d, err := c.GetDomain(ctx, "tok", "a/b"); err != nil || d.ID != "a/b" {
		t.Errorf("escaped domain ID: %v %v", d, err)
	}

	e := asError(t, errOf(c.GetDomain(ctx, "tok", "999")), KindNotFound)
	if e.Message != "Domain with ID 999 not found." || e.Fault != "itemNotFound" || e.Op != opGetDomain {
		t.Errorf("not found error = %#v", e)
	}
	wantKind(t, errOf(c.GetDomain(ctx, "tok", "other")), KindForbidden)
	wantKind(t, errOf(c.GetDomain(ctx, "expired", "123456")), KindTokenInvalid)
	wantKind(t, errOf(c.GetDomain(ctx, "tok", "garbled")), KindUnknown)
	wantKind(t, errOf(c.GetDomain(ctx, "", "123456")), KindBadRequest)
	wantKind(t, errOf(c.GetDomain(ctx, "tok", "")), KindBadRequest)
}

func errOf[T any](_ T, err error) error { return err }

func TestEndpointNormalised(t *testing.T) {
	for in, want := range map[string]string{
		"": "https://identity.api.rackspacecloud.com",
		"https://identity.api.rackspacecloud.com/":          "https://identity.api.rackspacecloud.com",
		"https://lon.identity.api.rackspacecloud.com/v2.0/": "https://lon.identity.api.rackspacecloud.com",
		"http://127.0.0.1:8181":                             "http://127.0.0.1:8181",
		"http://127.0.0.1:8181/prefix/v2.0":                 "http://127.0.0.1:8181/prefix",
	} {
		got, err := normalizeEndpoint(in)
		if err != nil || got != want {
			t.Errorf("normalizeEndpoint(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"ftp://x", "identity.example.com", "https://user:secret@x", "https://x?a=b", "http://"} {
		_, err := New(Config{Endpoint: bad})
		if err == nil {
			t.Errorf("New accepted endpoint %q", bad)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("error leaks the URL password: %v", err)
		}
	}
}

func TestSecretsNotFormatted(t *testing.T) {
	creds := Credentials{Username: "u", Password: "pw-secret", APIKey: "key-secret", Token: "tok-secret",
		TOTPSecret: "JBSWY3DPEHPK3PXP", Passcode: "123456", TenantID: "t"}
	a := Access{Token: Token{ID: "tok-secret", Tenant: &Tenant{ID: "t"}}}
	for _, s := range []string{
		fmt.Sprintf("%v %+v %#v %s", creds, creds, creds, creds),
		fmt.Sprintf("%v %+v %#v", a, a, a),
		fmt.Sprintf("%v %+v", &a, &a),
	} {
		for _, secret := range []string{"pw-secret", "key-secret", "tok-secret", "JBSWY3DPEHPK3PXP", "123456"} {
			if strings.Contains(s, secret) {
				t.Errorf("formatted value %q contains %q", s, secret)
			}
		}
	}
}

func TestCredentialsCheck(t *testing.T) {
	cases := []struct {
		creds Credentials
		want  error
	}{
		{Credentials{Username: "u", Password: "p"}, nil},
		{Credentials{Username: "u", APIKey: "k"}, nil},
		{Credentials{Token: "t"}, nil},
		{Credentials{Username: "u"}, ErrNoCredential},
		{Credentials{Username: "u", Password: "p", APIKey: "k"}, ErrManyCredentials},
		{Credentials{APIKey: "k", Token: "t"}, ErrManyCredentials},
		{Credentials{Password: "p"}, ErrNoUsername},
		{Credentials{APIKey: "k"}, ErrNoUsername},
	}
	for _, tc := range cases {
		if got := tc.creds.Check(); !errors.Is(got, tc.want) || (tc.want == nil) != (got == nil) {
			t.Errorf("%v.Check() = %v, want %v", tc.creds, got, tc.want)
		}
	}
}
