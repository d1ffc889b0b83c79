package httpx

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Policy is one API's retry policy and request logging for retryablehttp.
type Policy struct {
	Name   string // begins every log message
	Logger Logger
	// RetryResponse may replace resp.Body to keep what ServerWait reads:
	// retryablehttp drains it before the backoff. Nil means TransientStatus.
	RetryResponse func(resp *http.Response) bool
	// ServerWait nil means the Retry-After header.
	ServerWait func(resp *http.Response, now time.Time) (time.Duration, bool)
}

// NewClient returns a retryablehttp.Client that sends through hc under p.
func (p *Policy) NewClient(hc *http.Client, r Retry) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   hc,
		RetryMax:     r.Max,
		RetryWaitMin: r.WaitMin,
		RetryWaitMax: r.WaitMax,
		// The library's own lines carry URLs and raw error strings; the
		// hooks log what is safe.
		Logger:          nil,
		RequestLogHook:  p.logRequest,
		ResponseLogHook: p.logResponse,
		CheckRetry:      p.checkRetry,
		Backoff:         p.backoff,
		ErrorHandler:    keepLastResponse,
	}
}

func (p *Policy) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		retry := retryableConnError(err)
		p.Logger.Debug(ctx, p.Name+" request failed",
			map[string]any{"op": OpOf(ctx), "error": ErrorText(err), "retryable": retry})
		return retry, nil
	}
	if p.RetryResponse == nil {
		return TransientStatus(resp.StatusCode), nil
	}
	return p.RetryResponse(resp), nil
}

// backoff waits as long as the server asked, capped at waitMax, or else
// jittered.
func (p *Policy) backoff(waitMin, waitMax time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, fromServer := time.Duration(0), false
	switch {
	case resp != nil && p.ServerWait != nil:
		wait, fromServer = p.ServerWait(resp, time.Now())
	case resp != nil:
		wait, fromServer = RetryAfter(resp.Header, time.Now())
	}
	if fromServer {
		wait = min(wait, waitMax)
	} else {
		wait = jittered(waitMin, waitMax, attempt)
	}
	if resp != nil && resp.Request != nil {
		ctx := resp.Request.Context()
		p.Logger.Debug(ctx, p.Name+" retry",
			map[string]any{"op": OpOf(ctx), "status": resp.StatusCode, "wait": wait.String(), "retry_after": fromServer})
	}
	return wait
}

// Only the method and path are logged: paths carry resource IDs at most,
// and tokens, session IDs and credentials travel in headers and bodies.
func (p *Policy) logRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	p.Logger.Debug(req.Context(), p.Name+" request",
		map[string]any{"op": OpOf(req.Context()), "method": req.Method, "path": req.URL.Path, "attempt": attempt + 1})
}

func (p *Policy) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	ctx := resp.Request.Context()
	p.Logger.Debug(ctx, p.Name+" response", map[string]any{
		"op": OpOf(ctx), "method": resp.Request.Method, "path": resp.Request.URL.Path, "status": resp.StatusCode})
}

// keepLastResponse hands the last response to the caller once retries are
// used up, so that a 503 stays a 503 instead of an opaque "giving up" error.
func keepLastResponse(resp *http.Response, err error, tries int) (*http.Response, error) {
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, &attemptsError{tries: tries, err: err}
	}
	return resp, nil
}

type attemptsError struct {
	tries int
	err   error
}

func (e *attemptsError) Error() string {
	return fmt.Sprintf("after %d attempt(s): %v", e.tries, e.err)
}

func (e *attemptsError) Unwrap() error { return e.err }

// Defaults every client shares unless its Config says otherwise.
const (
	DefaultUserAgent = "terraform-provider-authpolicy"
	// DefaultOperationTimeout bounds one operation, retries included, so
	// that no caller waits forever on an API that keeps failing.
	DefaultOperationTimeout = 5 * time.Minute
	MaxBodyBytes            = 4 << 20 // no API of ours sends more than a few hundred KB
	// MaxIdleConnsPerHost: with Go's default of 2, a parallel batch dialled
	// and closed a connection per request, about a quarter of an apply's
	// time on 500 Acronis tenants.
	MaxIdleConnsPerHost = 100
)

// DefaultRetry is the retry budget of Identity and Acronis: ten retries
// leave a request a 0.3^11 chance of failing when 30 % of answers are
// errors; the 30-second cap keeps a hopeless run from hanging.
var DefaultRetry = Retry{Max: 10, WaitMin: 500 * time.Millisecond, WaitMax: 30 * time.Second}

// UserAgent returns s, or DefaultUserAgent when s is blank.
func UserAgent(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return DefaultUserAgent
	}
	return s
}

// OperationTimeout returns d, or DefaultOperationTimeout when d is not positive.
func OperationTimeout(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultOperationTimeout
	}
	return d
}

// HTTPClient returns the *http.Client (what oauth2 takes) that sends every
// request with userAgent, retried under p and r through hc, bounded by
// timeout retries included. A nil hc gets a client of its own, since
// retryablehttp closes idle connections after failures.
func (p *Policy) HTTPClient(hc *http.Client, r Retry, userAgent string, timeout time.Duration) *http.Client {
	if hc == nil {
		hc = &http.Client{Timeout: attemptTimeout}
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			tr := dt.Clone()
			tr.MaxIdleConnsPerHost = MaxIdleConnsPerHost
			hc.Transport = tr
		}
	}
	return &http.Client{Transport: &boundTransport{
		next:      &retryablehttp.RoundTripper{Client: p.NewClient(hc, r)},
		userAgent: userAgent,
		timeout:   timeout,
	}}
}

const attemptTimeout = 60 * time.Second

// boundTransport adds the common headers and the operation's deadline,
// which lasts until the answer's body is closed.
type boundTransport struct {
	next      http.RoundTripper
	userAgent string
	timeout   time.Duration
}

func (t *boundTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	req = req.Clone(ctx)
	req.Header.Set("User-Agent", t.userAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	defer b.cancel()
	return b.ReadCloser.Close()
}

// Send performs one request of op, with payload as its JSON body unless
// nil, and reads the answer whole. Only a failure to get one is an error.
func Send(ctx context.Context, hc *http.Client, service, op, method, url string, header http.Header, payload any) (*Response, error) {
	ctx = WithOp(ctx, op)
	var rd io.Reader
	if payload != nil {
		b, err := json.Marshal(payload)
		if err != nil {
			return nil, &Error{Service: service, Op: op, Message: "encoding request: " + err.Error(), Err: err}
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, &Error{Service: service, Op: op, Message: "building request: " + err.Error(), Err: err}
	}
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, Failed(ctx, service, op, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes))
	if err != nil {
		return nil, Failed(ctx, service, op, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}

// Failed is the *Error of a request that got no usable response. It wraps
// the context's error when that ended, so that errors.Is finds it; an
// untrusted certificate is not retryable, as no wait fixes it.
func Failed(ctx context.Context, service, op string, err error, secrets ...string) *Error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &Error{Service: service, Op: op, Message: "request abandoned: " + ctxErr.Error(), Err: ctxErr}
	}
	msg, last := "request failed", err
	var ae *attemptsError
	if errors.As(err, &ae) {
		last = ae.err
		if ae.tries > 1 {
			msg = fmt.Sprintf("request failed after %d attempts", ae.tries)
		}
	}
	return &Error{Service: service, Op: op, Message: Redact(msg+": "+ErrorText(last), secrets...), Err: err,
		Retryable: !CertificateError(err)}
}

// Response is an HTTP response read whole.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}
