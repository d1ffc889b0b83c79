package rackspace

import (
	"context"
	"errors"
	"net/http"
	"sync"
)

// Session is the provider's one login, shared by everything that calls the
// API. It logs in lazily on first use; concurrent callers wait for the one
// login in flight instead of starting their own. It is safe for concurrent use.
type Session struct {
	client *Client
	creds  Credentials

	mu     sync.Mutex
	access *Access
	// failed is a login failure that would recur on every attempt (wrong
	// password, wrong passcode, locked, ...). It is returned without asking
	// again: three wrong passcodes lock the account.
	failed error
	flight *loginFlight
}

type loginFlight struct {
	done   chan struct{}
	access *Access
	err    error
}

// NewSession returns a Session that logs in to c with creds when first used.
func NewSession(c *Client, creds Credentials) *Session {
	return &Session{client: c, creds: creds}
}

// Access returns the session's access, logging in on first use only. The
// Access is shared by every caller and must not be modified.
func (s *Session) Access(ctx context.Context) (*Access, error) {
	return s.login(ctx, "")
}

// Do runs fn with the session's token. If fn fails because the token was
// rejected (KindTokenInvalid: expired or revoked), Do logs in again once and
// runs fn once more. A session opened with a token credential cannot log in
// again; Do then says so.
func (s *Session) Do(ctx context.Context, fn func(ctx context.Context, token string) error) error {
	a, err := s.Access(ctx)
	if err != nil {
		return err
	}
	err = fn(ctx, a.Token.ID)
	if !tokenRejected(err) {
		return err
	}
	if s.creds.Token != "" {
		return &Error{Op: "renew session", Status: http.StatusUnauthorized, Kind: KindTokenInvalid,
			Message: "the token the provider was configured with was rejected, and a token cannot be renewed",
			hint:    "configure a new token, or a password or API key",
			err:     err}
	}
	a, err = s.login(ctx, a.Token.ID)
	if err != nil {
		return err
	}
	return fn(ctx, a.Token.ID)
}

func tokenRejected(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindTokenInvalid && e.Status == http.StatusUnauthorized
}

// login returns the current access unless its token is stale (the one just
// rejected), in which case it logs in again. Only one login runs at a time.
func (s *Session) login(ctx context.Context, stale string) (*Access, error) {
	for {
		s.mu.Lock()
		if s.failed != nil {
			s.mu.Unlock()
			return nil, s.failed
		}
		if s.access != nil && s.access.Token.ID != stale {
			a := s.access
			s.mu.Unlock()
			return a, nil
		}
		if f := s.flight; f != nil {
			s.mu.Unlock()
			select {
			case <-ctx.Done():
				return nil, &Error{Op: opAuthenticate, Message: "waiting for login: " + ctx.Err().Error(), err: ctx.Err()}
			case <-f.done:
			}
			// The login ran under its starter's context; if that context
			// ended, this caller's may not have, so it tries itself.
			if f.err != nil && isContextError(f.err) && ctx.Err() == nil {
				continue
			}
			return f.access, f.err
		}
		f := &loginFlight{done: make(chan struct{})}
		s.flight = f
		s.mu.Unlock()

		a, err := s.client.Authenticate(ctx, s.creds)

		s.mu.Lock()
		s.flight = nil
		switch {
		case err == nil:
			s.access = a
		case !isTransient(err):
			s.failed = err
			s.access = nil
		}
		f.access, f.err = a, err
		close(f.done)
		s.mu.Unlock()
		return a, err
	}
}

// isTransient reports failures that may not recur: no response, a
// cancelled context, rate limiting or a server error. Everything else is
// remembered by the Session.
func isTransient(err error) bool {
	if isContextError(err) {
		return true
	}
	var e *Error
	if !errors.As(err, &e) {
		return true
	}
	return e.Status == 0 && e.Kind == KindUnknown || e.Kind == KindServer || e.Kind == KindRateLimited
}

func isContextError(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
