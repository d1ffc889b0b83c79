package rackspace

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// APIName begins every error of this package.
const APIName = "rackspace identity"

// Kind says what went wrong, in terms a caller can act on.
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
		e.Message = httpx.Redact(strings.TrimSpace(f.Message), secrets...)
	}
	// Other bodies (a proxy's page) are not quoted: they could echo the request.
	if e.Message == "" {
		e.Message = httpx.StatusText(resp.Status)
	}
	if m := errorCodeRE.FindStringSubmatch(e.Message); m != nil {
		e.Code = m[1]
	}
	e.Kind = classify(st, e.Status, e.Fault, e.Code, e.Message, resp.Header)
	return e
}

// classify matches Identity's messages (api/rackspace-identity.md §1.2–§1.4,
// §2.1, §4, §5) by substring: periods and "Error code" prefixes vary.
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
	// The server answers 403, the docs list 400; the message decides.
	case (status == http.StatusForbidden || status == http.StatusBadRequest) &&
		strings.Contains(lower, "must have multi-factor authentication set as optional or enabled"):
		return KindMFAPrecondition
	// Only a 403: an older server's 400 naming the level is a bad request.
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
