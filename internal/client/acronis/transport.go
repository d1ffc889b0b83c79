package acronis

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxBodyBytes bounds what is read from a response; tenant and status
// bodies are a few kilobytes.
const maxBodyBytes = 4 << 20

// retrier holds the retry policy's hooks and the logger they write to.
type retrier struct {
	logger Logger
}

// newHTTPClient returns the client every request goes through, the token
// request included (oauth2 takes it from the context). Retrying inside a
// RoundTripper lets the oauth2 library, which only knows *http.Client, get
// the same policy as the API calls.
func newHTTPClient(hc *http.Client, logger Logger, userAgent string, retryMax int, waitMin, waitMax time.Duration) *http.Client {
	r := &retrier{logger: logger}
	rc := &retryablehttp.Client{
		HTTPClient:   hc,
		RetryMax:     retryMax,
		RetryWaitMin: waitMin,
		RetryWaitMax: waitMax,
		// The library's own log lines carry URLs and raw error strings and
		// have no context to reach the caller's logger, so it stays silent
		// and the hooks below log what is safe.
		Logger:          nil,
		RequestLogHook:  r.logRequest,
		ResponseLogHook: r.logResponse,
		CheckRetry:      r.checkRetry,
		Backoff:         r.backoff,
		ErrorHandler:    keepLastResponse,
	}
	return &http.Client{
		Transport: &headerTransport{
			next:      &retryablehttp.RoundTripper{Client: rc},
			userAgent: userAgent,
		},
	}
}

// headerTransport adds the headers every request carries, the token
// request (built by the oauth2 library) included.
type headerTransport struct {
	next      http.RoundTripper
	userAgent string
}

func (t *headerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.userAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	return t.next.RoundTrip(req)
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

type opKey struct{}

func withOp(ctx context.Context, op string) context.Context {
	return context.WithValue(ctx, opKey{}, op)
}

func opOf(ctx context.Context) string {
	op, _ := ctx.Value(opKey{}).(string)
	return op
}

// send performs one API request (with retries) with the access token and
// reads the whole response. Any HTTP status is returned as a response;
// only a failure to get one is an error.
func (c *Client) send(ctx context.Context, op, method, path, token string, body []byte) (*response, error) {
	ctx = withOp(ctx, op)
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, rd)
	if err != nil {
		return nil, &Error{Op: op, Message: "building request: " + err.Error(), err: err}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(ctx, op, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return nil, transportError(ctx, op, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// encodeJSON marshals a request body, reporting a failure as an *Error of op.
func encodeJSON(op string, payload any) ([]byte, error) {
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, &Error{Op: op, Message: "encoding request: " + err.Error(), err: err}
	}
	return b, nil
}

// transportError describes a request that got no usable response. The cause
// is unwrapped from *url.Error so the message does not repeat the URL.
func transportError(ctx context.Context, op string, err error) *Error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &Error{Op: op, Message: "request abandoned: " + ctxErr.Error(), err: ctxErr}
	}
	msg, cause := "request failed", err
	var ae *attemptsError
	if errors.As(err, &ae) {
		cause = ae.err
		if ae.tries > 1 {
			msg = fmt.Sprintf("request failed after %d attempts", ae.tries)
		}
	}
	return &Error{Op: op, Message: msg + ": " + connErrorText(cause), err: err}
}

func connErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// keepLastResponse hands the last response to the caller once retries are
// used up, so that it is classified like any other (a 503 stays a 503)
// instead of becoming an opaque "giving up" error.
func keepLastResponse(resp *http.Response, err error, tries int) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, &attemptsError{tries: tries, err: err}
	}
	return resp, nil
}

// attemptsError records how many attempts a failed request took.
type attemptsError struct {
	tries int
	err   error
}

func (e *attemptsError) Error() string { return fmt.Sprintf("after %d attempt(s): %v", e.tries, e.err) }
func (e *attemptsError) Unwrap() error { return e.err }

// Only the method and path are logged: paths carry tenant IDs at most, and
// tokens and client credentials travel in headers and bodies.
func (r *retrier) logRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	r.logger.Debug(req.Context(), "acronis request", map[string]any{
		"op":      opOf(req.Context()),
		"method":  req.Method,
		"path":    req.URL.Path,
		"attempt": attempt + 1,
	})
}

func (r *retrier) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	ctx := resp.Request.Context()
	r.logger.Debug(ctx, "acronis response", map[string]any{
		"op":     opOf(ctx),
		"method": resp.Request.Method,
		"path":   resp.Request.URL.Path,
		"status": resp.StatusCode,
	})
}
