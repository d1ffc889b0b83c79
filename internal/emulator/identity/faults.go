package identity

import (
	"fmt"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Messages verbatim from §1.2-§1.6 and §5; some lack a period on purpose.
const (
	msgWrongPassword     = "Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."
	msgWrongAPIKey       = "Error code: 'AUTH-008'; Username or api key is invalid."
	msgPasswordExpired   = "Error code: 'AUTH-001'; The password for this user has expired and must be changed"
	msgUserDisabled      = "User '%s' is disabled."
	msgMustSetupMFA      = "User must setup multi-factor"
	msgScopeNotSupported = "SETUP-MFA SCOPE not supported"
	msgAdditionalCreds   = "Additional authentication credentials required"
	msgInvalidSessionID  = "Invalid X-SessionId"
	msgCannotAuth        = "Can not authenticate with credentials provided"
	msgSessionExpired    = "Can not authenticate with credentials provided. Session has expired."
	msgLocked            = "Can not authenticate with credentials provided. The account has been locked due to excessive invalid attempts. Please contact an administrator"
	msgUnknownCredential = "Unknown credential type"
	msgUnparsableAuth    = "Invalid request body: unable to parse Auth data. Please review XML or JSON formatting."
	msgInvalidJSON       = "Invalid json request body"
	msgTenantIDAndName   = "Invalid request. Specify tenantId OR tenantName, not both."
	msgExpectUsername    = "Expecting username"
	msgUsernameSpaces    = "Username should not contain white spaces"
	msgExpectPassword    = "Expecting Password"
	msgExpectAPIKey      = "Expecting apiKey"
	msgNoValidToken      = "No valid token provided. Please use the 'X-Auth-Token' header with a valid token."
	msgNotAuthorized     = "Not Authorized"
	msgDomainNotFound    = "Domain with ID %s not found."
	msgTenantNotValid    = "Tenant with Name/Id: '%s' is not valid for User '%s' (id: '%s')"
	msgTokenNotTenant    = "Token doesn't belong to Tenant with Id/Name: '%s'"
	// Inferred: the notes give no text for these three.
	msgTokenNotAuth    = "Token not authenticated"
	msgExpectPasscode  = "Expecting passcode"
	msgTokenNotFound   = "Token not found."
	challengeHeaderFmt = "OS-MF sessionId='%s', factor='%s'"
)

// Fault keys by status (§4).
const (
	keyBadRequest   = "badRequest"
	keyUnauthorized = "unauthorized"
	keyForbidden    = "forbidden"
	keyUserDisabled = "userDisabled"
	keyNotFound     = "itemNotFound"
	keyOverLimit    = "overLimit"
	keyIdentity     = "identityFault"
)

type faultBody struct {
	Code    int    `json:"code"`
	Message string `json:"message,omitempty"`
	Details string `json:"details,omitempty"`
	// RetryAfter only appears in the rate limiter's overLimit body.
	RetryAfter string `json:"retryAfter,omitempty"`
}

func writeFault(w http.ResponseWriter, status int, key, message string) {
	emuhttp.WriteJSON(w, status, map[string]faultBody{key: {Code: status, Message: message}})
}

func writeFaultf(w http.ResponseWriter, status int, key, format string, args ...any) {
	writeFault(w, status, key, fmt.Sprintf(format, args...))
}

var faultKeys = map[int]string{
	http.StatusUnauthorized: keyUnauthorized, http.StatusForbidden: keyForbidden, http.StatusNotFound: keyNotFound,
	http.StatusRequestEntityTooLarge: keyOverLimit, http.StatusUnsupportedMediaType: keyUnsupportedMediaType,
	http.StatusMethodNotAllowed: "badMethod", // Inferred: the notes list 405 without a key.
}

func faultKey(status int) string {
	if k, ok := faultKeys[status]; ok {
		return k
	}
	if status >= 500 {
		return keyIdentity
	}
	return keyBadRequest
}

// WriteFault answers an injected fault or unmatched route as Identity would.
func (a *API) WriteFault(w http.ResponseWriter, status int) {
	if status == http.StatusNotImplemented {
		// Identity sends 501 with an empty body.
		w.WriteHeader(status)
		return
	}
	writeFault(w, status, faultKey(status), http.StatusText(status))
}

// WriteThrottle answers as the Repose rate limiter in front of Identity.
func (a *API) WriteThrottle(w http.ResponseWriter, retryAt time.Time) {
	emuhttp.WriteJSON(w, http.StatusRequestEntityTooLarge, map[string]faultBody{keyOverLimit: {
		Code:       http.StatusRequestEntityTooLarge,
		Message:    "OverLimit Retry...",
		Details:    "Error Details...",
		RetryAfter: formatTime(retryAt),
	}})
}

// formatTime: Identity's form, UTC with milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
