package cloudsso

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	util "github.com/alibabacloud-go/tea-utils/v2/service"
	"github.com/alibabacloud-go/tea/tea"
	"golang.org/x/time/rate"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// newLimiter allows rps calls per second with a burst of one, so that no
// second-long window ever holds more than rps+1 calls.
func newLimiter(rps float64) *rate.Limiter {
	switch {
	case rps < 0:
		return rate.NewLimiter(rate.Inf, 1)
	case rps == 0:
		rps = defaultRequestsPerSecond
	}
	return rate.NewLimiter(rate.Limit(rps), 1)
}

// call performs one API action with query parameters and decodes the JSON
// body of its answer into out. Each attempt first waits for the rate
// limiter; throttling, server errors and connection failures are retried
// with capped, jittered exponential backoff until RetryMax retries are used,
// the operation's time runs out or ctx ends. Every action this package calls is idempotent, so repeating
// one whose answer was lost does no harm.
func (c *Client) call(ctx context.Context, op string, query map[string]string, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.opTimeout)
	defer cancel()
	// What every generated CloudSSO SDK sends for these actions: RPC style,
	// POST to the root, API parameters in the query, a JSON answer. With no
	// SignatureAlgorithm configured DARA signs with ACS3-HMAC-SHA256.
	params := &openapi.Params{
		Action:      tea.String(op),
		Version:     tea.String(apiVersion),
		Protocol:    tea.String("HTTPS"), // Config.Protocol overrides it
		Pathname:    tea.String("/"),
		Method:      tea.String("POST"),
		AuthType:    tea.String("AK"),
		Style:       tea.String("RPC"),
		ReqBodyType: tea.String("formData"),
		BodyType:    tea.String("json"),
	}
	// DARA's V3 path retries only by its Config.RetryOptions, left nil;
	// Autoretry off also keeps its older V1 path from retrying, should a
	// future setting ever select it.
	runtime := &util.RuntimeOptions{Autoretry: tea.Bool(false)}

	var last *Error
	for n := 1; ; n++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return c.abandoned(ctx, op, last, n-1)
		}
		a := &attempt{op: op, n: n}
		req := &openapi.OpenApiRequest{Query: teaStrings(query)}
		dc, err := c.dara.get()
		if err != nil {
			return &Error{Service: APIName, Op: op, Message: "preparing the request: " + httpx.Redact(err.Error(), c.secrets...), Err: err}
		}
		res, err := dc.CallApiWithCtx(withAttempt(ctx, a), params, req, runtime)
		c.dara.put(dc)
		if err == nil {
			return c.decode(op, a, res, out)
		}
		e := c.callError(ctx, op, err, a)
		if ctx.Err() != nil && e.Status == 0 && last != nil {
			// Cut off in flight while retrying: the answer that made the
			// retry necessary says more than the cut itself.
			return c.abandoned(ctx, op, last, n)
		}
		e.Attempts = n
		last = e
		c.logger.Debug(ctx, "cloudsso error", map[string]any{
			"op":         op,
			"attempt":    n,
			"status":     e.Status,
			"code":       e.Code,
			"request_id": e.RequestID,
			"kind":       e.Kind.String(),
			"retryable":  e.Retryable,
		})
		if !e.Retryable || n > c.retry.Max || ctx.Err() != nil {
			return e
		}
		wait, fromServer := c.backoff(n, a.header)
		c.logger.Debug(ctx, "cloudsso retry", map[string]any{
			"op":          op,
			"attempt":     n,
			"wait":        wait.String(),
			"retry_after": fromServer,
		})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return c.abandoned(ctx, op, last, n)
		case <-t.C:
		}
	}
}

// abandoned is the error of a call whose context ended, or would end, before
// its next attempt. The last attempt's error, if any, says why retrying was
// needed; Unwrap gives the context's error.
func (c *Client) abandoned(ctx context.Context, op string, last *Error, attempts int) *Error {
	cause := ctx.Err()
	if cause == nil {
		// rate.Limiter.Wait fails early when the wait would pass the
		// deadline, before the context itself ends.
		cause = context.DeadlineExceeded
	}
	if last == nil {
		return &Error{Service: APIName, Op: op, Message: "request abandoned while waiting for the client-side rate limit: " + cause.Error(), Err: cause}
	}
	e := *last
	e.Attempts = attempts
	e.Retryable = false
	e.Hint = "gave up retrying: " + cause.Error()
	e.Err = cause
	return &e
}

// decode reads the body of a successful answer into out.
func (c *Client) decode(op string, a *attempt, res map[string]any, out any) error {
	fail := func(msg string, err error) error {
		return &Error{Service: APIName, Op: op, Status: a.status, Message: "unexpected response: " + msg, Err: err}
	}
	body, ok := res["body"].(map[string]any)
	if !ok {
		return fail("the body is not a JSON object", nil)
	}
	// DARA hands the body over as a generic map; a round trip through JSON
	// decodes it with the struct tags of out.
	raw, err := json.Marshal(body)
	if err != nil {
		return fail(err.Error(), err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fail(err.Error(), err)
	}
	return nil
}

func teaStrings(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = tea.String(v)
	}
	return out
}

// backoff returns the wait before attempt n+1: what the server asked for
// with Retry-After, capped at RetryWaitMax, or else a full-jitter
// exponential delay, so that clients throttled together don't return
// together.
func (c *Client) backoff(n int, h http.Header) (time.Duration, bool) {
	if d, ok := httpx.RetryAfter(h, time.Now()); ok {
		return min(d, c.retry.WaitMax), true
	}
	return httpx.FullJitter(c.retry.WaitMin, c.retry.WaitMax, n-1), false
}
