package rackspace

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// APIName begins every error of this package.
const APIName = "rackspace identity"

// Kind says what went wrong, in terms a caller can act on. Kind and Error are httpx's, named
// again in each client (a repeat on purpose): callers outside internal/client can't import httpx.
type Kind = httpx.Kind

// Error is every error this package returns about an operation.
type Error = httpx.Error

// The kinds of Error.
const (
	KindUnknown                = httpx.KindUnknown
	KindWrongPassword     Kind = "wrong password"
	KindWrongAPIKey       Kind = "wrong API key"
	KindUserDisabled      Kind = "user disabled"
	KindPasswordExpired   Kind = "password expired"
	KindMFASetupRequired  Kind = "multi-factor setup required"
	KindPasscodeRequired  Kind = "passcode required"
	KindWrongPasscode     Kind = "wrong passcode"
	KindSessionExpired    Kind = "multi-factor session expired"
	KindAccountLocked     Kind = "account locked"
	KindTokenInvalid      Kind = "token invalid"
	KindForbidden              = httpx.KindForbidden
	KindNotFound               = httpx.KindNotFound
	KindBadRequest             = httpx.KindBadRequest
	KindRateLimited            = httpx.KindRateLimited
	KindServer                 = httpx.KindServer
	KindInvalidTOTPSecret Kind = "invalid TOTP secret"
	// KindMFAPrecondition: the caller's own account needs multi-factor
	// enabled, or its own level at OPTIONAL.
	KindMFAPrecondition Kind = "caller's multi-factor not set up"
	// KindRackspaceMandated: only Rackspace can change it, by ticket.
	KindRackspaceMandated Kind = "Rackspace-mandated multi-factor"
)

// step: the same 401 means different things at different points of a login.
type step int

const (
	stepCredentials step = iota // password or API key, first request
	stepToken                   // token credential
	stepPasscode                // second request of a multi-factor login
	stepAPI                     // any call authenticated with X-Auth-Token
)

var errorCodeRE = regexp.MustCompile(`Error code: '([A-Za-z]+-[0-9]+)'`)

func apiError(op string, st step, resp *httpx.Response, secrets ...string) *Error {
	key, inner := faultKey(resp.Body)
	e := &Error{Service: APIName, Op: op, Status: resp.Status, Fault: key}
	if inner != nil {
		var f struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(inner, &f)
		e.Message = f.Message
	}
	e.Redact(secrets...)
	if m := errorCodeRE.FindStringSubmatch(e.Message); m != nil {
		e.Code = m[1]
	}
	e.Kind = classify(st, e.Status, e.Fault, e.Code, e.Message, resp.Header)
	return e
}

// messageKinds match Identity's messages (api/rackspace-identity.md
// §1.2–§1.4, §2.1, §4, §5) by code or by substring, as periods and "Error
// code" prefixes vary; nil statuses match any.
var messageKinds = []struct {
	statuses   []int
	code, text string
	kind       Kind
}{
	{nil, "", "account has been locked", KindAccountLocked},
	{nil, "AUTH-004", "unable to authenticate user with credentials provided", KindWrongPassword},
	{nil, "AUTH-008", "username or api key is invalid", KindWrongAPIKey},
	{nil, "AUTH-001", "password for this user has expired", KindPasswordExpired},
	{[]int{http.StatusForbidden}, "", "must setup multi-factor", KindMFASetupRequired},
	// The server answers 403, the docs list 400; the message decides.
	{[]int{http.StatusForbidden, http.StatusBadRequest}, "", "must have multi-factor authentication set as optional or enabled", KindMFAPrecondition},
	// Only a 403: an older server's 400 naming the level is a bad request.
	{[]int{http.StatusForbidden}, "", "rackspace_mandated", KindRackspaceMandated},
	{[]int{http.StatusUnauthorized}, "", "session has expired", KindSessionExpired},
	{[]int{http.StatusUnauthorized}, "", "no valid token provided", KindTokenInvalid},
}

func classify(st step, status int, fault, code, msg string, h http.Header) Kind {
	switch {
	case status == http.StatusRequestEntityTooLarge && (fault == "overLimit" || h.Get("Retry-After") != ""):
		return KindRateLimited
	case status == http.StatusTooManyRequests || status >= 500:
		return httpx.StatusKind(status)
	case fault == "userDisabled":
		return KindUserDisabled
	}
	lower := strings.ToLower(msg)
	for _, m := range messageKinds {
		if (m.code != "" && code == m.code || strings.Contains(lower, m.text)) &&
			(m.statuses == nil || slices.Contains(m.statuses, status)) {
			return m.kind
		}
	}
	switch {
	case status == http.StatusUnauthorized && st == stepPasscode:
		return KindWrongPasscode
	case status == http.StatusUnauthorized && (st == stepToken || st == stepAPI):
		return KindTokenInvalid
	}
	return httpx.StatusKind(status)
}

func faultKey(body []byte) (string, json.RawMessage) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return "", nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || len(m) != 1 {
		return "", nil
	}
	for k, v := range m {
		return k, v
	}
	return "", nil
}
