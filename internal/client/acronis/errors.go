package acronis

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// APIName begins every error of this package.
const APIName = "acronis"

// Kind says what went wrong, in terms a caller can act on. Kind and Error are httpx's, named
// again in each client (a repeat on purpose): callers outside internal/client can't import httpx.
type Kind = httpx.Kind

// Error is every error this package returns about an operation.
type Error = httpx.Error

// The kinds of Error.
const (
	KindUnknown = httpx.KindUnknown
	// KindInvalidClient: 401 invalid_client. Client IDs exist in one data
	// center only, so a wrong endpoint looks the same.
	KindInvalidClient Kind = "invalid client"
	KindAccessDenied  Kind = "access denied" // e.g. a disabled client
	KindTokenRequest  Kind = "token request failed"
	// KindUnauthorized: the API refused even a freshly fetched token.
	KindUnauthorized Kind = "unauthorized"
	KindForbidden         = httpx.KindForbidden
	KindNotFound          = httpx.KindNotFound
	KindBadRequest        = httpx.KindBadRequest
	// KindBusinessRule: error code 1027, e.g. MFA on a folder or unit.
	KindBusinessRule         Kind = "business rule violated"
	KindUnsupportedMediaType Kind = "unsupported media type"
	KindRateLimited               = httpx.KindRateLimited
	KindServer                    = httpx.KindServer
)

const codeBusinessRule = "1027"

// envelope is the API's error body; the token endpoint's form, {"error":
// "<code>"}, is read too, in case an API route ever answers so.
type envelope struct {
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
}

type envelopeError struct {
	Code    json.RawMessage `json:"code"`
	Domain  string          `json:"domain"`
	Message string          `json:"message"`
	Details struct {
		Info string `json:"info"`
	} `json:"details"`
}

func apiError(op string, resp *httpx.Response, secrets ...string) *Error {
	e := &Error{Service: APIName, Op: op, Status: resp.Status}
	parseEnvelope(e, resp.Body)
	e.Redact(secrets...)
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
	e.Domain = inner.Domain
	e.Message = strings.TrimSpace(inner.Message)
	e.Info = strings.TrimSpace(inner.Details.Info)
}

// codeString: the schema allows error.code to be an integer or a string.
func codeString(raw json.RawMessage) string {
	var code httpx.FlexString
	_ = json.Unmarshal(raw, &code)
	return strings.TrimSpace(string(code))
}

func classifyAPI(status int, code string) Kind {
	switch {
	// The status of code 1027 is not documented: 400 or 403.
	case code == codeBusinessRule && (status == http.StatusBadRequest || status == http.StatusForbidden):
		return KindBusinessRule
	case status == http.StatusUnauthorized:
		return KindUnauthorized
	case status == http.StatusUnsupportedMediaType:
		return KindUnsupportedMediaType
	}
	return httpx.StatusKind(status)
}
