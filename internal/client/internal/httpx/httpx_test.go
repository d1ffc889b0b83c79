package httpx

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestOrNop(t *testing.T) {
	OrNop(nil).Debug(context.Background(), "dropped", nil) // must not panic
	l := &countingLogger{}
	if OrNop(l) != Logger(l) {
		t.Error("a Logger should be used as is")
	}
}

type countingLogger struct{ n int }

func (l *countingLogger) Debug(context.Context, string, map[string]any) { l.n++ }

func TestOp(t *testing.T) {
	ctx := context.Background()
	if got := OpOf(ctx); got != "" {
		t.Errorf("no op: %q", got)
	}
	ctx = WithOp(ctx, "get tenant")
	if got := OpOf(WithOp(ctx, "request token")); got != "request token" {
		t.Errorf("inner op: %q", got)
	}
	if got := OpOf(ctx); got != "get tenant" {
		t.Errorf("op: %q", got)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		s       string
		secrets []string
		want    string
	}{
		{"token abcd and abcd again", []string{"abcd"}, "token [redacted] and [redacted] again"},
		{"pw-secret-value: pw-secret", []string{"pw-secret-value", "pw-secret"}, "[redacted]: [redacted]"},
		// Too short to hide anything, and would garble the text.
		{"a bc def", []string{"", "a", "bc", "def"}, "a bc def"},
		{"nothing to hide", nil, "nothing to hide"},
	}
	for _, tt := range tests {
		if got := Redact(tt.s, tt.secrets...); got != tt.want {
			t.Errorf("Redact(%q, %q) = %q, want %q", tt.s, tt.secrets, got, tt.want)
		}
	}
	if Mask("") != "" || Mask("s3cret") != "[redacted]" {
		t.Errorf("Mask: %q %q", Mask(""), Mask("s3cret"))
	}
}

func TestStatusText(t *testing.T) {
	if got := StatusText(503); got != "Service Unavailable" {
		t.Errorf("503: %q", got)
	}
	if got := StatusText(599); got != "unexpected response" {
		t.Errorf("599: %q", got)
	}
}

func TestIsContextError(t *testing.T) {
	for err, want := range map[error]bool{
		context.Canceled: true,
		fmt.Errorf("x: %w", context.DeadlineExceeded): true,
		errors.New("context canceled"):                false,
		errors.New("connection refused"):              false,
	} {
		if got := IsContextError(err); got != want {
			t.Errorf("IsContextError(%v) = %v", err, got)
		}
	}
}
