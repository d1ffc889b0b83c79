package rackspace

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
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

// Access returns the session's access, logging in on first use and again
// once its token has expired by the client's clock (Config.Now), so that no
// caller is handed a token the server is bound to reject; a session opened
// with a token credential cannot log in again and says so instead. The
// Access is shared by every caller and must not be modified.
func (s *Session) Access(ctx context.Context) (*Access, error) {
	return s.login(ctx, "")
}

// Login logs in once more with the session's credentials, scoped to
// tenantID unless it is empty. The session's own access is left alone: the
// new token is the caller's, to use or revoke.
func (s *Session) Login(ctx context.Context, tenantID string) (*Access, error) {
	creds := s.creds
	if tenantID != "" {
		creds.TenantID = tenantID
	}
	return s.client.Authenticate(ctx, creds)
}

// AccessFor returns the session's access when tenantID is empty or the
// tenant its token is scoped to, and otherwise a Login for tenantID.
func (s *Session) AccessFor(ctx context.Context, tenantID string) (*Access, error) {
	a, err := s.Access(ctx)
	if err != nil || tenantID == "" || a.Token.Tenant != nil && a.Token.Tenant.ID == tenantID {
		return a, err
	}
	return s.Login(ctx, tenantID)
}

// Do runs fn with the session's token. If fn fails because the token was
// rejected (KindTokenInvalid: expired or revoked), Do logs in again once and
// runs fn once more. A session opened with a token credential cannot log in
// again; Do then says so. The typed methods (GetDomain, ...) use it.
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
		e := cannotRenew("was rejected", err)
		e.Status = http.StatusUnauthorized
		return e
	}
	a, err = s.login(ctx, a.Token.ID)
	if err != nil {
		return err
	}
	return fn(ctx, a.Token.ID)
}

// withToken is Do for a call that returns a value.
func withToken[T any](ctx context.Context, s *Session, call func(ctx context.Context, token string) (T, error)) (T, error) {
	var v T
	err := s.Do(ctx, func(ctx context.Context, token string) error {
		var err error
		v, err = call(ctx, token)
		return err
	})
	return v, err
}

func cannotRenew(why string, cause error) *Error {
	return &Error{Service: APIName, Op: "renew session", Kind: KindTokenInvalid,
		Message: "the token the provider was configured with " + why + ", and a token cannot be renewed",
		Hint:    "configure a new token, or a password or API key",
		Err:     cause}
}

func tokenRejected(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindTokenInvalid && e.Status == http.StatusUnauthorized
}

// login returns the current access unless its token is stale (the one just
// rejected) or expired, in which case it logs in again. Only one login runs
// at a time.
func (s *Session) login(ctx context.Context, stale string) (*Access, error) {
	for {
		s.mu.Lock()
		if s.failed != nil {
			s.mu.Unlock()
			return nil, s.failed
		}
		if a := s.access; a != nil && a.Token.ID != stale {
			if s.client.now().Before(a.Token.Expires) {
				s.mu.Unlock()
				return a, nil
			}
			if s.creds.Token != "" {
				s.mu.Unlock()
				// Sending the expired token would only be refused, and
				// the caller would not learn why.
				return nil, cannotRenew("has expired", nil)
			}
		}
		if f := s.flight; f != nil {
			s.mu.Unlock()
			select {
			case <-ctx.Done():
				return nil, &Error{Service: APIName, Op: opAuthenticate, Message: "waiting for login: " + ctx.Err().Error(), Err: ctx.Err()}
			case <-f.done:
			}
			// The login ran under its starter's context; if that context
			// ended, this caller's may not have, so it tries itself.
			if f.err != nil && httpx.IsContextError(f.err) && ctx.Err() == nil {
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
// cancelled context, rate limiting, a server error or an expired
// multi-factor session. Everything else is
// remembered by the Session.
func isTransient(err error) bool {
	if httpx.IsContextError(err) {
		return true
	}
	var e *Error
	if !errors.As(err, &e) {
		return true
	}
	// An expired multi-factor session is a matter of timing, not of credentials: a new login
	// starts a new session.
	return e.Status == 0 && e.Kind == KindUnknown || e.Kind == KindServer || e.Kind == KindRateLimited ||
		e.Kind == KindSessionExpired
}
