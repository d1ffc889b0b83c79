// Package httpxtest holds test helpers the client packages share. Only
// their tests import it, so none of it reaches the provider binary; it is a
// plain package rather than _test files because those cannot be imported.
package httpxtest

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
)

// RecordingLogger keeps every log entry, to check none carries a secret.
// It is safe for concurrent use, as the clients log from every caller.
type RecordingLogger struct {
	mu      sync.Mutex
	entries []string
}

// Debug records msg followed by fields as JSON.
func (l *RecordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	b, _ := json.Marshal(fields)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, msg+" "+string(b))
}

// All returns every entry so far, one a line.
func (l *RecordingLogger) All() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.entries, "\n")
}

// AsError fails the test unless err is (or wraps) an E whose kind, as read
// by kindOf, is want, and returns it. Each client has its own error and
// Kind types, hence the type parameters and kindOf.
func AsError[E error, K comparable](t testing.TB, err error, want K, kindOf func(E) K) E {
	t.Helper()
	var e E
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not %T", err, err, e)
	}
	if got := kindOf(e); got != want {
		t.Fatalf("kind = %v, want %v (error: %v)", got, want, err)
	}
	return e
}

// RefusedAddr returns a local host:port that nothing listens on, for a
// client to get "connection refused" from: the port was just free, and the
// listener that held it is closed.
func RefusedAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
