package cloudsso

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// APIName names the API in the text of every error of this package.
const APIName = "cloudsso"

// Kind says what went wrong, in terms a caller can act on.
type Kind = httpx.Kind

// Error is every error this package returns about an operation, named by
// its API action, e.g. "SetMFAAuthenticationStatus". For signature errors
// Message includes the gateway's string to sign, which holds no secret and
// helps compare with what was signed.
type Error = httpx.Error

// The kinds of Error.
const (
	KindUnknown = httpx.KindUnknown
	// KindSignature: the gateway computed another signature
	// (SignatureDoesNotMatch) or could not read ours (IncompleteSignature).
	// With the vendor's signer, a wrong access key secret is the usual cause.
	KindSignature Kind = "signature rejected"
	// KindAccessKey: the access key ID is unknown or inactive
	// (InvalidAccessKeyId.*).
	KindAccessKey Kind = "access key rejected"
	// KindSecurityToken: the STS security token is expired, malformed or not
	// that of the access key (InvalidSecurityToken.*).
	KindSecurityToken Kind = "security token rejected"
	// KindTimestamp: the request's time is more than 15 minutes away from
	// the gateway's (InvalidTimeStamp.*, IllegalTimestamp), i.e. the local
	// clock is wrong.
	KindTimestamp Kind = "timestamp rejected"
	// KindNotFound: the directory does not exist, or belongs to another
	// account (EntityNotExists.Directory). Other 404s, such as
	// InvalidAction.NotFound, are not this kind: they say nothing about the
	// directory.
	KindNotFound = httpx.KindNotFound
	// KindThrottled: Throttling, Throttling.User or Throttling.Api; retried
	// until the retries or the operation's time run out.
	KindThrottled Kind = "throttled"
	// KindServer: ServiceUnavailable or any 5xx; retried likewise.
	KindServer = httpx.KindServer
	// KindBadRequest: any other 4xx, e.g. MissingParameter.DirectoryId or
	// InvalidParameter.*, and requests refused before sending.
	KindBadRequest = httpx.KindBadRequest
	// KindForbidden: the credentials may not do this (Forbidden*,
	// NoPermission*, or a 403).
	KindForbidden = httpx.KindForbidden
)

// hints say what to do about the kinds whose cause lies with the caller.
var hints = map[Kind]string{
	KindSignature:     "check the access key secret",
	KindAccessKey:     "check the access key ID and that the key is active",
	KindSecurityToken: "the STS credentials have expired or do not belong together; get new ones",
	KindTimestamp:     "check this machine's clock, which must be within 15 minutes of the real time",
}

// classify maps an API answer to a Kind: the code first, since the gateway's
// codes are precise and their statuses are partly undocumented, then the
// status.
func classify(status int, code string) Kind {
	switch {
	case code == "SignatureDoesNotMatch" || code == "IncompleteSignature":
		return KindSignature
	case strings.HasPrefix(code, "InvalidAccessKeyId"):
		return KindAccessKey
	case strings.HasPrefix(code, "InvalidSecurityToken"):
		return KindSecurityToken
	case strings.HasPrefix(code, "InvalidTimeStamp") || code == "IllegalTimestamp":
		return KindTimestamp
	case code == "EntityNotExists.Directory":
		return KindNotFound
	case code == "Throttling" || code == "Throttling.User" || code == "Throttling.Api":
		return KindThrottled
	case code == "ServiceUnavailable" || status >= 500:
		return KindServer
	case strings.HasPrefix(code, "Forbidden") || strings.HasPrefix(code, "NoPermission") || status == http.StatusForbidden:
		return KindForbidden
	case status >= 400 && status < 500:
		return KindBadRequest
	}
	return KindUnknown
}

// daraMessageRE matches the message DARA builds from an error body:
// "code: <status>, <Message> request id: <RequestId>".
var daraMessageRE = regexp.MustCompile(`(?s)^code: \d+, (.*) request id: (.*)$`)

// callError turns what CallApiWithCtx returned for one attempt into an
// *Error, using the record of the HTTP exchange beneath it.
func (c *Client) callError(ctx context.Context, op string, err error, a *attempt) *Error {
	var sdk *tea.SDKError
	switch {
	case errors.As(err, &sdk) && (tea.IntValue(sdk.StatusCode) != 0 || a.status != 0):
		return c.sdkError(op, sdk, a)
	case a.transport != nil || ctx.Err() != nil:
		return httpx.Failed(ctx, APIName, op, err, c.secrets...)
	case a.status != 0:
		return c.unexpectedResponse(op, err, a)
	}
	// Failed before anything was sent, e.g. in the credentials provider.
	// DARA's own SDKError text is a multi-line dump; its fields read better.
	if sdk != nil {
		return &Error{Service: APIName, Op: op, Code: tea.StringValue(sdk.Code), Message: httpx.Redact(tea.StringValue(sdk.Message), c.secrets...)}
	}
	return &Error{Service: APIName, Op: op, Message: httpx.Redact(httpx.ErrorText(err), c.secrets...), Err: err}
}

// sdkError reads DARA's error for an API answer. Its Data holds the whole
// error body as JSON, whose fields are taken as sent; its Message is only a
// fallback, since DARA wraps the API's message in text of its own.
func (c *Client) sdkError(op string, sdk *tea.SDKError, a *attempt) *Error {
	e := &Error{Service: APIName, Op: op, Status: tea.IntValue(sdk.StatusCode), Code: tea.StringValue(sdk.Code)}
	if e.Status == 0 {
		e.Status = a.status
	}
	// Data is the error body as DARA decoded it, re-encoded as JSON. DARA
	// accepts both spellings of each field, and so does this.
	var body map[string]any
	if data := tea.StringValue(sdk.Data); data != "" && json.Unmarshal([]byte(data), &body) == nil {
		e.RequestID = bodyField(body, "RequestId", "requestId")
		e.Message = bodyField(body, "Message", "message")
		if e.Code == "" {
			e.Code = bodyField(body, "Code", "code")
		}
	} else if m := daraMessageRE.FindStringSubmatch(tea.StringValue(sdk.Message)); m != nil {
		e.Message, e.RequestID = m[1], m[2]
	}
	e.Message = strings.TrimSpace(httpx.Redact(e.Message, c.secrets...))
	e.Code = httpx.Redact(strings.TrimSpace(e.Code), c.secrets...)
	e.RequestID = httpx.Redact(strings.TrimSpace(e.RequestID), c.secrets...)
	if e.Message == "" {
		e.Message = httpx.StatusText(e.Status)
	}
	e.Kind = classify(e.Status, e.Code)
	e.Retryable = e.Kind == KindThrottled || e.Kind == KindServer
	e.Hint = hints[e.Kind]
	return e
}

// unexpectedResponse describes an answer DARA could not parse: an error
// body that is not JSON (a proxy's HTML page, say), or a success body that
// is not. The body is not quoted: it is noise at best and could echo the
// request.
func (c *Client) unexpectedResponse(op string, err error, a *attempt) *Error {
	e := &Error{Service: APIName, Op: op, Status: a.status, Kind: classify(a.status, ""), Err: err}
	if a.status >= 400 {
		e.Message = httpx.StatusText(a.status) + " (the response was not a CloudSSO error body)"
	} else {
		e.Message = "unexpected response: " + httpx.Redact(httpx.ErrorText(err), c.secrets...)
	}
	e.Retryable = e.Kind == KindServer
	return e
}

// bodyField returns the first of keys present in an error body, as text.
func bodyField(body map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := body[k].(type) {
		case nil:
			continue
		case string:
			return v
		default:
			return fmt.Sprint(v)
		}
	}
	return ""
}
