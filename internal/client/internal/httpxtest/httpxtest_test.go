package httpxtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestRecordingLogger(t *testing.T) {
	l := &RecordingLogger{}
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() { l.Debug(context.Background(), "msg", map[string]any{"n": i}) })
	}
	wg.Wait()
	if n := strings.Count(l.All(), "msg {\"n\":"); n != 10 {
		t.Errorf("%d entries:\n%s", n, l.All())
	}
}

type kindError struct{ kind int }

func (e *kindError) Error() string { return fmt.Sprint("kind ", e.kind) }

// fatalTB records a Fatalf and stops the helper the way testing does.
type fatalTB struct {
	testing.TB
	msg string
}

type stopped struct{}

func (*fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	panic(stopped{})
}

func asError(tb *fatalTB, err error, want int) (e *kindError) {
	defer func() {
		if r := recover(); r != nil && r != (stopped{}) {
			panic(r)
		}
	}()
	return AsError(tb, err, want, func(e *kindError) int { return e.kind })
}

func TestAsError(t *testing.T) {
	want := &kindError{kind: 2}
	tb := &fatalTB{}
	if got := asError(tb, fmt.Errorf("wrapped: %w", want), 2); got != want || tb.msg != "" {
		t.Errorf("got %v, failure %q", got, tb.msg)
	}
	tb = &fatalTB{}
	_ = asError(tb, want, 3)
	if !strings.HasPrefix(tb.msg, "kind = 2, want 3") {
		t.Errorf("wrong kind: failure %q", tb.msg)
	}
	tb = &fatalTB{}
	_ = asError(tb, errors.New("plain"), 2)
	if tb.msg != "error plain (*errors.errorString) is not *httpxtest.kindError" {
		t.Errorf("other error: failure %q", tb.msg)
	}
}
