package httpx

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Kind says what went wrong, in terms a caller can act on.
type Kind string

// The kinds every API has. KindUnknown also covers requests that got no
// response (Status 0).
const (
	KindUnknown     Kind = ""
	KindNotFound    Kind = "not found"
	KindForbidden   Kind = "forbidden"
	KindBadRequest  Kind = "bad request"
	KindRateLimited Kind = "rate limited"
	KindServer      Kind = "server error"
)

// StatusKind is the kind a status implies by itself, for what an API's own
// codes and messages don't tell apart.
func StatusKind(status int) Kind {
	if status >= 500 {
		return KindServer
	}
	return statusKinds[status]
}

var statusKinds = map[int]Kind{
	http.StatusBadRequest:      KindBadRequest,
	http.StatusForbidden:       KindForbidden,
	http.StatusNotFound:        KindNotFound,
	http.StatusTooManyRequests: KindRateLimited,
}

func (k Kind) String() string {
	if k == KindUnknown {
		return "unknown"
	}
	return string(k)
}

// Error is every error a client returns about an operation. Status is 0
// when the error arose before or without an HTTP response.
type Error struct {
	Service, Op string
	Status      int
	Fault       string // the key of an Identity fault body, e.g. "unauthorized"
	Code        string // e.g. "AUTH-004", "1027" or "EntityNotExists.Directory"
	Message     string // the API's, secrets removed, or the client's own
	Info        string // Acronis's error.details.info
	Domain      string // Acronis's error.domain
	Factor      string // the multi-factor challenge's factor
	RequestID   string
	Kind        Kind
	Hint        string // what to do about it, when the client knows
	Attempts    int
	Retryable   bool
	Err         error // the cause of a client-side or transport error
}

// Error leaves out what is unknown or repeated: APIs repeat the status as
// the code when they have no other, and Identity's codes are part of its
// messages.
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

// Redact removes secrets from the text the server sent, and words a missing
// message by the status: other bodies (a proxy's page) are not quoted, as
// they could echo the request.
func (e *Error) Redact(secrets ...string) {
	for _, s := range []*string{&e.Code, &e.Message, &e.Info, &e.RequestID} {
		*s = strings.TrimSpace(Redact(*s, secrets...))
	}
	if e.Message == "" {
		e.Message = StatusText(e.Status)
	}
}

// Unwrap gives the underlying cause.
func (e *Error) Unwrap() error { return e.Err }
