package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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

// HTTPClient returns hc, or when it is nil a client whose timeout bounds one
// attempt (the caller's context bounds the whole request). The new client
// has a transport of its own: retryablehttp closes idle connections after
// failures, which should not touch the process-wide default.
func HTTPClient(hc *http.Client, attemptTimeout time.Duration) *http.Client {
	if hc != nil {
		return hc
	}
	hc = &http.Client{Timeout: attemptTimeout}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		tr := dt.Clone()
		tr.MaxIdleConnsPerHost = MaxIdleConnsPerHost
		hc.Transport = tr
	}
	return hc
}

// MaxIdleConnsPerHost is how many idle connections a client keeps to its API. Go's default
// of 2 made each request beyond the second of a parallel batch (Terraform runs 10 at a time by
// default) dial a new connection and close it afterwards; measured on 500 Acronis tenants, that
// churn cost about a quarter of an apply's time. 100 covers any usual -parallelism.
const MaxIdleConnsPerHost = 100

// Response is an HTTP response read whole, so that a client can classify it
// after the connection has gone back to the pool.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// ReadResponse reads resp's body, at most limit bytes since a client has no
// use for more than an API ever sends. Closing the body is left to the
// caller, next to the request it made.
func ReadResponse(resp *http.Response, limit int64) (*Response, error) {
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit))
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}, nil
}
