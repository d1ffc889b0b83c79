package httpx

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says what went wrong, in terms a caller can act on. Each client
// names the kinds of its API; kinds that mean the same for every API, such
// as KindNotFound, are the same value in every client.
type Kind string

// The kinds every API has. KindUnknown, the zero value, also covers requests
// that got no HTTP response at all (Status 0); Unwrap then gives the cause.
const (
	KindUnknown     Kind = ""
	KindNotFound    Kind = "not found"
	KindForbidden   Kind = "forbidden"
	KindBadRequest  Kind = "bad request"
	KindRateLimited Kind = "rate limited"
	KindServer      Kind = "server error"
)

func (k Kind) String() string {
	if k == KindUnknown {
		return "unknown"
	}
	return string(k)
}

// Error is every error a client returns about an operation. Status is 0
// when the error arose before or without an HTTP response.
type Error struct {
	// Service begins the text, e.g. "acronis".
	Service string
	// Op names the operation, e.g. "authenticate" or an API action.
	Op string
	// Status is the HTTP status code.
	Status int
	// Fault is the key of an Identity fault body, e.g. "unauthorized".
	Fault string
	// Code is the API's error code, e.g. "AUTH-004", "1027" or
	// "EntityNotExists.Directory".
	Code string
	// Message is the API's message as sent (secrets removed), or a
	// client-side description.
	Message string
	// Info is the API's details beyond the message (Acronis's
	// error.details.info), shown unless the message holds it already.
	Info string
	// Domain is the part of the API that answered (Acronis's error.domain).
	Domain string
	// Factor is the multi-factor challenge's factor (Identity's PASSCODE for
	// SMS, OTPPASSCODE for an authenticator app) for errors of that step.
	Factor string
	// RequestID is the API's ID of the request, to quote to its support.
	RequestID string
	Kind      Kind
	// Hint says what to do about it, when the client knows.
	Hint string
	// Attempts is how many attempts the operation took, shown when more
	// than one.
	Attempts int
	// Retryable reports that a repeat may succeed.
	Retryable bool
	// Err is the underlying cause of a client-side or transport error,
	// e.g. context.Canceled.
	Err error
}

// Error reads "<service>: <op>: HTTP <status> <fault>, code <code>: <message>
// (details: <info>) (request ID <id>) after <n> attempts; <hint>", leaving out what is unknown
// or repeated: APIs repeat the status as the code when they have no other,
// and Identity's codes are part of its messages.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: ", e.Service, e.Op)
	code := e.Code
	if code == strconv.Itoa(e.Status) || strings.Contains(e.Message, code) {
		code = ""
	}
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
		if e.Fault != "" {
			b.WriteString(" " + e.Fault)
		}
		if code != "" {
			b.WriteString(", code " + code)
		}
		b.WriteString(": ")
	} else if code != "" {
		fmt.Fprintf(&b, "code %s: ", code)
	}
	b.WriteString(e.Message)
	if e.Info != "" && !strings.Contains(e.Message, e.Info) {
		fmt.Fprintf(&b, " (details: %s)", e.Info)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request ID %s)", e.RequestID)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap gives the underlying cause.
func (e *Error) Unwrap() error { return e.Err }
