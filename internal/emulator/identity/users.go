package identity

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Messages of the user and domain listings (more-endpoints.md A.1, A.3, A.6).
const (
	msgGEN006           = "Error code: 'GEN-006'; Not Authorized"
	msgExclusiveParams  = "Error code: 'GEN-000'; The '%s' parameter can not be used with the '%s' parameter."
	msgNoCallerDomain   = "Caller does not belong to a domain. Must specify domain, tenant, or contact ID to limit search."
	msgTenantIDNotFound = "Tenant with id/name: '%s' was not found."
	msgUserNameNotFound = "User not found: '%s'"
	msgUserNotFound     = "User not found"
	msgMarkerNegative   = "Marker must be non negative"
	msgLimitNegative    = "Limit must be non negative"
	// Inferred: Identity's text for a non-integer marker or limit is not known.
	msgBadPaging = "Invalid value for query parameter '%s'."
)

// Paging of the two listings (A.1, A.6).
const (
	usersLimit         = 1000 // default and cap of GET /v2.0/users
	domainsLimit       = 25   // ldap.paging.limit.default
	domainsLimitCap    = 1000 // ldap.paging.limit.max
	userTypeVerified   = "VERIFIED"
	userTypeUnverified = "UNVERIFIED"
	userTypeAll        = "ALL"
	// defaultDomainID is tenant.domainId.default of Identity's dev config:
	// its users only ever see themselves.
	defaultDomainID = "983452"
)

// userItemJSON is JsonWriterHelper.getUser's shape. Pointers are the
// fields omitted when null; the get-by-id form sends "" for the three
// strings instead (setEmptyUserValues).
type userItemJSON struct {
	ID                 string  `json:"id"`
	Username           string  `json:"username"`
	Email              *string `json:"email,omitempty"`
	Enabled            bool    `json:"enabled"`
	DomainID           *string `json:"RAX-AUTH:domainId,omitempty"`
	DefaultRegion      string  `json:"RAX-AUTH:defaultRegion"`
	MultiFactorEnabled bool    `json:"RAX-AUTH:multiFactorEnabled"`
	MultiFactorState   string  `json:"RAX-AUTH:multiFactorState,omitempty"`
	FactorType         string  `json:"RAX-AUTH:factorType,omitempty"`
	EnforcementLevel   string  `json:"RAX-AUTH:userMultiFactorEnforcementLevel,omitempty"`
	PasswordExpiration string  `json:"RAX-AUTH:passwordExpiration,omitempty"`
}

// userItem renders u; single is the get-by-name/get-by-id form, which adds
// the password expiration when a domain policy applies.
func (a *API) userItem(u *user, single bool) userItemJSON {
	out := userItemJSON{
		ID: u.ID, Username: u.Username, Enabled: u.Enabled,
		DefaultRegion: u.DefaultRegion, MultiFactorEnabled: u.MFAEnabled,
		EnforcementLevel: u.MFAEnforcementLevel,
	}
	if u.email != "" {
		out.Email = &u.email
	}
	if u.DomainID != "" {
		out.DomainID = &u.DomainID
	}
	if u.MFAEnabled {
		out.MultiFactorState = "ACTIVE"
		if u.locked(a.Now()) {
			out.MultiFactorState = "LOCKED"
		}
		out.FactorType = u.FactorType
	}
	if single {
		if exp, _ := passwordExpiry(u, a.St.domains[u.DomainID], a.Now()); !exp.IsZero() {
			out.PasswordExpiration = formatTime(exp)
		}
	}
	return out
}

func (u *user) isAdmin() bool { return u.level() <= levelAdmin }

// seesUser is the visibility rule of the user listing and get-by-name
// (filterOutUsersInaccessibleByCallerForListUsers).
func seesUser(caller, target *user) bool {
	switch {
	case caller.ID == target.ID:
		return true
	case caller.isAdmin():
		return true
	case caller.DomainID == defaultDomainID || caller.DomainID != target.DomainID:
		return false
	case caller.level() <= levelUserAdmin:
		return true
	case caller.level() <= levelUserManage:
		return target.level() > levelUserAdmin
	}
	return false
}

// sortedUsers orders users by id. Inferred: the order of Identity's LDAP
// paged search is not documented; any stable order keeps offsets meaningful.
func (a *API) sortedUsers(keep func(*user) bool) []*user {
	var out []*user
	for _, u := range a.St.users {
		if keep(u) {
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(x, y *user) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// handleListUsers serves GET /v2.0/users (A.1).
func (a *API) handleListUsers(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(t *token, caller *user) {
		if t.Scope != "" {
			// Inferred: a SETUP-MFA token is good for MFA enrolment only.
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		q := r.URL.Query()
		reserved := q.Has("domain_id") || q.Has("tenant_id") || q.Has("contact_id") || q.Has("admin_only")
		switch {
		case !reserved && q.Has("name") && !q.Has("user_type"):
			a.userByName(w, caller, q.Get("name"))
			return
		case !reserved && q.Has("email") && !q.Has("name"):
			a.usersByEmail(w, caller, q.Get("email"))
			return
		}
		a.listUsers(w, r, caller, q)
	})
}

func (a *API) userByName(w http.ResponseWriter, caller *user, name string) {
	u := a.St.byName[name]
	if u == nil {
		writeFaultf(w, http.StatusNotFound, keyNotFound, msgUserNameNotFound, name)
		return
	}
	if !seesUser(caller, u) {
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string]userItemJSON{"user": a.userItem(u, true)})
}

func (a *API) usersByEmail(w http.ResponseWriter, caller *user, email string) {
	if caller.level() > levelUserManage {
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	// Inferred: the email match is exact and the answer unpaged.
	users := a.sortedUsers(func(u *user) bool { return u.email == email && seesUser(caller, u) })
	a.writeUsers(w, users)
}

func (a *API) writeUsers(w http.ResponseWriter, users []*user) {
	items := make([]userItemJSON, 0, len(users))
	for _, u := range users {
		items = append(items, a.userItem(u, false))
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string][]userItemJSON{"users": items})
}

// listUsers is the general listing. Inferred: the order of its checks (role
// before parameter pairs before the identity:default short-cut) is not
// documented.
func (a *API) listUsers(w http.ResponseWriter, r *http.Request, caller *user, q url.Values) {
	domainID, tenantID := q.Get("domain_id"), q.Get("tenant_id")
	if (q.Has("domain_id") || q.Has("tenant_id") || q.Has("contact_id") || q.Has("admin_only")) && !caller.isAdmin() {
		writeFault(w, http.StatusForbidden, keyForbidden, msgGEN006)
		return
	}
	for _, pair := range [][2]string{{"user_type", "name"}, {"tenant_id", "domain_id"}, {"admin_only", "contact_id"}} {
		if q.Has(pair[0]) && q.Has(pair[1]) {
			writeFaultf(w, http.StatusBadRequest, keyBadRequest, msgExclusiveParams, pair[0], pair[1])
			return
		}
	}
	if caller.level() >= levelDefault || caller.DomainID == defaultDomainID {
		a.writeUsers(w, []*user{caller})
		return
	}
	marker, limit, ok := usersPaging(w, q)
	if !ok {
		return
	}
	var inScope func(*user) bool
	switch {
	case tenantID != "":
		if a.St.tenants[tenantID] == nil {
			writeFaultf(w, http.StatusNotFound, keyNotFound, msgTenantIDNotFound, tenantID)
			return
		}
		// Inferred: a tenant's users are those holding a role on it.
		inScope = func(u *user) bool { return u.hasTenant(tenantID) }
	case q.Has("domain_id"):
		if a.St.domains[domainID] == nil {
			writeFaultf(w, http.StatusNotFound, keyNotFound, msgDomainNotFound, domainID)
			return
		}
		inScope = func(u *user) bool { return u.DomainID == domainID }
	case q.Has("contact_id"):
		// Inferred: fixtures carry no contact ids, so no user matches one.
		inScope = func(*user) bool { return false }
	case caller.DomainID == "":
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgNoCallerDomain)
		return
	default:
		inScope = func(u *user) bool { return u.DomainID == caller.DomainID }
	}
	adminOnly := strings.EqualFold(q.Get("admin_only"), "true")
	name, email := q.Get("name"), q.Get("email")
	// Every fixture user is provisioned and verified; federated users would
	// count as VERIFIED too.
	verified := !strings.EqualFold(q.Get("user_type"), userTypeUnverified)
	users := a.sortedUsers(func(u *user) bool {
		return inScope(u) && seesUser(caller, u) && verified &&
			(!adminOnly || u.level() == levelUserAdmin) &&
			// Inferred: name and email narrow the general listing exactly.
			(!q.Has("name") || u.Username == name) && (!q.Has("email") || u.email == email)
	})
	if adminOnly && len(users) > 1 {
		users = users[:1]
	}
	total := len(users)
	page := users[min(marker, total):min(marker+limit, total)]
	setLinkHeader(w, r, marker, limit, total)
	a.writeUsers(w, page)
}

// usersPaging: a missing, zero or too large limit is 1000. Inferred:
// Identity does not reject negative values here; the emulator reads them as
// the defaults.
func usersPaging(w http.ResponseWriter, q url.Values) (marker, limit int, ok bool) {
	marker, ok = intParam(w, q, "marker")
	if !ok {
		return 0, 0, false
	}
	limit, ok = intParam(w, q, "limit")
	if !ok {
		return 0, 0, false
	}
	if limit <= 0 || limit > usersLimit {
		limit = usersLimit
	}
	return max(marker, 0), limit, true
}

// intParam reads an optional integer parameter; absent is 0.
func intParam(w http.ResponseWriter, q url.Values, name string) (int, bool) {
	if !q.Has(name) {
		return 0, true
	}
	n, err := strconv.Atoi(q.Get(name))
	if err != nil {
		writeFaultf(w, http.StatusBadRequest, keyBadRequest, msgBadPaging, name)
		return 0, false
	}
	return n, true
}

// setLinkHeader is IdmPathUtils.createLinkHeader: links carry only marker
// and limit, on the request's absolute URI (scheme and host included, as
// JAX-RS's getAbsolutePath gives). Inferred: "last" is the last page that
// following "next" from this one reaches.
func setLinkHeader(w http.ResponseWriter, r *http.Request, marker, limit, total int) {
	if total == 0 {
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	base := scheme + "://" + r.Host + r.URL.Path
	link := func(m int, rel string) string {
		return fmt.Sprintf("<%s?marker=%d&limit=%d>; rel=%q", base, m, limit, rel)
	}
	var links []string
	if marker >= limit {
		links = append(links, link(0, "first"), link(marker-limit, "prev"))
	}
	if marker+limit < total {
		links = append(links, link(marker+(total-1-marker)/limit*limit, "last"), link(marker+limit, "next"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
}

// handleGetUser serves GET /v2.0/users/{userId} (A.3): every refusal is the
// same 404 as a miss.
func (a *API) handleGetUser(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(t *token, caller *user) {
		if t.Scope != "" {
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		u := a.St.users[r.PathValue("userId")]
		if u == nil || !readsUser(caller, u) {
			writeFault(w, http.StatusNotFound, keyNotFound, msgUserNotFound)
			return
		}
		item := a.userItem(u, true)
		empty := ""
		item.Email = cmp.Or(item.Email, &empty)
		item.DomainID = cmp.Or(item.DomainID, &empty)
		emuhttp.WriteJSON(w, http.StatusOK, map[string]userItemJSON{"user": item})
	})
}

// readsUser is getUserById's rule: self always, user-manage and above for
// others, domain-bound for user-admin and user-manage.
func readsUser(caller, target *user) bool {
	switch {
	case caller.ID == target.ID || caller.isAdmin():
		return true
	case caller.level() > levelUserManage:
		return false
	}
	return caller.DomainID == target.DomainID
}
