package cloudsso

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// Gateway error codes and messages (B.3).
const (
	codeInvalidAction         = "InvalidAction.NotFound"
	codeMissingParameter      = "MissingParameter"
	codeIncompleteSignature   = "IncompleteSignature"
	codeInvalidAccessKeyID    = "InvalidAccessKeyId.NotFound"
	codeTimestampExpired      = "InvalidTimeStamp.Expired"
	codeSignatureDoesNotMatch = "SignatureDoesNotMatch"
	codeSignatureNonceUsed    = "SignatureNonceUsed"
	codeThrottlingUser        = "Throttling.User"
	codeServiceUnavailable    = "ServiceUnavailable"
	codeInternalError         = "InternalError"
	codeDirectoryNotFound     = "EntityNotExists.Directory"

	throttleMessage       = "Request was denied due to user flow control."
	serviceUnavailableMsg = "The request has failed due to a temporary failure of the server."
	internalErrorMsg      = "The request processing has failed due to some unknown error."
)

// Inferred: codes the notes do not name, in the gateway's Category.Detail form.
const (
	codeMissingDirectoryID     = "MissingParameter.DirectoryId"
	codeInvalidMFAStatus       = "InvalidParameter.MFAAuthenticationStatus"
	codeSecurityTokenExpired   = "InvalidSecurityToken.Expired"
	codeSecurityTokenMalformed = "InvalidSecurityToken.MalformedOrExpired"
	codeTimestampFormat        = "InvalidTimeStamp.Format"
	codeInvalidParameter       = "InvalidParameter"
	codeInvalidFormat          = "InvalidParameter.Format"
	codeInvalidName            = "InvalidParameter.DirectoryName"
	codeNameTaken              = "EntityAlreadyExists.DirectoryName"
	codeDirectoryLimit         = "LimitExceeded.Directory"
)

// defaultHostID is HostId in fault and throttle bodies, written without the
// request. Inferred: the default regional endpoint.
const defaultHostID = "cloudsso." + DefaultRegion + ".aliyuncs.com"

// errorJSON is the body of every error (B.3).
type errorJSON struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) write(w http.ResponseWriter, host string) {
	id := newRequestID()
	// B.5: clients parse every error body as JSON, whatever Format asked for.
	writeJSON(w, e.status, id, errorJSON{
		RequestID: id,
		HostID:    cmp.Or(host, defaultHostID),
		Code:      e.code,
		Message:   e.message,
		Recommend: "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(e.code) +
			"&product=Cloudsso&requestId=" + url.QueryEscape(id),
	})
}

func errMissing(name string) *apiError {
	return &apiError{
		status: http.StatusBadRequest, code: codeMissingParameter,
		message: fmt.Sprintf("The input parameter %q that is mandatory for processing this request is not supplied.", name),
	}
}

func errInvalidAction() *apiError {
	return &apiError{
		status: http.StatusNotFound, code: codeInvalidAction,
		message: "Specified api is not found, please check your url and method.",
	}
}

// errIncomplete: the gateway's text (B.3) goes on with its string to sign;
// before there is one, the detail says what was wrong. Inferred.
func errIncomplete(detail string) *apiError {
	return &apiError{
		status: http.StatusBadRequest, code: codeIncompleteSignature,
		message: "The request signature does not conform to Aliyun standards. " + detail,
	}
}

func errBadRequest(code, message string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: code, message: message}
}

func errDirectoryNotFound() *apiError {
	// Inferred: status and message (B.3, open question 6).
	return &apiError{status: http.StatusNotFound, code: codeDirectoryNotFound, message: "The specified directory does not exist."}
}

// newRequestID is an uppercase UUID-shaped id (B.2). Inferred: version 4.
func newRequestID() string { return strings.ToUpper(emuhttp.NewUUID()) }

// writeJSON also sends x-acs-request-id. Inferred: Alibaba gateways send it;
// no client here depends on it.
func writeJSON(w http.ResponseWriter, status int, requestID string, v any) {
	w.Header().Set("Content-Type", "application/json")
	if requestID != "" {
		w.Header().Set("x-acs-request-id", requestID)
	}
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // a string to sign in a message is full of &
	_ = enc.Encode(v)
}

// WriteFault answers an injected fault or an unmatched path with B.3's codes
// for 503, 5xx, 404/405 (InvalidAction.NotFound) and 429. Inferred: any other
// status's code is its status text without spaces.
func (a *API) WriteFault(w http.ResponseWriter, status int) {
	e := &apiError{status: status}
	switch {
	case status == http.StatusServiceUnavailable:
		e.code, e.message = codeServiceUnavailable, serviceUnavailableMsg
	case status >= 500:
		e.code, e.message = codeInternalError, internalErrorMsg
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		e.code, e.message = codeInvalidAction, errInvalidAction().message
	case status == http.StatusTooManyRequests:
		e.code, e.message = codeThrottlingUser, throttleMessage
	default:
		text := http.StatusText(status)
		if text == "" {
			text = "Error " + strconv.Itoa(status)
		}
		e.code = strings.NewReplacer(" ", "", "-", "").Replace(text)
		e.message = text + "."
	}
	e.write(w, "")
}

// WriteThrottle answers Throttling.User with 400, as the notes infer (B.3).
func (a *API) WriteThrottle(w http.ResponseWriter, _ time.Time) {
	(&apiError{status: http.StatusBadRequest, code: codeThrottlingUser, message: throttleMessage}).write(w, "")
}
