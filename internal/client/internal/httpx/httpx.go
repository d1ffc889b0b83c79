// Package httpx is the HTTP plumbing the API clients share: the one Error
// type they return, the Logger they report to, the operation name carried in
// a request's context, the retry policy pieces (Retry-After, backoff with
// jitter, what a connection failure says about a retry) and their
// retryablehttp hooks, the per-operation deadline, sending a request and
// reading its answer whole, endpoint checks and the scrubbing of secrets
// from server text.
//
// It lives below internal/client so that only the clients can import it:
// what each API treats as retryable, its error kinds and how it reads its
// error bodies stay in the client of that API and are passed in where the
// shared code needs them.
package httpx

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// Logger receives debug messages. Fields never hold secret values.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// nopLogger is the Logger of a client configured without one, so that the
// clients can log without checking for nil first.
type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}

// OrNop returns l, or a Logger that drops everything when l is nil.
func OrNop(l Logger) Logger {
	if l == nil {
		return nopLogger{}
	}
	return l
}

type opKey struct{}

// WithOp names the operation a request belongs to. The retry hooks run deep
// inside retryablehttp (and, for a token request, inside oauth2), where the
// context is the only way to learn which operation they serve.
func WithOp(ctx context.Context, op string) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

// OpOf returns the operation named by WithOp, or "".
func OpOf(ctx context.Context) string {
	op, _ := ctx.Value(opKey{}).(string)
	return op
}

// Redact removes secret values from text that came back from the server or
// the transport, in case either ever echoes part of the request. Values
// shorter than four characters are left alone: replacing them would garble
// ordinary text and hide nothing worth hiding.
func Redact(s string, secrets ...string) string {
	for _, v := range secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

// Mask stands in for a secret in a formatted Config: "[redacted]" when it is
// set, "" when it is not, so that the output still tells the two apart.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// StatusText is the message of an error whose body has none the client
// could quote.
func StatusText(status int) string {
	if s := http.StatusText(status); s != "" {
		return s
	}
	return "unexpected response"
}

// IsContextError reports an error caused by a cancelled or expired context.
func IsContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
