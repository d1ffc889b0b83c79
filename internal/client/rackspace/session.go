package rackspace

import (
	"context"
	"errors"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// Session is one lazy login shared by all callers, who wait for the one
// login in flight. It is safe for concurrent use.
type Session struct {
	client *Client
	creds  Credentials

	flight httpx.Flight[*Access] // guards access and failed
	access *Access
	// failed is a login failure that would recur; it is not repeated, as
	// three wrong passcodes lock the account.
	failed error
}

// NewSession returns a Session that logs in to c with creds when first used.
func NewSession(c *Client, creds Credentials) *Session {
	return &Session{client: c, creds: creds,
		flight: httpx.Flight[*Access]{Service: APIName, Op: opAuthenticate, Waiting: "login"}}
}

// Access returns the session's access, logging in again once its token has
// expired by Config.Now. It is shared and must not be modified.
func (s *Session) Access(ctx context.Context) (*Access, error) {
	return s.login(ctx, "")
}

// Login logs in once more, scoped to tenantID unless empty; the new token
// is the caller's, the session's is left alone.
func (s *Session) Login(ctx context.Context, tenantID string) (*Access, error) {
	creds := s.creds
	if tenantID != "" {
		creds.TenantID = tenantID
	}
	return s.client.Authenticate(ctx, creds)
}

// AccessFor returns Access when it fits tenantID, else Login(tenantID).
func (s *Session) AccessFor(ctx context.Context, tenantID string) (*Access, error) {
	a, err := s.Access(ctx)
	if err != nil || tenantID == "" || a.Token.Tenant != nil && a.Token.Tenant.ID == tenantID {
		return a, err
	}
	return s.Login(ctx, tenantID)
}

// Do runs fn with the session's token, and once more after a new login if
// the token was rejected (expired or revoked).
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
		return cannotRenew("was rejected", http.StatusUnauthorized, err)
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

func cannotRenew(why string, status int, cause error) *Error {
	return &Error{Service: APIName, Op: "renew session", Status: status, Kind: KindTokenInvalid,
		Message: "the token the provider was configured with " + why + ", and a token cannot be renewed",
		Hint:    "configure a new token, or a password or API key",
		Err:     cause}
}

func tokenRejected(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindTokenInvalid && e.Status == http.StatusUnauthorized
}

// login logs in again when the token is stale (just rejected) or expired.
func (s *Session) login(ctx context.Context, stale string) (*Access, error) {
	return s.flight.Do(ctx, func() (*Access, bool, error) {
		a := s.access
		switch {
		case s.failed != nil:
			return nil, true, s.failed
		case a == nil || a.Token.ID == stale:
			return nil, false, nil
		case s.client.now().Before(a.Token.Expires):
			return a, true, nil
		case s.creds.Token != "":
			return nil, true, cannotRenew("has expired", 0, nil)
		}
		return nil, false, nil
	}, func(ctx context.Context) (*Access, error) {
		a, err := s.client.Authenticate(ctx, s.creds)
		s.flight.Lock()
		defer s.flight.Unlock()
		switch {
		case err == nil:
			s.access = a
		case !isTransient(err):
			s.failed, s.access = err, nil
		}
		return a, err
	})
}

// isTransient reports failures that may not recur; the Session remembers
// the rest. An expired multi-factor session is timing; a new login starts
// another.
func isTransient(err error) bool {
	var e *Error
	return httpx.IsContextError(err) || !errors.As(err, &e) ||
		e.Status == 0 && e.Kind == KindUnknown || e.Kind == KindServer || e.Kind == KindRateLimited || e.Kind == KindSessionExpired
}
