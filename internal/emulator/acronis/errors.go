package acronis

import (
	"cmp"
	"fmt"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Token-endpoint error codes (A.1.2), two of them RFC 6749's outside the enum.
const (
	tokenErrInvalidRequest   = "invalid_request"
	tokenErrInvalidClient    = "invalid_client"
	tokenErrAccessDenied     = "access_denied"
	tokenErrUnsupportedGrant = "unsupported_grant_type"
)

// errorJSON is "error" in the error body of every route but the token
// endpoint (A.4).
type errorJSON struct {
	Code    int          `json:"code"` // a platform code (A.4) or the HTTP status
	Domain  string       `json:"domain"`
	Message string       `json:"message"`
	Details detailsJSON  `json:"details"`
	Context *contextJSON `json:"context,omitempty"` // the tenant asked about
}

type detailsJSON struct {
	Info string `json:"info"`
}

type contextJSON struct {
	ID string `json:"id"`
}

type apiError struct {
	status  int
	code    int // 0 means the HTTP status
	message string
	info    string
	tenant  string // context.id; "" leaves context out
}

func (e *apiError) write(w http.ResponseWriter) {
	body := errorJSON{
		Code:    cmp.Or(e.code, e.status),
		Domain:  domain,
		Message: e.message,
		Details: detailsJSON{Info: cmp.Or(e.info, e.message)},
	}
	if e.tenant != "" {
		body.Context = &contextJSON{ID: e.tenant}
	}
	if e.status == http.StatusUnauthorized {
		// Inferred: RFC 6750 §3 asks a resource server for this header.
		w.Header().Set("WWW-Authenticate", `Bearer realm="acronis"`)
	}
	emuhttp.WriteJSON(w, e.status, map[string]errorJSON{"error": body})
}

func errBadRequest(info string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: "Bad request.", info: info}
}

// errUnauthorized (A.1.3). Inferred: the text; info names the case for tests.
func errUnauthorized(info string) *apiError {
	return &apiError{status: http.StatusUnauthorized, message: "Authorization is required: the access token is missing, invalid or expired.", info: info}
}

// errAccessDenied paraphrases the documented wording (A.1.3).
func errAccessDenied(tenantID string) *apiError {
	return &apiError{
		status: http.StatusForbidden, code: codeAccessDenied,
		message: "The account does not own a tenant being accessed",
		info:    fmt.Sprintf("Tenant %s is outside the subtree of the API client's tenant.", tenantID),
		tenant:  tenantID,
	}
}

// errTenantNotFound. Inferred: code 1005, the platform's code for it (A.4).
func errTenantNotFound(tenantID string) *apiError {
	return &apiError{
		status: http.StatusNotFound, code: codeTenantNotFound,
		message: "Tenant not found.",
		info:    fmt.Sprintf("No tenant with ID %s exists.", tenantID),
		tenant:  tenantID,
	}
}

// tokenError is the body of a failed token request (A.1.2).
type tokenError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func writeTokenError(w http.ResponseWriter, status int, code, description string) {
	noStore(w)
	emuhttp.WriteJSON(w, status, tokenError{Error: code, Description: description})
}

// noStore: RFC 6749 §5.1.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}

// WriteFault answers an injected fault or unmatched route in the envelope.
func (a *API) WriteFault(w http.ResponseWriter, status int) {
	(&apiError{status: status, message: http.StatusText(status) + "."}).write(w)
}

// WriteThrottle. Inferred: no rate limit is documented (A.4); the envelope.
func (a *API) WriteThrottle(w http.ResponseWriter, retryAt time.Time) {
	(&apiError{
		status:  http.StatusTooManyRequests,
		message: "Too many requests.",
		info:    "Retry after " + retryAt.UTC().Format(time.RFC3339) + ".",
	}).write(w)
}
