package rackspace

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// Kind says what went wrong, in terms a caller can act on.
type Kind int

// The kinds of Error. KindUnknown also covers requests that got no HTTP
// response at all (Status 0); Unwrap then gives the cause.
const (
	KindUnknown Kind = iota
	KindWrongPassword
	KindWrongAPIKey
	KindUserDisabled
	KindPasswordExpired
	KindMFASetupRequired
	KindPasscodeRequired
	KindWrongPasscode
	KindSessionExpired
	KindAccountLocked
	KindTokenInvalid
	KindForbidden
	KindNotFound
	KindBadRequest
	KindRateLimited
	KindServer
	KindInvalidTOTPSecret
	// KindMFAPrecondition: Identity changes a domain's multi-factor
	// enforcement only for a caller whose own account has multi-factor
	// enabled or its own enforcement level at OPTIONAL; the fix is on the
	// caller's account, not in the request.
	KindMFAPrecondition
	// KindRackspaceMandated: the domain is at RACKSPACE_MANDATED (or that
	// level was asked for), which only Rackspace can change, through a
	// support ticket.
	KindRackspaceMandated
)

var kindNames = [...]string{
	KindUnknown:           "unknown",
	KindWrongPassword:     "wrong password",
	KindWrongAPIKey:       "wrong API key",
	KindUserDisabled:      "user disabled",
	KindPasswordExpired:   "password expired",
	KindMFASetupRequired:  "multi-factor setup required",
	KindPasscodeRequired:  "passcode required",
	KindWrongPasscode:     "wrong passcode",
	KindSessionExpired:    "multi-factor session expired",
	KindAccountLocked:     "account locked",
	KindTokenInvalid:      "token invalid",
	KindForbidden:         "forbidden",
	KindNotFound:          "not found",
	KindBadRequest:        "bad request",
	KindRateLimited:       "rate limited",
	KindServer:            "server error",
	KindInvalidTOTPSecret: "invalid TOTP secret",
	KindMFAPrecondition:   "caller's multi-factor not set up",
	KindRackspaceMandated: "Rackspace-mandated multi-factor",
}

func (k Kind) String() string { return httpx.KindName(k, kindNames[:]) }

// Error is every error this package returns about an operation. Status is 0
// when the error arose before or without an HTTP response.
type Error struct {
	// Op names the operation, e.g. "authenticate" or "get domain".
	Op string
	// Status is the HTTP status code.
	Status int
	// Fault is the fault key of the body, e.g. "unauthorized" or "userDisabled".
	Fault string
	// Code is the error code Identity puts in some messages, e.g. "AUTH-004".
	Code string
	// Message is the API's message as sent, or a client-side description.
	Message string
	Kind    Kind
	// Factor is the multi-factor challenge's factor (PASSCODE for SMS,
	// OTPPASSCODE for an authenticator app) for errors of the passcode step.
	Factor string

	hint string
	err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("rackspace identity: ")
	b.WriteString(e.Op)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.Fault != "" {
			fmt.Fprintf(&b, " %s", e.Fault)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.hint != "" {
		b.WriteString(" (")
		b.WriteString(e.hint)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap gives the underlying cause of a client-side or transport error,
// e.g. context.Canceled.
func (e *Error) Unwrap() error { return e.err }

// step tells the classifier what was being attempted, because the same 401
// means different things at different points of a login.
type step int

const (
	stepCredentials step = iota // password or API key, first request
	stepToken                   // token credential
	stepPasscode                // second request of a multi-factor login
	stepAPI                     // any call authenticated with X-Auth-Token
)

var errorCodeRE = regexp.MustCompile(`Error code: '([A-Za-z]+-[0-9]+)'`)

// apiError turns a non-2xx response into an *Error. secrets are removed
// from the message should the server echo any of them.
func apiError(op string, st step, resp *httpx.Response, secrets ...string) *Error {
	key, inner := faultKey(resp.Body)
	e := &Error{Op: op, Status: resp.Status, Fault: key}
	if inner != nil {
		var f struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(inner, &f)
		e.Message = httpx.Redact(strings.TrimSpace(f.Message), secrets...)
	}
	// Bodies that are not Identity faults (a proxy's HTML page, say) are
	// not quoted: they are noise at best and could echo the request.
	if e.Message == "" {
		e.Message = httpx.StatusText(resp.Status)
	}
	if m := errorCodeRE.FindStringSubmatch(e.Message); m != nil {
		e.Code = m[1]
	}
	e.Kind = classify(st, e.Status, e.Fault, e.Code, e.Message, resp.Header)
	return e
}

// classify maps status, fault key, error code and message to a Kind. The
// messages are those of Identity (api/rackspace-identity.md §1.2–§1.4, §2.1,
// §4, §5); matching them by substring keeps working when a trailing period or
// the "Error code" prefix comes and goes between versions.
func classify(st step, status int, fault, code, msg string, h http.Header) Kind {
	lower := strings.ToLower(msg)
	switch {
	case status == http.StatusTooManyRequests ||
		(status == http.StatusRequestEntityTooLarge && (fault == "overLimit" || h.Get("Retry-After") != "")):
		return KindRateLimited
	case status >= 500:
		return KindServer
	case fault == "userDisabled":
		return KindUserDisabled
	case strings.Contains(lower, "account has been locked"):
		return KindAccountLocked
	case code == "AUTH-004" || strings.Contains(lower, "unable to authenticate user with credentials provided"):
		return KindWrongPassword
	case code == "AUTH-008" || strings.Contains(lower, "username or api key is invalid"):
		return KindWrongAPIKey
	case code == "AUTH-001" || strings.Contains(lower, "password for this user has expired"):
		return KindPasswordExpired
	case status == http.StatusForbidden && strings.Contains(lower, "must setup multi-factor"):
		return KindMFASetupRequired
	// The server answers 403, the docs' table lists a 400 for the same
	// refusal; the message is what identifies it either way.
	case (status == http.StatusForbidden || status == http.StatusBadRequest) &&
		strings.Contains(lower, "must have multi-factor authentication set as optional or enabled"):
		return KindMFAPrecondition
	// Only a 403: a server that predates the level rejects the value itself
	// with a 400 that names it, and that stays a bad request.
	case status == http.StatusForbidden && strings.Contains(lower, "rackspace_mandated"):
		return KindRackspaceMandated
	case status == http.StatusUnauthorized && strings.Contains(lower, "session has expired"):
		return KindSessionExpired
	case status == http.StatusUnauthorized && strings.Contains(lower, "no valid token provided"):
		return KindTokenInvalid
	case status == http.StatusUnauthorized:
		switch st {
		case stepPasscode:
			return KindWrongPasscode
		case stepToken, stepAPI:
			return KindTokenInvalid
		}
		return KindUnknown
	case status == http.StatusBadRequest:
		return KindBadRequest
	case status == http.StatusForbidden:
		return KindForbidden
	case status == http.StatusNotFound:
		return KindNotFound
	}
	return KindUnknown
}

// faultKey returns the single key of an Identity fault body and its value.
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
