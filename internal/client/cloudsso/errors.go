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

// Kind says what went wrong, in terms a caller can act on.
type Kind int

// The kinds of Error. KindUnknown also covers requests that got no HTTP
// response at all (Status 0); Unwrap then gives the cause.
const (
	KindUnknown Kind = iota
	// KindSignature: the gateway computed another signature
	// (SignatureDoesNotMatch) or could not read ours (IncompleteSignature).
	// With the vendor's signer, a wrong access key secret is the usual cause.
	KindSignature
	// KindAccessKey: the access key ID is unknown or inactive
	// (InvalidAccessKeyId.*).
	KindAccessKey
	// KindSecurityToken: the STS security token is expired, malformed or not
	// that of the access key (InvalidSecurityToken.*).
	KindSecurityToken
	// KindTimestamp: the request's time is more than 15 minutes away from
	// the gateway's (InvalidTimeStamp.*, IllegalTimestamp), i.e. the local
	// clock is wrong.
	KindTimestamp
	// KindNotFound: the directory does not exist, or belongs to another
	// account (EntityNotExists.Directory). Other 404s, such as
	// InvalidAction.NotFound, are not this kind: they say nothing about the
	// directory.
	KindNotFound
	// KindThrottled: Throttling, Throttling.User or Throttling.Api; retried
	// until the retries or the context run out.
	KindThrottled
	// KindServer: ServiceUnavailable or any 5xx; retried likewise.
	KindServer
	// KindBadRequest: any other 4xx, e.g. MissingParameter.DirectoryId or
	// InvalidParameter.*, and requests refused before sending.
	KindBadRequest
	// KindForbidden: the credentials may not do this (Forbidden*,
	// NoPermission*, or a 403).
	KindForbidden
)

var kindNames = [...]string{
	KindUnknown:       "unknown",
	KindSignature:     "signature rejected",
	KindAccessKey:     "access key rejected",
	KindSecurityToken: "security token rejected",
	KindTimestamp:     "timestamp rejected",
	KindNotFound:      "not found",
	KindThrottled:     "throttled",
	KindServer:        "server error",
	KindBadRequest:    "bad request",
	KindForbidden:     "forbidden",
}

func (k Kind) String() string { return httpx.KindName(k, kindNames[:]) }

// Error is every error this package returns about an operation. Status is 0
// when the error arose before or without an HTTP response.
type Error struct {
	// Op names the operation by its API action, e.g.
	// "SetMFAAuthenticationStatus".
	Op string
	// Status is the HTTP status code.
	Status int
	// Code is the API's error code, e.g. "EntityNotExists.Directory".
	Code string
	// Message is the API's message, or a client-side description. For
	// signature errors it includes the gateway's string to sign, which holds
	// no secret and helps compare with what was signed.
	Message string
	// RequestID is the API's RequestId, to quote to Alibaba Cloud support.
	RequestID string
	Kind      Kind

	attempts int  // how many attempts the call took, when more than one
	retry    bool // a repeat may succeed
	hint     string
	err      error
}

// Error reads "cloudsso: <op>: HTTP <status>, code <code>: <message>
// (request ID <id>)", leaving out what is unknown.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("cloudsso: ")
	b.WriteString(e.Op)
	b.WriteString(": ")
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.Code != "" {
			fmt.Fprintf(&b, ", code %s", e.Code)
		}
		b.WriteString(": ")
	} else if e.Code != "" {
		fmt.Fprintf(&b, "code %s: ", e.Code)
	}
	b.WriteString(e.Message)
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	if e.attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.attempts)
	}
	if e.hint != "" {
		b.WriteString("; ")
		b.WriteString(e.hint)
	}
	return b.String()
}

// Unwrap gives the underlying cause of a client-side or transport error,
// e.g. context.DeadlineExceeded.
func (e *Error) Unwrap() error { return e.err }

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
		return c.transportError(ctx, op, err)
	case a.status != 0:
		return c.unexpectedResponse(op, err, a)
	}
	// Failed before anything was sent, e.g. in the credentials provider.
	// DARA's own SDKError text is a multi-line dump; its fields read better.
	if sdk != nil {
		return &Error{Op: op, Code: tea.StringValue(sdk.Code), Message: httpx.Redact(tea.StringValue(sdk.Message), c.secrets...)}
	}
	return &Error{Op: op, Message: httpx.Redact(httpx.ErrorText(err), c.secrets...), err: err}
}

// sdkError reads DARA's error for an API answer. Its Data holds the whole
// error body as JSON, whose fields are taken as sent; its Message is only a
// fallback, since DARA wraps the API's message in text of its own.
func (c *Client) sdkError(op string, sdk *tea.SDKError, a *attempt) *Error {
	e := &Error{Op: op, Status: tea.IntValue(sdk.StatusCode), Code: tea.StringValue(sdk.Code)}
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
	e.retry = e.Kind == KindThrottled || e.Kind == KindServer
	e.hint = hints[e.Kind]
	return e
}

// unexpectedResponse describes an answer DARA could not parse: an error
// body that is not JSON (a proxy's HTML page, say), or a success body that
// is not. The body is not quoted: it is noise at best and could echo the
// request.
func (c *Client) unexpectedResponse(op string, err error, a *attempt) *Error {
	e := &Error{Op: op, Status: a.status, Kind: classify(a.status, ""), err: err}
	if a.status >= 400 {
		e.Message = httpx.StatusText(a.status) + " (the response was not a CloudSSO error body)"
	} else {
		e.Message = "unexpected response: " + httpx.Redact(httpx.ErrorText(err), c.secrets...)
	}
	e.retry = e.Kind == KindServer
	return e
}

// transportError describes a request that got no response. The cause is
// unwrapped from *url.Error so the message does not repeat the URL.
func (c *Client) transportError(ctx context.Context, op string, err error) *Error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &Error{Op: op, Message: "request abandoned: " + ctxErr.Error(), err: ctxErr}
	}
	return &Error{
		Op:      op,
		Message: "request failed: " + httpx.Redact(httpx.ErrorText(err), c.secrets...),
		// No wait fixes an untrusted certificate. Redirects are not
		// followed at all, so unlike the other clients there is no
		// redirect loop to give up on.
		retry: !httpx.CertificateError(err),
		err:   err,
	}
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
