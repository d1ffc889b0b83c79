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
// Connection failures are judged the same for every API (retryableConnError);
// what an answer means is the API's to say.
type Policy struct {
	// Name begins every log message, e.g. "acronis" gives "acronis retry".
	Name   string
	Logger Logger
	// RetryResponse reports whether an answer may succeed if repeated. It
	// may replace resp.Body, e.g. to keep a body ServerWait reads, since
	// retryablehttp drains it before asking for the backoff. Nil retries
	// what TransientStatus reports.
	RetryResponse func(resp *http.Response) bool
	// ServerWait returns the wait the server asked for, if any. Nil reads
	// the Retry-After header (RetryAfter).
	ServerWait func(resp *http.Response, now time.Time) (time.Duration, bool)
}

// NewClient returns a retryablehttp.Client that sends every attempt through
// hc under p. Once retries are used up it returns the last response like
// any other, so that a 503 stays a 503 for the caller to classify.
func (p *Policy) NewClient(hc *http.Client, r Retry) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   hc,
		RetryMax:     r.Max,
		RetryWaitMin: r.WaitMin,
		RetryWaitMax: r.WaitMax,
		// The library's own log lines carry URLs and raw error strings and
		// have no context to reach the caller's logger, so it stays silent
		// and the hooks below log what is safe.
		Logger:          nil,
		RequestLogHook:  p.logRequest,
		ResponseLogHook: p.logResponse,
		CheckRetry:      p.checkRetry,
		Backoff:         p.backoff,
		ErrorHandler:    keepLastResponse,
	}
}

// checkRetry retries what may heal by itself: connection failures that
// retryableConnError allows, and the answers p.RetryResponse accepts. A
// context that has ended stops retrying at once.
func (p *Policy) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		retry := retryableConnError(err)
		p.Logger.Debug(ctx, p.Name+" request failed", map[string]any{
			"op":        OpOf(ctx),
			"error":     ErrorText(err),
			"retryable": retry,
		})
		return retry, nil
	}
	if p.RetryResponse == nil {
		return TransientStatus(resp.StatusCode), nil
	}
	return p.RetryResponse(resp), nil
}

// backoff waits as long as the server asked, capped at waitMax, or else a
// capped exponential delay with jitter so that many clients don't return in
// step.
func (p *Policy) backoff(waitMin, waitMax time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, fromServer := time.Duration(0), false
	if resp != nil {
		wait, fromServer = p.serverWait(resp, time.Now())
	}
	if fromServer {
		wait = min(wait, waitMax)
	} else {
		wait = jittered(waitMin, waitMax, attempt)
	}
	if resp != nil && resp.Request != nil {
		ctx := resp.Request.Context()
		p.Logger.Debug(ctx, p.Name+" retry", map[string]any{
			"op":          OpOf(ctx),
			"status":      resp.StatusCode,
			"wait":        wait.String(),
			"retry_after": fromServer,
		})
	}
	return wait
}

func (p *Policy) serverWait(resp *http.Response, now time.Time) (time.Duration, bool) {
	if p.ServerWait == nil {
		return RetryAfter(resp.Header, now)
	}
	return p.ServerWait(resp, now)
}

// Only the method and path are logged: paths carry resource IDs at most,
// and tokens, session IDs and credentials travel in headers and bodies.
func (p *Policy) logRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	p.Logger.Debug(req.Context(), p.Name+" request", map[string]any{
		"op":      OpOf(req.Context()),
		"method":  req.Method,
		"path":    req.URL.Path,
		"attempt": attempt + 1,
	})
}

func (p *Policy) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	ctx := resp.Request.Context()
	p.Logger.Debug(ctx, p.Name+" response", map[string]any{
		"op":     OpOf(ctx),
		"method": resp.Request.Method,
		"path":   resp.Request.URL.Path,
		"status": resp.StatusCode,
	})
}

// keepLastResponse is a retryablehttp.ErrorHandler that hands the last
// response to the caller once retries are used up, so that it is classified
// like any other (a 503 stays a 503) instead of becoming an opaque "giving
// up" error. A failure to get any response becomes an *attemptsError.
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

func (e *attemptsError) Error() string {
	return fmt.Sprintf("after %d attempt(s): %v", e.tries, e.err)
}

// Unwrap gives the last attempt's failure.
func (e *attemptsError) Unwrap() error { return e.err }

// Failure describes a request that got no usable response, for a client's
// error message, and returns the error that message should wrap: the
// context's when it ended, so that errors.Is finds it, or else err. The
// cause is unwrapped from *url.Error so the message does not repeat the URL.
func Failure(ctx context.Context, err error) (msg string, cause error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return "request abandoned: " + ctxErr.Error(), ctxErr
	}
	msg, last := "request failed", err
	var ae *attemptsError
	if errors.As(err, &ae) {
		last = ae.err
		if ae.tries > 1 {
			msg = fmt.Sprintf("request failed after %d attempts", ae.tries)
		}
	}
	return msg + ": " + ErrorText(last), err
}

// Defaults every client shares unless its Config says otherwise.
const (
	DefaultUserAgent = "terraform-provider-authpolicy"
	// DefaultOperationTimeout bounds one operation, its retries included,
	// so that no caller can wait forever on an API that keeps failing.
	DefaultOperationTimeout = 5 * time.Minute
	// MaxBodyBytes bounds what is read from a response: no API of ours sends
	// more than a few hundred kilobytes.
	MaxBodyBytes = 4 << 20
	// MaxIdleConnsPerHost is how many idle connections a client keeps to
	// its API. Go's default of 2 made each request beyond the second of a
	// parallel batch (Terraform runs 10 at a time by default) dial a new
	// connection and close it afterwards; measured on 500 Acronis tenants,
	// that churn cost about a quarter of an apply's time. 100 covers any
	// usual -parallelism.
	MaxIdleConnsPerHost = 100
)

// DefaultRetry is the retry budget of Identity and Acronis. Ten retries
// leave a request a 0.3^11 chance of failing when 30 % of answers are
// errors, and the 30-second cap on each wait keeps a run that can't
// succeed from hanging.
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

// HTTPClient returns the client a retryablehttp-based API client sends
// everything through, its token requests included (an oauth2 library only
// knows *http.Client). Each request carries userAgent, is retried under p
// and r through hc, and is bounded, retries included, by timeout. When hc
// is nil each attempt goes through a client of its own whose timeout
// bounds one attempt: retryablehttp closes idle connections after
// failures, which should not touch the process-wide default.
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

// attemptTimeout bounds one attempt of a client built without an HTTP client.
const attemptTimeout = 60 * time.Second

// boundTransport adds the headers every request carries and the deadline
// of its operation, which lasts until the answer's body is closed.
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

// EncodeJSON marshals a request body; a nil payload is no body.
func EncodeJSON(service, op string, payload any) ([]byte, error) {
	if payload == nil {
		return nil, nil
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return nil, &Error{Service: service, Op: op, Message: "encoding request: " + err.Error(), Err: err}
	}
	return b, nil
}

// Send performs one request of op through hc and reads the whole answer,
// at most MaxBodyBytes. Any HTTP status is returned as a response; only a
// failure to get one is an error, an *Error of service.
func Send(ctx context.Context, hc *http.Client, service, op, method, url string, header http.Header, body []byte) (*Response, error) {
	ctx = WithOp(ctx, op)
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
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
	if body != nil {
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

// Failed is the *Error of a request of op that got no usable response.
// It may be retried unless the context ended or the server's certificate
// is not trusted, which no wait fixes. secrets are removed from the
// transport's text.
func Failed(ctx context.Context, service, op string, err error, secrets ...string) *Error {
	msg, cause := Failure(ctx, err)
	return &Error{Service: service, Op: op, Message: Redact(msg, secrets...), Err: cause,
		Retryable: ctx.Err() == nil && !CertificateError(err)}
}

// Response is an HTTP response read whole, so that a client can classify it
// after the connection has gone back to the pool.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}
