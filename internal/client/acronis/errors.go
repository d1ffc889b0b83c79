package acronis

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// APIName names the API in the text of every error of this package.
const APIName = "acronis"

// Kind says what went wrong, in terms a caller can act on.
type Kind = httpx.Kind

// Error is every error this package returns about an operation. Code is the
// envelope's error.code as a string (a platform code such as "1005", or the
// HTTP status), or the token endpoint's error code such as "invalid_client".
type Error = httpx.Error

// The kinds of Error.
const (
	KindUnknown = httpx.KindUnknown
	// KindInvalidClient: the token endpoint does not know the client ID or
	// secret (401 invalid_client). Client IDs exist in one data center only,
	// so a wrong endpoint looks the same.
	KindInvalidClient Kind = "invalid client"
	// KindAccessDenied: the token endpoint refused a known client
	// (access_denied, e.g. a disabled client, or a 403).
	KindAccessDenied Kind = "access denied"
	// KindTokenRequest: any other refusal by the token endpoint, or a
	// token response that could not be used.
	KindTokenRequest Kind = "token request failed"
	// KindUnauthorized: the API refused the access token, even a freshly
	// fetched one.
	KindUnauthorized Kind = "unauthorized"
	// KindForbidden: the API client may not do this, e.g. the tenant lies
	// outside its own tenant's subtree.
	KindForbidden  = httpx.KindForbidden
	KindNotFound   = httpx.KindNotFound
	KindBadRequest = httpx.KindBadRequest
	// KindBusinessRule: a well-formed request the platform's rules forbid
	// (error code 1027), e.g. changing MFA on a folder or unit tenant.
	KindBusinessRule Kind = "business rule violated"
	// KindUnsupportedMediaType: 415, the Content-Type was refused.
	KindUnsupportedMediaType Kind = "unsupported media type"
	KindRateLimited               = httpx.KindRateLimited
	KindServer                    = httpx.KindServer
)

// codeBusinessRule is the platform code "does not satisfy business rules".
const codeBusinessRule = "1027"

// envelope is the API's error body. code is an integer or a string; the
// token endpoint's body, {"error": "<code>", ...}, has a string in place
// of the object and is read too, in case an API route ever answers so.
type envelope struct {
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
}

type envelopeError struct {
	Code    json.RawMessage `json:"code"`
	Domain  *string         `json:"domain"`
	Message string          `json:"message"`
	Details struct {
		Info *string `json:"info"`
	} `json:"details"`
}

// apiError turns a non-2xx API response into an *Error. secrets are removed
// from the server's text should it echo any of them.
func apiError(op string, resp *httpx.Response, secrets ...string) *Error {
	e := &Error{Service: APIName, Op: op, Status: resp.Status}
	parseEnvelope(e, resp.Body)
	e.Message = httpx.Redact(e.Message, secrets...)
	e.Info = httpx.Redact(e.Info, secrets...)
	e.Code = httpx.Redact(e.Code, secrets...)
	// Bodies that are not the envelope (a proxy's HTML page, say) are not
	// quoted: they are noise at best and could echo the request.
	if e.Message == "" {
		e.Message = httpx.StatusText(resp.Status)
	}
	e.Kind = classifyAPI(e.Status, e.Code)
	return e
}

func parseEnvelope(e *Error, body []byte) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return
	}
	var env envelope
	if json.Unmarshal(body, &env) != nil {
		return
	}
	raw := bytes.TrimSpace(env.Error)
	if len(raw) == 0 {
		return
	}
	if raw[0] == '"' {
		var code string
		if json.Unmarshal(raw, &code) == nil {
			e.Code = strings.TrimSpace(code)
			e.Message = strings.TrimSpace(env.ErrorDescription)
		}
		return
	}
	var inner envelopeError
	if json.Unmarshal(raw, &inner) != nil {
		return
	}
	e.Code = codeString(inner.Code)
	if inner.Domain != nil {
		e.Domain = *inner.Domain
	}
	e.Message = strings.TrimSpace(inner.Message)
	if inner.Details.Info != nil {
		e.Info = strings.TrimSpace(*inner.Details.Info)
	}
}

// codeString renders error.code, which the schema allows to be an integer
// or a string, as a string.
func codeString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// classifyAPI maps an API answer (not the token endpoint's) to a Kind.
func classifyAPI(status int, code string) Kind {
	switch {
	case status == http.StatusTooManyRequests:
		return KindRateLimited
	case status >= 500:
		return KindServer
	// The status for a broken business rule is not documented: 400 is the
	// likeliest, 403 the other candidate, and the code says it either way.
	case code == codeBusinessRule && (status == http.StatusBadRequest || status == http.StatusForbidden):
		return KindBusinessRule
	case status == http.StatusBadRequest:
		return KindBadRequest
	case status == http.StatusUnauthorized:
		return KindUnauthorized
	case status == http.StatusForbidden:
		return KindForbidden
	case status == http.StatusNotFound:
		return KindNotFound
	case status == http.StatusUnsupportedMediaType:
		return KindUnsupportedMediaType
	}
	return KindUnknown
}
