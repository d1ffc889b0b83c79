package emuhttp

import (
	"fmt"
	"sync"
	"time"
)

// Core is the state plumbing every emulated API shares: the emulator clock,
// the fixture a reset returns to, and the live state built from it. An API
// embeds it; its handlers hold Mu while they read or change St, and so do
// the callers of its unexported helpers that take none.
type Core[F, S any] struct {
	Now func() time.Time
	Mu  sync.Mutex
	St  *S

	name, prefix string
	fixture      F
	build        func(F, time.Time) *S
}

// Init loads a copy of fx, checked by validate; a nil now means time.Now.
func (c *Core[F, S]) Init(name, prefix string, fx F, now func() time.Time, validate func(F) error, build func(F, time.Time) *S) error {
	if now == nil {
		now = time.Now
	}
	fx = CloneJSON(fx)
	if err := validate(fx); err != nil {
		return fmt.Errorf("%s fixture: %w", name, err)
	}
	c.Now, c.name, c.prefix, c.fixture, c.build = now, name, prefix, fx, build
	c.St = build(fx, now())
	return nil
}

// Name identifies the API in counts, faults and admin routes.
func (c *Core[F, S]) Name() string { return c.name }

// PathPrefix is the path space the API owns, unmatched requests included.
func (c *Core[F, S]) PathPrefix() string { return c.prefix }

// Reset returns to the fixture, dropping every change since.
func (c *Core[F, S]) Reset() {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	c.St = c.build(c.fixture, c.Now())
}

// View renders, under the lock, the item find picks; ok is false for nil.
func View[F, S, V, T any](c *Core[F, S], find func(*S) *V, render func(*V) T) (out T, ok bool) {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	if v := find(c.St); v != nil {
		return render(v), true
	}
	return out, false
}

// ViewAll renders, under the lock, every item list picks from the state.
func ViewAll[F, S, V, T any](c *Core[F, S], list func(*S) []*V, render func(*V) T) []T {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	items := list(c.St)
	out := make([]T, 0, len(items))
	for _, v := range items {
		out = append(out, render(v))
	}
	return out
}

// Edit runs edit under the lock on the item find picks, or returns missing.
func Edit[F, S, V, T any](c *Core[F, S], find func(*S) *V, missing error, edit func(*V) (T, error)) (out T, err error) {
	c.Mu.Lock()
	defer c.Mu.Unlock()
	if v := find(c.St); v != nil {
		return edit(v)
	}
	return out, missing
}

// Ordered lists m's items in the order of ids.
func Ordered[V any](m map[string]*V, ids []string) []*V {
	out := make([]*V, 0, len(ids))
	for _, id := range ids {
		out = append(out, m[id])
	}
	return out
}
