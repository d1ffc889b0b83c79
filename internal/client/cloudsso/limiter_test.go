package cloudsso

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLimiterSharedByConcurrentCalls: 40 calls at 20 per second, made at
// once from 40 goroutines, take about (40-1)/20 = 1.95s, because they share
// one limiter. Only a lower bound is checked, loosely.
func TestLimiterSharedByConcurrentCalls(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{RequestsPerSecond: 20})
	const calls = 40
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, calls)
	for range calls {
		wg.Go(func() {
			if _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if elapsed := time.Since(start); elapsed < 1800*time.Millisecond {
		t.Errorf("%d calls at 20/s took %v, want about 1.95s", calls, elapsed)
	}
	if n := len(s.recorded()); n != calls {
		t.Errorf("%d requests, want %d", n, calls)
	}
}

// TestLimiterHonoursContext: a call that would have to wait for the limiter
// past its deadline returns at once, without sending anything.
func TestLimiterHonoursContext(t *testing.T) {
	s := newStub(t)
	c := s.start(Config{RequestsPerSecond: 0.2}) // one call per 5s
	if _, err := c.GetMFAAuthenticationStatus(context.Background(), dirID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetMFAAuthenticationStatus(ctx, dirID)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}
	e := asError(t, err, KindUnknown)
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(e.Error(), "rate limit") {
		t.Errorf("error %q", e)
	}
	if n := len(s.recorded()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestNewLimiter(t *testing.T) {
	if got := newLimiter(0).Limit(); got != defaultRequestsPerSecond {
		t.Errorf("default limit %v", got)
	}
	if got := newLimiter(7.5); got.Limit() != 7.5 || got.Burst() != 1 {
		t.Errorf("limit %v burst %d", got.Limit(), got.Burst())
	}
	unlimited := newLimiter(-1)
	for i := range 100 {
		if !unlimited.Allow() {
			t.Fatalf("a negative rate limited call %d", i+1)
		}
	}
}
