package rackspace

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxBodyBytes bounds what is read from a response; Identity bodies are a
// few kilobytes, a large service catalog perhaps a few hundred.
const maxBodyBytes = 4 << 20

// transport wraps retryablehttp with this package's retry policy and logging.
type transport struct {
	rc     *retryablehttp.Client
	logger Logger
}

func newTransport(hc *http.Client, logger Logger, retryMax int, waitMin, waitMax time.Duration) *transport {
	t := &transport{logger: logger}
	t.rc = &retryablehttp.Client{
		HTTPClient:   hc,
		RetryMax:     retryMax,
		RetryWaitMin: waitMin,
		RetryWaitMax: waitMax,
		// The library's own log lines carry URLs and raw error strings and
		// have no context to reach the caller's logger, so it stays silent
		// and the hooks below log what is safe.
		Logger:          nil,
		RequestLogHook:  t.logRequest,
		ResponseLogHook: t.logResponse,
		CheckRetry:      t.checkRetry,
		Backoff:         t.backoff,
		ErrorHandler:    keepLastResponse,
	}
	return t
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

type opKey struct{}

// send performs one logical request (with retries) and reads the whole
// response. Any HTTP status is returned as a response; only a failure to get
// one is an error.
func (c *Client) send(ctx context.Context, op, method, path string, header http.Header, payload any) (*response, error) {
	var body []byte
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return nil, &Error{Op: op, Message: "encoding request: " + err.Error(), err: err}
		}
		body = b
	}
	ctx = context.WithValue(ctx, opKey{}, op)
	var raw any
	if body != nil {
		raw = body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, c.baseURL+path, raw)
	if err != nil {
		return nil, &Error{Op: op, Message: "building request: " + err.Error(), err: err}
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.transport.rc.Do(req)
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

// bufferedBody replaces the body of a response that may be retried: the
// library drains it before asking for the backoff, and the overLimit body's
// retryAfter is still needed then.
type bufferedBody struct {
	*bytes.Reader
	data []byte
}

func (*bufferedBody) Close() error { return nil }

func bufferBody(resp *http.Response) []byte {
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	resp.Body.Close()
	resp.Body = &bufferedBody{Reader: bytes.NewReader(data), data: data}
	return data
}

func opOf(ctx context.Context) string {
	op, _ := ctx.Value(opKey{}).(string)
	return op
}

// Only the method and path are logged: paths carry domain IDs at most, and
// tokens, session IDs and credentials travel in headers and bodies.
func (t *transport) logRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	t.logger.Debug(req.Context(), "rackspace identity request", map[string]any{
		"op":      opOf(req.Context()),
		"method":  req.Method,
		"path":    req.URL.Path,
		"attempt": attempt + 1,
	})
}

func (t *transport) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	ctx := resp.Request.Context()
	t.logger.Debug(ctx, "rackspace identity response", map[string]any{
		"op":     opOf(ctx),
		"method": resp.Request.Method,
		"path":   resp.Request.URL.Path,
		"status": resp.StatusCode,
	})
}
