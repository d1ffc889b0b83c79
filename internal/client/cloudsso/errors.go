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

// APIName begins every error of this package.
const APIName = "cloudsso"

// Kind says what went wrong, in terms a caller can act on. Kind and Error are httpx's, named
// again in each client (a repeat on purpose): callers outside internal/client can't import httpx.
type Kind = httpx.Kind

// Error is every error this package returns about an operation (an API
// action). A signature error's Message includes the gateway's string to
// sign, which holds no secret.
type Error = httpx.Error

// The kinds of Error.
const (
	KindUnknown = httpx.KindUnknown
	// KindSignature: with the vendor's signer, a wrong secret is the cause.
	KindSignature     Kind = "signature rejected"
	KindAccessKey     Kind = "access key rejected"
	KindSecurityToken Kind = "security token rejected"
	KindTimestamp     Kind = "timestamp rejected" // over 15 minutes off
	// KindNotFound is EntityNotExists.Directory only: other 404s, such as
	// InvalidAction.NotFound, say nothing about the directory.
	KindNotFound        = httpx.KindNotFound
	KindThrottled  Kind = "throttled"
	KindServer          = httpx.KindServer
	KindBadRequest      = httpx.KindBadRequest
	KindForbidden       = httpx.KindForbidden
)

var hints = map[Kind]string{
	KindSignature:     "check the access key secret",
	KindAccessKey:     "check the access key ID and that the key is active",
	KindSecurityToken: "the STS credentials have expired or do not belong together; get new ones",
	KindTimestamp:     "check this machine's clock, which must be within 15 minutes of the real time",
}

// classify reads the code first: the gateway's codes are precise, their
// statuses partly undocumented.
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

// daraMessageRE matches DARA's "code: <status>, <Message> request id: <id>".
var daraMessageRE = regexp.MustCompile(`(?s)^code: \d+, (.*) request id: (.*)$`)

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
	// Failed before sending; DARA's SDKError text is a multi-line dump.
	if sdk != nil {
		return &Error{Service: APIName, Op: op, Code: tea.StringValue(sdk.Code), Message: httpx.Redact(tea.StringValue(sdk.Message), c.secrets...)}
	}
	return &Error{Service: APIName, Op: op, Message: httpx.Redact(httpx.ErrorText(err), c.secrets...), Err: err}
}

// sdkError prefers Data, the error body as JSON, over Message, which DARA
// wraps in text of its own.
func (c *Client) sdkError(op string, sdk *tea.SDKError, a *attempt) *Error {
	e := &Error{Service: APIName, Op: op, Status: tea.IntValue(sdk.StatusCode), Code: tea.StringValue(sdk.Code)}
	if e.Status == 0 {
		e.Status = a.status
	}
	// DARA accepts both spellings of each field, and so does this.
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
	e.Redact(c.secrets...)
	e.Kind = classify(e.Status, e.Code)
	e.Retryable = e.Kind == KindThrottled || e.Kind == KindServer
	e.Hint = hints[e.Kind]
	return e
}

// unexpectedResponse is an answer that is not JSON. The body is not quoted:
// it could echo the request.
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
