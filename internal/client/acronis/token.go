package acronis

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

const opRequestToken = "request token"

// tokenCache: concurrent callers wait for the one fetch in flight.
type tokenCache struct {
	httpx.Flight[*accessToken] // guards current and failed
	current                    *accessToken
	// failed is a refusal that would recur; repeating a wrong secret may
	// look like an attack to the server.
	failed   error
	requests atomic.Int32
}

type accessToken struct {
	value string
	// On the Client's clock; zero when the server named no lifetime, and
	// the token is then kept until the API refuses it.
	expiresAt time.Time
	refreshAt time.Time
}

// TokenRequests counts token fetches started, retries not counted, for
// tests and benchmarks.
func (c *Client) TokenRequests() int { return int(c.tokens.requests.Load()) }

// token fetches a token when there is none, it is within the expiry margin
// or the API just rejected it (stale).
func (c *Client) token(ctx context.Context, stale string) (*accessToken, error) {
	t := &c.tokens
	var cur *accessToken
	var usable bool
	return t.Do(ctx, func() (*accessToken, bool, error) {
		if t.failed != nil {
			return nil, true, t.failed
		}
		cur = t.current
		usable = cur != nil && cur.value != stale
		return cur, usable && (cur.refreshAt.IsZero() || c.now().Before(cur.refreshAt)), nil
	}, func(ctx context.Context) (*accessToken, error) {
		t.requests.Add(1)
		reason := "first use"
		switch {
		case cur != nil && !usable:
			reason = "rejected by the API"
		case cur != nil:
			reason = "expiring"
		}
		tok, err := c.fetchToken(ctx, reason)
		t.Lock()
		defer t.Unlock()
		switch {
		case err == nil:
			t.current = tok
		case remembered(err):
			t.failed, t.current = err, nil
		case usable && (cur.expiresAt.IsZero() || c.now().Before(cur.expiresAt)):
			// An early refresh failed for a passing reason.
			c.logger.Debug(ctx, "acronis keeps the current access token until it expires",
				map[string]any{"expires_in": cur.expiresAt.Sub(c.now()).Round(time.Second).String()})
			return cur, nil
		}
		return tok, err
	})
}

func (c *Client) fetchToken(ctx context.Context, reason string) (*accessToken, error) {
	issued := c.now()
	ctx = httpx.WithOp(context.WithValue(ctx, oauth2.HTTPClient, c.http), opRequestToken)
	tok, err := c.oauth.Token(ctx)
	if err != nil {
		e := c.tokenError(ctx, err)
		c.logger.Debug(ctx, "acronis access token request failed", map[string]any{"reason": reason,
			"kind": e.Kind.String(), "status": e.Status, "code": e.Code, "remembered": remembered(e)})
		return nil, e
	}
	at := &accessToken{value: tok.AccessToken}
	// oauth2 turned expires_in into real-clock time; carry it over to ours.
	lifetime := time.Duration(0)
	if !tok.Expiry.IsZero() {
		lifetime = time.Until(tok.Expiry).Round(time.Second)
	}
	if lifetime > 0 {
		at.expiresAt = issued.Add(lifetime)
		at.refreshAt = at.expiresAt.Add(-min(c.margin, lifetime/2))
	}
	c.logger.Debug(ctx, "acronis access token fetched", map[string]any{"reason": reason, "expires_in": lifetime.String()})
	return at, nil
}

// tokenError never uses oauth2's text: it quotes an unparsed body whole.
func (c *Client) tokenError(ctx context.Context, err error) *Error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		var ue *url.Error
		if ctx.Err() != nil || errors.As(err, &ue) {
			return httpx.Failed(ctx, APIName, opRequestToken, err)
		}
		// A 2xx the library could not use: no access_token, or not JSON.
		msg := strings.TrimPrefix(err.Error(), "oauth2: ")
		return &Error{Service: APIName, Op: opRequestToken, Kind: KindTokenRequest,
			Message: httpx.Redact("unexpected token response: "+msg, c.secrets...), Err: err}
	}
	e := &Error{Service: APIName, Op: opRequestToken, Code: strings.TrimSpace(re.ErrorCode), Message: re.ErrorDescription}
	if re.Response != nil {
		e.Status = re.Response.StatusCode
	}
	if e.Code == "" {
		parseEnvelope(e, re.Body)
	}
	e.Redact(c.secrets...)
	e.Kind = classifyToken(e.Status, e.Code)
	switch e.Kind {
	case KindInvalidClient:
		e.Hint = "check the client ID and secret, and that the endpoint is the data center where the API client was created"
	case KindAccessDenied:
		e.Hint = "the API client may be disabled"
	}
	return e
}

func classifyToken(status int, code string) Kind {
	switch {
	case status == http.StatusTooManyRequests || status >= 500:
		return httpx.StatusKind(status)
	case code == "invalid_client":
		return KindInvalidClient
	// RFC 6749 reserves 401 at the token endpoint for client authentication.
	case status == http.StatusUnauthorized && code == "":
		return KindInvalidClient
	case code == "access_denied" || status == http.StatusForbidden:
		return KindAccessDenied
	}
	return KindTokenRequest
}

// remembered reports a token failure that would recur.
func remembered(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Kind == KindInvalidClient || e.Kind == KindAccessDenied ||
		e.Kind == KindTokenRequest && e.Status >= 400 && e.Status < 500)
}
