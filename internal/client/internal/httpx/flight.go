package httpx

import (
	"context"
	"sync"
)

// Flight lets concurrent callers share one fetch, such as a login. Its lock
// also guards the owner's cache: Do calls cached under it, and fetch takes
// it to record its result before the waiters see it.
type Flight[T any] struct {
	sync.Mutex
	// Service, Op and Waiting ("login") word the error of a caller whose
	// context ends while it waits.
	Service, Op, Waiting string
	call                 *flightCall[T]
}

type flightCall[T any] struct {
	done chan struct{}
	v    T
	err  error
}

// Do returns cached's answer when it is final, or else the result of the
// fetch in flight, starting fetch when there is none. A waiter whose context
// outlived the fetching caller's cancelled one tries again.
func (f *Flight[T]) Do(ctx context.Context, cached func() (v T, final bool, err error), fetch func(context.Context) (T, error)) (T, error) {
	for {
		f.Lock()
		if v, final, err := cached(); final {
			f.Unlock()
			return v, err
		}
		if c := f.call; c != nil {
			f.Unlock()
			select {
			case <-ctx.Done():
				var zero T
				return zero, &Error{Service: f.Service, Op: f.Op, Message: "waiting for " + f.Waiting + ": " + ctx.Err().Error(), Err: ctx.Err()}
			case <-c.done:
			}
			if c.err != nil && IsContextError(c.err) && ctx.Err() == nil {
				continue
			}
			return c.v, c.err
		}
		c := &flightCall[T]{done: make(chan struct{})}
		f.call = c
		f.Unlock()

		c.v, c.err = fetch(ctx)
		f.Lock()
		f.call = nil
		f.Unlock()
		close(c.done)
		return c.v, c.err
	}
}
