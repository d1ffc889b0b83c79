package emulator

import (
	"sync"
	"time"
)

// Clock is the emulator's time: real time plus an adjustable offset. Time
// keeps flowing, so TOTP codes computed from the wall clock stay valid until
// a test moves the clock on purpose.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now returns the emulated time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the emulated time by d (negative moves it back) and returns
// the new time.
func (c *Clock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
	return c.Now()
}

// Offset returns how far the emulated time is from real time.
func (c *Clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

func (c *Clock) reset() {
	c.mu.Lock()
	c.offset = 0
	c.mu.Unlock()
}
