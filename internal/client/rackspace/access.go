package rackspace

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// Access is a successful authentication: the token, the user and the
// service catalog.
type Access struct {
	Token          Token
	User           User
	ServiceCatalog []Service
	// PasswordExpiration comes from the X-Password-Expiration header, sent on
	// password logins when the domain's password policy sets a duration.
	PasswordExpiration *time.Time
}

// Token is the issued token. Its ID is a secret.
type Token struct {
	ID              string
	Expires         time.Time
	Issued          time.Time // zero when the server does not send RAX-AUTH:issued
	Tenant          *Tenant   // nil for tokens without a tenant, e.g. MFA-setup scoped ones
	AuthenticatedBy []string  // e.g. PASSWORD and OTPPASSCODE, in no guaranteed order
}

// String keeps the token ID out of logs and error messages that format a
// Token or Access with %v.
func (t Token) String() string {
	tenant := ""
	if t.Tenant != nil {
		tenant = t.Tenant.ID
	}
	return fmt.Sprintf("{ID:[redacted] Expires:%s Tenant:%s AuthenticatedBy:%v}",
		t.Expires.Format(time.RFC3339), tenant, t.AuthenticatedBy)
}

// GoString does for %#v what String does for %v.
func (t Token) GoString() string { return "rackspace.Token" + t.String() }

// Tenant is the tenant a token is scoped to.
type Tenant struct {
	ID   string `json:"-"`
	Name string `json:"name"`
}

// User is the authenticated user.
type User struct {
	ID            string `json:"-"`
	Name          string `json:"name"`
	DefaultRegion string `json:"RAX-AUTH:defaultRegion"`
	DomainID      string `json:"-"`
	// SessionInactivityTimeout is the domain's ISO-8601 duration, e.g. PT15M.
	SessionInactivityTimeout string `json:"RAX-AUTH:sessionInactivityTimeout"`
	Roles                    []Role `json:"-"`
}

// Role is a role of the user; TenantID is set only on tenant roles.
type Role struct {
	ID          string `json:"-"`
	Name        string `json:"name"`
	Description string `json:"description"`
	TenantID    string `json:"-"`
}

// Service is one entry of the service catalog.
type Service struct {
	Name      string     `json:"name"`
	Type      string     `json:"type"`
	Endpoints []Endpoint `json:"-"`
}

// Endpoint is one regional endpoint of a service.
type Endpoint struct {
	Region      string `json:"region"`
	TenantID    string `json:"-"`
	PublicURL   string `json:"publicURL"`
	InternalURL string `json:"internalURL"`
}

// The wire types shadow the fields Identity may send as numbers
// (httpx.FlexString), as domainWire does.
type accessWire struct {
	Access *struct {
		Token struct {
			ID              httpx.FlexString `json:"id"`
			Expires         string           `json:"expires"`
			Issued          string           `json:"RAX-AUTH:issued"`
			AuthenticatedBy []string         `json:"RAX-AUTH:authenticatedBy"`
			Tenant          *struct {
				ID httpx.FlexString `json:"id"`
				Tenant
			} `json:"tenant"`
		} `json:"token"`
		User struct {
			ID       httpx.FlexString `json:"id"`
			DomainID httpx.FlexString `json:"RAX-AUTH:domainId"`
			Roles    []struct {
				ID       httpx.FlexString `json:"id"`
				TenantID httpx.FlexString `json:"tenantId"`
				Role
			} `json:"roles"`
			User
		} `json:"user"`
		ServiceCatalog []struct {
			Endpoints []struct {
				TenantID httpx.FlexString `json:"tenantId"`
				Endpoint
			} `json:"endpoints"`
			Service
		} `json:"serviceCatalog"`
	} `json:"access"`
}

// parseAccess decodes a successful POST /v2.0/tokens response.
func parseAccess(body []byte, header http.Header) (*Access, error) {
	var w accessWire
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("decoding access: %v", err)
	}
	if w.Access == nil {
		return nil, fmt.Errorf("response has no access object")
	}
	wa := w.Access
	if wa.Token.ID == "" {
		return nil, fmt.Errorf("response has no token id")
	}
	a := &Access{Token: Token{ID: string(wa.Token.ID), AuthenticatedBy: wa.Token.AuthenticatedBy}, User: wa.User.User}
	var err error
	if a.Token.Expires, err = parseTime(wa.Token.Expires); err != nil {
		return nil, fmt.Errorf("token expires: %v", err)
	}
	if wa.Token.Issued != "" {
		if a.Token.Issued, err = parseTime(wa.Token.Issued); err != nil {
			return nil, fmt.Errorf("token RAX-AUTH:issued: %v", err)
		}
	}
	if t := wa.Token.Tenant; t != nil {
		a.Token.Tenant = &t.Tenant
		a.Token.Tenant.ID = string(t.ID)
	}
	a.User.ID, a.User.DomainID = string(wa.User.ID), string(wa.User.DomainID)
	for _, r := range wa.User.Roles {
		r.Role.ID, r.Role.TenantID = string(r.ID), string(r.TenantID)
		a.User.Roles = append(a.User.Roles, r.Role)
	}
	for _, s := range wa.ServiceCatalog {
		for _, e := range s.Endpoints {
			e.Endpoint.TenantID = string(e.TenantID)
			s.Service.Endpoints = append(s.Service.Endpoints, e.Endpoint)
		}
		a.ServiceCatalog = append(a.ServiceCatalog, s.Service)
	}
	a.PasswordExpiration = passwordExpiration(header)
	return a, nil
}

// passwordExpiration is informational, so an unreadable header is dropped
// rather than failing a login that succeeded.
func passwordExpiration(h http.Header) *time.Time {
	t, err := parseTime(h.Get("X-Password-Expiration"))
	if err != nil {
		return nil
	}
	return &t
}

// timeLayouts cover what Identity has sent over the years: RFC 3339 (with
// or without fractions), offsets without a colon, and zone-less (UTC).
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, fmt.Errorf("missing timestamp")
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised timestamp %q", s)
}
