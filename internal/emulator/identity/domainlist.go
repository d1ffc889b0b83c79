package identity

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// handleListDomains serves GET /v2.0/RAX-AUTH/domains (A.6): a flat array.
// Items are the converter's, so unlike GET of one domain they keep name and
// description for domain-level callers.
func (a *API) handleListDomains(w http.ResponseWriter, r *http.Request) {
	a.authed(w, r, func(t *token, caller *user) {
		if t.Scope != "" {
			// Inferred: a SETUP-MFA token is good for MFA enrolment only.
			writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
			return
		}
		q := r.URL.Query()
		rcn, byRCN := q.Get("rcn"), q.Has("rcn")
		keep := func(d *domain) bool { return !byRCN || strings.EqualFold(d.RackspaceCustomerNumber, rcn) }
		if caller.domainBased() {
			// marker and limit are ignored, and there is no Link header.
			a.writeDomains(w, a.accessibleDomains(caller, keep))
			return
		}
		marker, limit, ok := domainsPaging(w, q)
		if !ok {
			return
		}
		var all []*domain
		for _, id := range sortedKeys(a.St.domains) {
			if d := a.St.domains[id]; keep(d) {
				all = append(all, d)
			}
		}
		total := len(all)
		setLinkHeader(w, r, marker, limit, total)
		a.writeDomains(w, all[min(marker, total):min(marker+limit, total)])
	})
}

// accessibleDomains: the caller's own domain, then those of the tenants it
// holds roles on, each once. Inferred: that order.
func (a *API) accessibleDomains(caller *user, keep func(*domain) bool) []*domain {
	ids := []string{caller.DomainID}
	for _, tr := range caller.tenantRoles {
		if t := a.St.tenants[tr.tenantID]; t != nil && !slices.Contains(ids, t.domainID) {
			ids = append(ids, t.domainID)
		}
	}
	var out []*domain
	for _, id := range ids {
		if d := a.St.domains[id]; d != nil && keep(d) {
			out = append(out, d)
		}
	}
	return out
}

// domainsPaging is validateMarker/validateLimit: negatives are refused, a
// missing or zero limit is 25 and one above 1000 is 1000.
func domainsPaging(w http.ResponseWriter, q url.Values) (marker, limit int, ok bool) {
	if marker, ok = intParam(w, q, "marker"); !ok {
		return 0, 0, false
	}
	if limit, ok = intParam(w, q, "limit"); !ok {
		return 0, 0, false
	}
	switch {
	case marker < 0:
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgMarkerNegative)
		return 0, 0, false
	case limit < 0:
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgLimitNegative)
		return 0, 0, false
	case limit == 0:
		limit = domainsLimit
	}
	return marker, min(limit, domainsLimitCap), true
}

func (a *API) writeDomains(w http.ResponseWriter, domains []*domain) {
	items := make([]domainJSON, 0, len(domains))
	for _, d := range domains {
		items = append(items, domainJSON{
			ID: d.ID, Name: d.Name, Description: d.Description, Enabled: d.Enabled,
			SessionInactivityTimeout: d.SessionInactivityTimeout, RackspaceCustomerNumber: d.RackspaceCustomerNumber,
			MFAEnforcementLevel: d.MFAEnforcementLevel, Type: d.Type,
		})
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string][]domainJSON{"RAX-AUTH:domains": items})
}
