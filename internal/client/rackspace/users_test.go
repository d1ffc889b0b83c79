package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// pagedFake answers GET path with total numbered items in pages as Identity
// does, the Link header dropping every filter, on a host of its own choosing
// (linkHost) so the test sees the client ignore it. fail, when set, answers
// a request instead, given the page's marker.
type pagedFake struct {
	f        *fakeIdentity
	path     string
	key      string // the JSON array's key
	total    int
	linkHost string
	fail     func(w http.ResponseWriter, marker int) bool

	mu      sync.Mutex
	queries []string
}

func newPagedFake(t *testing.T, path, key string, total int) (*pagedFake, *Session) {
	p := &pagedFake{f: newFakeIdentity(t), path: path, key: key, total: total, linkHost: "http://elsewhere.example"}
	p.f.addUser(&fakeUser{name: "demo-admin", apiKey: "key-1"})
	p.f.onRequest = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != p.path {
			return false
		}
		p.mu.Lock()
		p.queries = append(p.queries, r.URL.RawQuery)
		p.mu.Unlock()
		p.f.mu.Lock()
		tok := p.f.validToken(w, r)
		p.f.mu.Unlock()
		if tok == nil {
			return true
		}
		q := r.URL.Query()
		marker, _ := strconv.Atoi(q.Get("marker"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		if p.fail != nil && p.fail(w, marker) {
			return true
		}
		var items []string
		for i := marker; i < min(marker+limit, p.total); i++ {
			items = append(items, fmt.Sprintf(`{"id":"%05d","username":"u%05d","enabled":true,"RAX-AUTH:multiFactorEnabled":false}`, i, i))
		}
		if marker+limit < p.total {
			w.Header().Set("Link", fmt.Sprintf(`<%s%s?marker=0&limit=%d>; rel="first", <%s%s?marker=%d&limit=%d>; rel="next"`,
				p.linkHost, p.path, limit, p.linkHost, p.path, marker+limit, limit))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{%q:[%s]}`, p.key, strings.Join(items, ","))
		return true
	}
	c := p.f.start(Config{RetryMax: 2})
	return p, NewSession(c, Credentials{Username: "demo-admin", APIKey: "key-1"})
}

func (p *pagedFake) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.queries...)
}

// One request per page, each asking for 1000 with the filter added again,
// following "next" on the client's own endpoint whatever host the link names.
func TestListUsersFollowsEveryPage(t *testing.T) {
	p, s := newPagedFake(t, "/v2.0/users", "users", 2345)
	users, err := s.ListUsers(context.Background(), UserFilter{DomainID: "123456"})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2345 || users[0].ID != "00000" || users[2344].ID != "02344" || users[1000].Username != "u01000" {
		t.Fatalf("got %d users, want the 2345 in order", len(users))
	}
	want := []string{"domain_id=123456&limit=1000", "domain_id=123456&limit=1000&marker=1000", "domain_id=123456&limit=1000&marker=2000"}
	if got := p.seen(); !reflect.DeepEqual(got, want) {
		t.Errorf("queries = %q, want %q", got, want)
	}
}

func TestListUsersPageErrors(t *testing.T) {
	for _, c := range []struct {
		name     string
		fail     func(w http.ResponseWriter, marker int) bool
		want     string
		requests int
	}{
		{"a page that keeps failing", func(w http.ResponseWriter, marker int) bool {
			if marker == 2000 {
				writeFault(w, http.StatusServiceUnavailable, "serviceUnavailable", "Service Unavailable")
			}
			return marker == 2000
		}, "rackspace identity: list users (page 3, marker=2000): HTTP 503 serviceUnavailable: Service Unavailable", 5},
		{"a refused page", func(w http.ResponseWriter, marker int) bool {
			writeFault(w, http.StatusForbidden, "forbidden", "Error code: 'GEN-006'; Not Authorized")
			return true
		}, "rackspace identity: list users (page 1): HTTP 403 forbidden: Error code: 'GEN-006'; Not Authorized", 1},
		{"a page that does not advance", func(w http.ResponseWriter, marker int) bool {
			if marker != 1000 {
				return false
			}
			w.Header().Set("Link", `</v2.0/users?marker=1000&limit=1000>; rel="next"`)
			fmt.Fprint(w, `{"users":[]}`)
			return true
		}, "rackspace identity: list users (page 2, marker=1000): HTTP 200: unexpected response: the Link header's next page (marker=1000) does not advance the listing", 2},
		{"an unreadable link", func(w http.ResponseWriter, marker int) bool {
			w.Header().Set("Link", `</v2.0/users?marker=x>; rel="next"`)
			fmt.Fprint(w, `{"users":[]}`)
			return true
		}, `rackspace identity: list users (page 1): HTTP 200: unexpected response: unreadable next link "/v2.0/users?marker=x" in the Link header`, 1},
		{"a body without users", func(w http.ResponseWriter, marker int) bool {
			fmt.Fprint(w, `{"user":{}}`)
			return true
		}, "rackspace identity: list users (page 1): HTTP 200: unexpected response: no users object", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, s := newPagedFake(t, "/v2.0/users", "users", 2500)
			p.fail = c.fail
			users, err := s.ListUsers(context.Background(), UserFilter{})
			if err == nil || err.Error() != c.want {
				t.Fatalf("err = %v, want %s", err, c.want)
			}
			if users != nil {
				t.Errorf("got %d users with the error, want none", len(users))
			}
			// A failing page is retried (twice here), and nothing follows it.
			if n := len(p.seen()); n != c.requests {
				t.Errorf("%d requests, want %d: %q", n, c.requests, p.seen())
			}
		})
	}
}

// A token rejected in the middle of a listing is renewed once, and the listing goes on from
// the page that was refused.
func TestListUsersRenewsTokenMidListing(t *testing.T) {
	p, s := newPagedFake(t, "/v2.0/users", "users", 2500)
	rejected := false
	p.fail = func(w http.ResponseWriter, marker int) bool {
		if marker != 1000 || rejected {
			return false
		}
		rejected = true
		p.f.rejectAll()
		writeFault(w, http.StatusUnauthorized, "unauthorized", noValidTokenMsg)
		return true
	}
	users, err := s.ListUsers(context.Background(), UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2500 || p.f.logins() != 2 {
		t.Errorf("%d users after %d logins, want 2500 after 2", len(users), p.f.logins())
	}
	want := []string{"limit=1000", "limit=1000&marker=1000", "limit=1000&marker=1000", "limit=1000&marker=2000"}
	if !reflect.DeepEqual(p.seen(), want) {
		t.Errorf("queries = %q, want %q", p.seen(), want)
	}
}

// An identity admin's domains come in pages of 1000; anyone else's in one
// unpaged answer, which has no Link header.
func TestListDomainsPages(t *testing.T) {
	p, s := newPagedFake(t, "/v2.0/RAX-AUTH/domains", "RAX-AUTH:domains", 1500)
	domains, err := s.ListDomains(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(domains) != 1500 || domains[0].ID != "00000" || domains[1499].ID != "01499" {
		t.Fatalf("got %d domains", len(domains))
	}
	if want := []string{"limit=1000", "limit=1000&marker=1000"}; !reflect.DeepEqual(p.seen(), want) {
		t.Errorf("queries = %q, want %q", p.seen(), want)
	}
}

func TestGetUserRefusesEmptyID(t *testing.T) {
	f := newFakeIdentity(t)
	s := NewSession(f.start(Config{}), Credentials{Username: "u", APIKey: "k"})
	_, err := s.GetUser(context.Background(), "")
	wantKind(t, err, KindBadRequest)
	if len(f.recorded()) != 0 {
		t.Errorf("requests were made: %v", f.recorded())
	}
}
