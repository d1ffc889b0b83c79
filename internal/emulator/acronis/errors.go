package acronis

import (
	"fmt"
	"net/http"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Token-endpoint error codes (A.1.2). invalid_client and
// unsupported_grant_type are not in the published enum; they are the
// RFC 6749 codes a client has to tolerate anyway.
const (
	tokenErrInvalidRequest   = "invalid_request"
	tokenErrInvalidClient    = "invalid_client"
	tokenErrAccessDenied     = "access_denied"
	tokenErrUnsupportedGrant = "unsupported_grant_type"
)

// envelope is the error body of every route but the token endpoint (A.4).
type envelope struct {
	Error errorJSON `json:"error"`
}

type errorJSON struct {
	// Code is a platform code (1002, 1005, 1027, ...) or the HTTP status.
	Code    int         `json:"code"`
	Domain  string      `json:"domain"`
	Message string      `json:"message"`
	Details detailsJSON `json:"details"`
	// Context names the tenant the request was about, when there is one.
	Context *contextJSON `json:"context,omitempty"`
}

type detailsJSON struct {
	Info string `json:"info"`
}

type contextJSON struct {
	ID string `json:"id"`
}

// apiError is an answer in the error envelope.
type apiError struct {
	status  int
	code    int // 0 means the HTTP status
	message string
	info    string
	tenant  string // context.id; "" leaves context out
}

func (e *apiError) write(w http.ResponseWriter) {
	body := errorJSON{
		Code:    e.code,
		Domain:  domain,
		Message: e.message,
		Details: detailsJSON{Info: e.info},
	}
	if body.Code == 0 {
		body.Code = e.status
	}
	if body.Details.Info == "" {
		body.Details.Info = e.message
	}
	if e.tenant != "" {
		body.Context = &contextJSON{ID: e.tenant}
	}
	if e.status == http.StatusUnauthorized {
		// Inferred: RFC 6750 §3 asks a resource server for this header.
		w.Header().Set("WWW-Authenticate", `Bearer realm="acronis"`)
	}
	emuhttp.WriteJSON(w, e.status, envelope{Error: body})
}

func errBadRequest(info string) *apiError {
	return &apiError{status: http.StatusBadRequest, message: "Bad request.", info: info}
}

// errUnauthorized is the 401 of a missing, unknown, expired or revoked
// token (A.1.3). Inferred: the text is ours; info says which case it was,
// which a real server would not, but it makes test failures readable.
func errUnauthorized(info string) *apiError {
	return &apiError{status: http.StatusUnauthorized, message: "Authorization is required: the access token is missing, invalid or expired.", info: info}
}

// errAccessDenied is the 403 for a tenant outside the client's subtree. The
// message paraphrases the documented wording (A.1.3).
func errAccessDenied(tenantID string) *apiError {
	return &apiError{
		status: http.StatusForbidden, code: codeAccessDenied,
		message: "The account does not own a tenant being accessed",
		info:    fmt.Sprintf("Tenant %s is outside the subtree of the API client's tenant.", tenantID),
		tenant:  tenantID,
	}
}

// errTenantNotFound is the 404 for an unknown tenant. Inferred: code 1005
// rather than 404, since the platform has a code for exactly this (A.4).
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

// noStore marks a token response uncacheable, as RFC 6749 §5.1 requires.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
}

// WriteFault answers with the error envelope for status, its code being the
// status, as an injected fault or an unmatched route would get it.
func (a *API) WriteFault(w http.ResponseWriter, status int) {
	(&apiError{status: status, message: http.StatusText(status) + "."}).write(w)
}

// WriteThrottle answers 429 in the error envelope. The caller has already
// set Retry-After. Inferred: the notes document no rate limit for these
// routes (A.4), so the shape is the general envelope.
func (a *API) WriteThrottle(w http.ResponseWriter, retryAt time.Time) {
	(&apiError{
		status:  http.StatusTooManyRequests,
		message: "Too many requests.",
		info:    "Retry after " + retryAt.UTC().Format(time.RFC3339) + ".",
	}).write(w)
}
