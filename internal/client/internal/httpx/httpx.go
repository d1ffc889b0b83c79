// Package httpx is the HTTP plumbing the API clients share: one Error type,
// logging, retry policy, per-operation deadlines, endpoint checks and the
// scrubbing of secrets. What an API's answers mean stays in its client.
package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// Logger receives debug messages. Fields never hold secret values.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

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

// WithOp names the operation a request belongs to: the retry hooks run
// inside retryablehttp (and oauth2), where the context is all they see.
func WithOp(ctx context.Context, op string) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

// OpOf returns the operation named by WithOp, or "".
func OpOf(ctx context.Context) string {
	op, _ := ctx.Value(opKey{}).(string)
	return op
}

// Redact removes secrets from server or transport text, in case either
// echoes the request. Values under four characters would only garble text.
func Redact(s string, secrets ...string) string {
	for _, v := range secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

// Mask stands in for a secret in a formatted Config, "" when it is unset.
func Mask(s string) string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// StatusText is the message of an error whose body has none to quote.
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

// FlexString takes a string that some API versions and samples send as a
// number, such as an ID or an error code.
type FlexString string

// UnmarshalJSON reads a JSON string or number; null is "".
func (f *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = FlexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = FlexString(n.String())
	return nil
}
