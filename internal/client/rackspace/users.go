package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

const (
	opListUsers   = "list users"
	opGetUser     = "get user"
	opListDomains = "list domains"
)

// UsersPageSize is the page size ListUsers asks for: the most GET
// /v2.0/users returns at once (its default and its cap).
const UsersPageSize = 1000

// DomainsPageSize is the page size ListDomains asks for: the cap of GET
// /v2.0/RAX-AUTH/domains for identity admins, whose default is 25. Identity
// ignores paging for everyone else.
const DomainsPageSize = 1000

// maxPages bounds a listing whose Link headers never end: 1000 pages of
// 1000 is far beyond any account.
const maxPages = 1000

// UserInfo is an Identity user as GET /v2.0/users and GET
// /v2.0/users/{id} return it (User is the authenticated user of an Access).
type UserInfo struct {
	ID            string `json:"id"`
	Username      string `json:"username"`
	Email         string `json:"email"`
	Enabled       bool   `json:"enabled"`
	DomainID      string `json:"RAX-AUTH:domainId"`
	DefaultRegion string `json:"RAX-AUTH:defaultRegion"`
	// MultiFactorState (ACTIVE or LOCKED) and FactorType (SMS or OTP) are
	// set only while multi-factor authentication is enabled.
	MultiFactorEnabled bool   `json:"RAX-AUTH:multiFactorEnabled"`
	MultiFactorState   string `json:"RAX-AUTH:multiFactorState"`
	FactorType         string `json:"RAX-AUTH:factorType"`
	// MultiFactorEnforcementLevel (DEFAULT, OPTIONAL or REQUIRED) is "" when
	// it was never set, which means DEFAULT: the domain's level applies.
	MultiFactorEnforcementLevel string `json:"RAX-AUTH:userMultiFactorEnforcementLevel"`
	// PasswordExpiration is sent by GET /v2.0/users/{id} only, when a domain
	// password policy applies.
	PasswordExpiration string `json:"RAX-AUTH:passwordExpiration"`
}

// UserFilter narrows ListUsers. The zero value lists what the caller sees
// of its own domain.
type UserFilter struct {
	// DomainID lists another domain's users. Identity allows it to
	// identity:admin and service-admin callers only (403 GEN-006 for others).
	DomainID string
}

// ListUsers lists the users the caller may see, following every page of
// GET /v2.0/users: a user-admin sees every user of its domain, a user-manage
// all but the user-admins (and itself), identity:default only itself. It
// makes one request per page of UsersPageSize and returns every user or an
// error naming the page that failed, never part of the list.
func (s *Session) ListUsers(ctx context.Context, filter UserFilter) ([]UserInfo, error) {
	query := url.Values{}
	if filter.DomainID != "" {
		query.Set("domain_id", filter.DomainID)
	}
	var users []UserInfo
	err := s.listPages(ctx, opListUsers, "/v2.0/users", query, UsersPageSize, func(resp *httpx.Response, op string) error {
		var w struct {
			Users *[]UserInfo `json:"users"`
		}
		if err := decode(op, resp, &w, "users", func() bool { return w.Users != nil }); err != nil {
			return err
		}
		users = append(users, *w.Users...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return users, nil
}

// ListDomains lists the domains the caller can see (GET
// /v2.0/RAX-AUTH/domains): for a user-admin, user-manage or default user its
// own domain and those of the tenants it holds roles on, in one answer; for
// an identity admin every domain, a page of DomainsPageSize per request. A
// domain-level caller may manage only its own domain, which is
// Access().User.DomainID: the others are listed for its tenant roles.
func (s *Session) ListDomains(ctx context.Context) ([]Domain, error) {
	var domains []Domain
	err := s.listPages(ctx, opListDomains, "/v2.0/RAX-AUTH/domains", url.Values{}, DomainsPageSize, func(resp *httpx.Response, op string) error {
		var w struct {
			Domains *[]struct {
				ID httpx.FlexString `json:"id"`
				Domain
			} `json:"RAX-AUTH:domains"`
		}
		if err := decode(op, resp, &w, "RAX-AUTH:domains", func() bool { return w.Domains != nil }); err != nil {
			return err
		}
		for _, d := range *w.Domains {
			d.Domain.ID = string(d.ID)
			domains = append(domains, d.Domain)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return domains, nil
}

// Identity's admin roles: their holders see and manage every domain, everyone
// else only its own.
const (
	RoleIdentityAdmin = "identity:admin"
	RoleServiceAdmin  = "identity:service-admin"
)

// IsIdentityAdmin reports whether the user holds a role that reaches every
// domain.
func (u User) IsIdentityAdmin() bool {
	for _, r := range u.Roles {
		if r.TenantID == "" && (r.Name == RoleIdentityAdmin || r.Name == RoleServiceAdmin) {
			return true
		}
	}
	return false
}

// ManagedDomains lists the domains whose settings the caller may change:
// every domain for an identity admin, else its own domain only. ListDomains
// also lists a domain-level caller's tenant-role domains, which it can see
// but not change.
func (s *Session) ManagedDomains(ctx context.Context) ([]Domain, error) {
	access, err := s.Access(ctx)
	if err != nil {
		return nil, err
	}
	domains, err := s.ListDomains(ctx)
	if err != nil || access.User.IsIdentityAdmin() {
		return domains, err
	}
	own := access.User.DomainID
	for _, d := range domains {
		if d.ID == own {
			return []Domain{d}, nil
		}
	}
	return []Domain{{ID: own}}, nil
}

// listPages gets path with query, then each page the Link header's "next"
// names. Identity's links keep only marker and limit, so query is added to
// each again; and only those two are taken from a link, so the token never
// goes to a host a header names. Each page is one request, retried as any
// other, with the session's renewal on a rejected token.
func (s *Session) listPages(ctx context.Context, op, path string, query url.Values, limit int, page func(*httpx.Response, string) error) error {
	marker := -1 // the first request sends none
	for n := 1; ; n++ {
		pageOp := fmt.Sprintf("%s (page %d)", op, n)
		q := url.Values{}
		for k, vs := range query {
			q[k] = vs
		}
		q.Set("limit", strconv.Itoa(limit))
		if marker >= 0 {
			pageOp = fmt.Sprintf("%s (page %d, marker=%d)", op, n, marker)
			q.Set("marker", strconv.Itoa(marker))
		}
		resp, err := withToken(ctx, s, func(ctx context.Context, token string) (*httpx.Response, error) {
			return s.client.get(ctx, pageOp, path+"?"+q.Encode(), token)
		})
		if err != nil {
			return err
		}
		if err := page(resp, pageOp); err != nil {
			return err
		}
		next, nextLimit, ok, err := nextPage(resp.Header, pageOp, resp.Status)
		switch {
		case err != nil:
			return err
		case !ok:
			return nil
		case next <= marker || n >= maxPages:
			return &Error{Service: APIName, Op: pageOp, Status: resp.Status,
				Message: fmt.Sprintf("unexpected response: the Link header's next page (marker=%d) does not advance the listing", next)}
		}
		marker, limit = next, nextLimit
	}
}

// get sends an authenticated GET and turns a non-2xx answer into an error.
func (c *Client) get(ctx context.Context, op, pathAndQuery, tokenID string) (*httpx.Response, error) {
	resp, err := c.send(ctx, op, http.MethodGet, pathAndQuery, http.Header{"X-Auth-Token": {tokenID}}, nil)
	if err != nil {
		return nil, err
	}
	if !isSuccess(resp.Status) {
		return nil, apiError(op, stepAPI, resp, tokenID)
	}
	return resp, nil
}

var linkRE = regexp.MustCompile(`<([^>]*)>\s*;\s*rel="?([A-Za-z]+)"?`)

// nextPage reads the marker and limit of the Link header's "next" entry;
// ok is false when there is none (the last page, or an unpaged answer).
func nextPage(h http.Header, op string, status int) (marker, limit int, ok bool, err error) {
	for _, v := range h.Values("Link") {
		for _, m := range linkRE.FindAllStringSubmatch(v, -1) {
			if !strings.EqualFold(m[2], "next") {
				continue
			}
			var q url.Values
			if u, perr := url.Parse(m[1]); perr == nil {
				q = u.Query()
			}
			marker, merr := strconv.Atoi(q.Get("marker"))
			limit, lerr := strconv.Atoi(q.Get("limit"))
			if merr != nil || lerr != nil || marker < 0 || limit <= 0 {
				return 0, 0, false, &Error{Service: APIName, Op: op, Status: status,
					Message: fmt.Sprintf("unexpected response: unreadable next link %q in the Link header", m[1])}
			}
			return marker, limit, true, nil
		}
	}
	return 0, 0, false, nil
}

// GetUser reads one user (GET /v2.0/users/{id}). Identity answers 404
// "User not found" both for a missing user and for one the caller may not
// read (identity:default may read only itself; user-admin and user-manage
// only their domain's users).
func (s *Session) GetUser(ctx context.Context, userID string) (*UserInfo, error) {
	if userID == "" {
		return nil, &Error{Service: APIName, Op: opGetUser, Kind: KindBadRequest, Message: "no user ID given"}
	}
	return withToken(ctx, s, func(ctx context.Context, token string) (*UserInfo, error) {
		resp, err := s.client.get(ctx, opGetUser, "/v2.0/users/"+url.PathEscape(userID), token)
		if err != nil {
			return nil, err
		}
		var w struct {
			User *UserInfo `json:"user"`
		}
		if err := decode(opGetUser, resp, &w, "user", func() bool { return w.User != nil }); err != nil {
			return nil, err
		}
		return w.User, nil
	})
}
