package identity

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Messages of the password-policy routes, verbatim from §3 unless marked.
const (
	msgForbiddenDot = "Forbidden."
	msgPolicyBad    = "The supplied password policy is invalid. Please check your syntax and try again."
	msgPolicyRange  = "Invalid Password history restriction. Must be between 0-10. 0 means to ignore history."
	msgPolicyNotSet = "A password policy is not set on this domain"
	// Inferred: the notes give a 415's key but no message.
	msgUnsupportedMediaType = "Unsupported Media Type"
	keyUnsupportedMediaType = "unsupportedMediaType"
)

// passwordPolicyJSON: the history is a number though the docs show a string (§3.1).
type passwordPolicyJSON struct {
	Duration string `json:"passwordDuration,omitempty"`
	History  *int   `json:"passwordHistoryRestriction,omitempty"`
}

func policyBody(p *passwordPolicy) map[string]passwordPolicyJSON {
	return map[string]passwordPolicyJSON{"passwordPolicy": {p.PasswordDuration, p.PasswordHistoryRestriction}}
}

// parsePasswordPolicy reads {"passwordPolicy": {...}} as Identity's Jackson
// mapping does, or returns a 400's message. A PUT replaces the whole policy.
func parsePasswordPolicy(body []byte) (*passwordPolicy, string) {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(body, &root); err != nil {
		return nil, msgPolicyBad
	}
	raw, ok := root["passwordPolicy"]
	if !ok || len(root) != 1 {
		return nil, msgPolicyBad
	}
	var fields map[string]json.RawMessage
	if err := decodeObject(raw, &fields); err != nil {
		return nil, msgPolicyBad
	}
	p := &passwordPolicy{}
	for name, value := range fields {
		value = bytes.TrimSpace(value)
		isNull := string(value) == "null"
		// Inferred: any other field is refused, as Identity's mapper keeps
		// Jackson's default of failing on unknown properties.
		ok := false
		switch name {
		case "passwordDuration":
			ok = isNull || p.setDuration(value)
		case "passwordHistoryRestriction":
			ok = isNull || p.setHistory(value)
		}
		if !ok {
			return nil, msgPolicyBad
		}
	}
	if h := p.PasswordHistoryRestriction; h != nil && *h > maxPasswordHistory {
		return nil, msgPolicyRange
	}
	return p, ""
}

// setDuration. Inferred: Identity skips a blank duration, leaving it unset.
func (p *passwordPolicy) setDuration(value json.RawMessage) bool {
	var s string
	if err := json.Unmarshal(value, &s); err != nil {
		return false
	}
	if strings.TrimSpace(s) == "" {
		return true
	}
	d, err := parseISODuration(s)
	if err != nil {
		return false
	}
	p.PasswordDuration, p.duration = s, d
	return true
}

// setHistory takes a non-negative Java int as a JSON number or a numeric
// string, which Jackson coerces. Inferred: an empty string is refused.
func (p *passwordPolicy) setHistory(value json.RawMessage) bool {
	text := string(value)
	if strings.HasPrefix(text, `"`) {
		if err := json.Unmarshal(value, &text); err != nil {
			return false
		}
		text = strings.TrimSpace(text)
	}
	n, err := strconv.ParseInt(text, 10, 32)
	if err != nil || n < 0 {
		return false
	}
	h := int(n)
	p.PasswordHistoryRestriction = &h
	return true
}

// isJSON. Inferred: no Content-Type is refused; JAX-RS assumes octet-stream.
func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// declaredNotJSON is the 415 test of the token and multi-factor routes.
// Inferred: XML, which Identity also reads, is refused; unlike the
// password-policy route these read a body without Content-Type as JSON.
func declaredNotJSON(r *http.Request) bool {
	return r.Header.Get("Content-Type") != "" && !isJSON(r)
}

// policyDomain runs fn under a.Mu on an authorized password-policy call's
// domain. Only user-admin and above may call, user-admins on their own domain
// only, and a missing domain is as forbidden as a foreign one (§3.4).
func (a *API) policyDomain(w http.ResponseWriter, r *http.Request, fn func(d *domain)) {
	a.authed(w, r, func(t *token, caller *user) {
		id := r.PathValue("domainId")
		d := a.St.domains[id]
		// Inferred: a SETUP-MFA token is good for MFA enrolment only.
		if t.Scope != "" || caller.level() > levelUserAdmin || d == nil || (caller.domainBased() && caller.DomainID != id) {
			writeFault(w, http.StatusForbidden, keyForbidden, msgForbiddenDot)
			return
		}
		fn(d)
	})
}

// handlePutPasswordPolicy answers 200 and the stored policy. Inferred: the
// media type is checked first (JAX-RS picks the method by it), the body last.
func (a *API) handlePutPasswordPolicy(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	body, readErr := emuhttp.ReadBody(r)
	a.policyDomain(w, r, func(d *domain) {
		p, bad := parsePasswordPolicy(body)
		if readErr != nil {
			bad = msgPolicyBad
		}
		if bad != "" {
			writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
			return
		}
		d.passwordPolicy = p // effective at the next password login
		emuhttp.WriteJSON(w, http.StatusOK, policyBody(p))
	})
}

func (a *API) handleGetPasswordPolicy(w http.ResponseWriter, r *http.Request) {
	a.policyDomain(w, r, func(d *domain) {
		if d.passwordPolicy == nil {
			writeFault(w, http.StatusNotFound, keyNotFound, msgPolicyNotSet)
			return
		}
		emuhttp.WriteJSON(w, http.StatusOK, policyBody(d.passwordPolicy))
	})
}

// handleDeletePasswordPolicy answers 204 also when the domain has no policy.
func (a *API) handleDeletePasswordPolicy(w http.ResponseWriter, r *http.Request) {
	a.policyDomain(w, r, func(d *domain) {
		d.passwordPolicy = nil
		w.WriteHeader(http.StatusNoContent)
	})
}
