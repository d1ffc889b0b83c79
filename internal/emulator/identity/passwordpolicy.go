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

// Messages of the password-policy routes (§3), verbatim from the research
// notes unless marked.
const (
	msgForbiddenDot = "Forbidden."
	msgPolicyBad    = "The supplied password policy is invalid. Please check your syntax and try again."
	msgPolicyRange  = "Invalid Password history restriction. Must be between 0-10. 0 means to ignore history."
	msgPolicyNotSet = "A password policy is not set on this domain"
	// Inferred: the notes give the key of a 415 but no message; this is the
	// status text.
	msgUnsupportedMediaType = "Unsupported Media Type"
	keyUnsupportedMediaType = "unsupportedMediaType"
)

type passwordPolicyEnvelope struct {
	Policy passwordPolicyJSON `json:"passwordPolicy"`
}

// passwordPolicyJSON is Identity's rendering: unset fields are omitted, the
// duration is the text the policy was set with, and the history is a
// number although the docs show a string (§3.1).
type passwordPolicyJSON struct {
	Duration string `json:"passwordDuration,omitempty"`
	History  *int   `json:"passwordHistoryRestriction,omitempty"`
}

func policyBody(p *passwordPolicy) passwordPolicyEnvelope {
	out := passwordPolicyEnvelope{Policy: passwordPolicyJSON{Duration: p.durationRaw}}
	if p.historyRestriction != nil {
		h := *p.historyRestriction
		out.Policy.History = &h
	}
	return out
}

// parsePasswordPolicy reads {"passwordPolicy": {...}} the way Identity's
// Jackson mapping does and returns the policy, or the message of a 400. Both
// fields are optional; a PUT replaces the whole policy, so an absent field
// is unset.
func parsePasswordPolicy(body []byte) (*passwordPolicy, string) {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(body, &root); err != nil {
		return nil, msgPolicyBad
	}
	// Identity's mapper unwraps exactly one root, named passwordPolicy.
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
	if h := p.historyRestriction; h != nil && *h > maxPasswordHistory {
		return nil, msgPolicyRange
	}
	return p, ""
}

// setDuration takes a JSON string that java.time.Duration.parse accepts and
// that is not negative. Inferred: Identity skips a blank duration instead of
// parsing it; the emulator then treats the field as unset.
func (p *passwordPolicy) setDuration(value json.RawMessage) bool {
	var s string
	if err := json.Unmarshal(value, &s); err != nil {
		// A number or boolean would reach Duration.parse as its text and
		// fail there; anything else fails in the mapping.
		return false
	}
	if strings.TrimSpace(s) == "" {
		return true
	}
	d, err := parseISODuration(s)
	if err != nil {
		return false
	}
	p.durationRaw, p.duration = s, d
	return true
}

// setHistory takes a non-negative integer given as a JSON number or a
// numeric string; Jackson coerces the string. Fractions, exponents and
// values beyond a Java int are refused. Inferred: an empty string is refused
// too, as not an integer.
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
	p.historyRestriction = &h
	return true
}

// isJSON reports whether the request body is declared as JSON. Inferred: a
// request without a Content-Type is refused too, since JAX-RS then assumes
// application/octet-stream.
func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// declaredNotJSON reports whether the request declares its body as anything
// but JSON, which the token and multi-factor routes answer with 415 like
// the password-policy route. Inferred: Identity also reads XML, which the
// emulator does not, so XML is refused too; and unlike the password-policy
// route these two read a body without Content-Type as JSON, as hand-made
// requests (and the emulator's own tests) send them so.
func declaredNotJSON(r *http.Request) bool {
	return r.Header.Get("Content-Type") != "" && !isJSON(r)
}

// policyDomain authorizes a password-policy call and returns its domain; on
// refusal it has answered. Only user-admin and above may call, user-admins
// on their own domain only, and a missing domain is as forbidden as a
// foreign one, for every caller (§3.4). The caller holds a.Mu.
func (a *API) policyDomain(w http.ResponseWriter, r *http.Request) (*domain, bool) {
	t, caller, ok := a.authorize(w, r)
	if !ok {
		return nil, false
	}
	id := r.PathValue("domainId")
	d := a.St.domains[id]
	// Inferred: a SETUP-MFA token is good for MFA enrolment only.
	if t.scope != "" || caller.level() > levelUserAdmin || d == nil || (caller.domainBased() && caller.domainID != id) {
		writeFault(w, http.StatusForbidden, keyForbidden, msgForbiddenDot)
		return nil, false
	}
	return d, true
}

// handlePutPasswordPolicy serves PUT
// /v2.0/RAX-AUTH/domains/{domainId}/password-policy: 200 and the stored
// policy. Inferred: the media type is checked first (JAX-RS picks the method
// by it) and the body after the caller.
func (a *API) handlePutPasswordPolicy(w http.ResponseWriter, r *http.Request) {
	if !isJSON(r) {
		writeFault(w, http.StatusUnsupportedMediaType, keyUnsupportedMediaType, msgUnsupportedMediaType)
		return
	}
	body, readErr := emuhttp.ReadBody(r)
	a.Mu.Lock()
	defer a.Mu.Unlock()
	d, ok := a.policyDomain(w, r)
	if !ok {
		return
	}
	if readErr != nil {
		writeFault(w, http.StatusBadRequest, keyBadRequest, msgPolicyBad)
		return
	}
	p, bad := parsePasswordPolicy(body)
	if bad != "" {
		writeFault(w, http.StatusBadRequest, keyBadRequest, bad)
		return
	}
	// Effective at once: the next password login is measured against it.
	d.passwordPolicy = p
	emuhttp.WriteJSON(w, http.StatusOK, policyBody(p))
}

// handleGetPasswordPolicy serves GET
// /v2.0/RAX-AUTH/domains/{domainId}/password-policy.
func (a *API) handleGetPasswordPolicy(w http.ResponseWriter, r *http.Request) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	d, ok := a.policyDomain(w, r)
	if !ok {
		return
	}
	if d.passwordPolicy == nil {
		writeFault(w, http.StatusNotFound, keyNotFound, msgPolicyNotSet)
		return
	}
	emuhttp.WriteJSON(w, http.StatusOK, policyBody(d.passwordPolicy))
}

// handleDeletePasswordPolicy serves DELETE
// /v2.0/RAX-AUTH/domains/{domainId}/password-policy: 204, also when the
// domain has no policy.
func (a *API) handleDeletePasswordPolicy(w http.ResponseWriter, r *http.Request) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	d, ok := a.policyDomain(w, r)
	if !ok {
		return
	}
	d.passwordPolicy = nil
	w.WriteHeader(http.StatusNoContent)
}
