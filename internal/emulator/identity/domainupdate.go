package identity

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Messages of PUT /v2.0/RAX-AUTH/domains/{domainId} (more-endpoints.md A.5).
const (
	msgInactivityRange     = "Session inactivity timeout must be between 300 and 86400 seconds."
	msgDomainIDMismatch    = "Domain Id does not match."
	msgDomainServiceAdmin  = "Cannot modify a domain containing a service admin"
	msgDomainIdentityAdmin = "Cannot modify a domain containing an identity admin when you are not in the domain"
)

// The range of a session inactivity timeout, Identity's configured defaults (A.5).
const (
	minInactivity = 5 * time.Minute
	maxInactivity = 24 * time.Hour
)

// xmlDurationRE is an XML-Schema duration, which Identity's domain reader parses the timeout
// as: upper-case letters, an optional leading "-", unsigned integers, a fraction on seconds
// only, years and months allowed.
var xmlDurationRE = regexp.MustCompile(`^(-?)P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

// inactivity is a parsed timeout: its text, its length, and whether it has years or months,
// which the XML reader takes but java.time.Duration then cannot (A.5).
type inactivity struct {
	text        string
	length      time.Duration
	yearsMonths bool
}

// parseInactivity reads an XML-Schema duration; ok is false when it does not parse. Lengths
// beyond time.Duration saturate, as anything that long is out of range anyway.
func parseInactivity(s string) (inactivity, bool) {
	m := xmlDurationRE.FindStringSubmatch(s)
	// A lone "P", or a "T" with nothing after it, is not a duration.
	if m == nil || s == "P" || s == "-P" || s[len(s)-1] == 'T' {
		return inactivity{}, false
	}
	out := inactivity{text: s, yearsMonths: m[2] != "" || m[3] != ""}
	var secs float64
	for i, per := range map[int]float64{4: 86400, 5: 3600, 6: 60, 7: 1} {
		if m[i] != "" {
			n, _ := strconv.ParseFloat(m[i], 64)
			secs += n * per
		}
	}
	if m[1] == "-" {
		secs = -secs
	}
	switch {
	case secs >= math.MaxInt64/float64(time.Second):
		out.length = time.Duration(math.MaxInt64)
	case secs <= math.MinInt64/float64(time.Second):
		out.length = time.Duration(math.MinInt64)
	default:
		out.length = time.Duration(secs * float64(time.Second))
	}
	return out, true
}

// checkInactivity is what a fixture or an out-of-band change may set: what the PUT route takes.
func checkInactivity(s string) error {
	d, ok := parseInactivity(s)
	if !ok || d.yearsMonths || d.length < minInactivity || d.length > maxInactivity {
		return fmt.Errorf("session_inactivity_timeout %q is not an XML-Schema duration of days, hours, minutes and seconds from PT5M to PT24H", s)
	}
	return nil
}

// domainUpdate is what a PUT body asks for; nil timeout leaves it as it is.
type domainUpdate struct {
	id      *string
	timeout *inactivity
}

// parseDomainUpdate reads {"RAX-AUTH:domain": {...}} or returns a 400's message. Inferred (A.5):
// a body without the root is an empty update; a null member counts as absent; the id may be a
// JSON string or number, as Identity's ids are numeric.
func parseDomainUpdate(r *http.Request) (domainUpdate, string) {
	body, err := emuhttp.ReadBody(r)
	var root map[string]json.RawMessage
	if err != nil || json.Unmarshal(body, &root) != nil {
		return domainUpdate{}, msgInvalidJSON
	}
	var upd domainUpdate
	rawDomain := bytes.TrimSpace(root["RAX-AUTH:domain"])
	if len(rawDomain) == 0 || string(rawDomain) == "null" {
		return upd, ""
	}
	var fields map[string]json.RawMessage
	if decodeObject(rawDomain, &fields) != nil {
		return upd, msgInvalidJSON
	}
	if raw := bytes.TrimSpace(fields["id"]); len(raw) > 0 && string(raw) != "null" {
		var id string
		if json.Unmarshal(raw, &id) != nil {
			var n json.Number
			if json.Unmarshal(raw, &n) != nil {
				return upd, msgInvalidJSON
			}
			id = n.String()
		}
		upd.id = &id
	}
	if raw := bytes.TrimSpace(fields["sessionInactivityTimeout"]); len(raw) > 0 && string(raw) != "null" {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return upd, msgInvalidJSON
		}
		d, ok := parseInactivity(s)
		if !ok {
			return upd, msgInvalidJSON
		}
		upd.timeout = &d
	}
	return upd, ""
}

// handlePutDomain serves PUT /v2.0/RAX-AUTH/domains/{domainId} (A.5): 200 with the whole
// domain, name and description included. Only sessionInactivityTimeout is honoured: customers
// may change nothing else, and the fields Rackspace staff may also change (name, description,
// enabled, rackspaceCustomerNumber, type) are not emulated and are ignored for them too.
func (a *API) handlePutDomain(w http.ResponseWriter, r *http.Request) {
	if declaredNotJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	upd, bad := parseDomainUpdate(r)
	a.authed(w, r, func(t *token, caller *user) { a.putDomain(w, r, t, caller, upd, bad) })
}

// putDomain checks in updateDomain's order: the caller's role, its domain (before the lookup),
// the domain, the admin-only refusals, then Validator20's checks of the body. Inferred: the
// unreadable body first, as the JSON reader runs before the method.
func (a *API) putDomain(w http.ResponseWriter, r *http.Request, t *token, caller *user, upd domainUpdate, bad string) {
	id := r.PathValue("domainId")
	switch {
	case bad != "":
		writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
		return
	case t.Scope != "" || caller.level() > levelUserManage:
		// Inferred: a SETUP-MFA token is good for MFA enrolment only.
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	case caller.domainBased() && caller.DomainID != id:
		writeFault(w, http.StatusForbidden, keyForbidden, msgNotAuthorized)
		return
	}
	d := a.St.domains[id]
	if d == nil {
		writeFaultf(w, http.StatusNotFound, keyNotFound, msgDomainNotFound, id)
		return
	}
	if caller.level() == levelAdmin {
		if msg := a.adminDomainRefusal(caller, d); msg != "" {
			writeFault(w, http.StatusForbidden, keyForbidden, msg)
			return
		}
	}
	if upd.id != nil && *upd.id != id {
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgDomainIDMismatch)
		return
	}
	if tm := upd.timeout; tm != nil {
		if tm.yearsMonths {
			// Inferred (A.5): java.time.Duration cannot read what the XML reader took; not a
			// 400 path in Identity, so a server error here.
			writeFault(w, http.StatusInternalServerError, keyIdentity, http.StatusText(http.StatusInternalServerError))
			return
		}
		if tm.length < minInactivity || tm.length > maxInactivity {
			writeFault(w, http.StatusBadRequest, keyBadRequest, msgInactivityRange)
			return
		}
		// Inferred: the canonical text of a lexically valid XML duration is the text sent.
		d.SessionInactivityTimeout = tm.text
	}
	out := domainJSON{
		ID: d.ID, Name: d.Name, Description: d.Description, Enabled: d.Enabled,
		SessionInactivityTimeout: d.SessionInactivityTimeout, RackspaceCustomerNumber: d.RackspaceCustomerNumber,
		MFAEnforcementLevel: d.MFAEnforcementLevel, Type: d.Type,
	}
	emuhttp.WriteJSON(w, http.StatusOK, map[string]domainJSON{"RAX-AUTH:domain": out})
}

// adminDomainRefusal is what an identity:admin may not modify (A.5). Inferred: the service
// admin check first.
func (a *API) adminDomainRefusal(caller *user, d *domain) string {
	has := func(level int) bool {
		for _, u := range a.St.users {
			if u.DomainID == d.ID && u.level() == level {
				return true
			}
		}
		return false
	}
	switch {
	case has(levelServiceAdmin):
		return msgDomainServiceAdmin
	case caller.DomainID != d.ID && has(levelAdmin):
		return msgDomainIdentityAdmin
	}
	return ""
}
