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

// newLimiter's burst of one keeps any second-long window to rps+1 calls.
func newLimiter(rps float64) *rate.Limiter {
	switch {
	case rps < 0:
		return rate.NewLimiter(rate.Inf, 1)
	case rps == 0:
		rps = defaultRequestsPerSecond
	}
	return rate.NewLimiter(rate.Limit(rps), 1)
}

// call performs one API action and decodes its answer into out. Every
// action this package calls is idempotent, so repeating one whose answer
// was lost does no harm.
func (c *Client) call(ctx context.Context, op string, query map[string]string, out any) error {
	ctx, cancel := context.WithTimeout(ctx, c.opTimeout)
	defer cancel()
	// What every generated CloudSSO SDK sends for these actions.
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
	// Autoretry off keeps DARA's V1 path from retrying too.
	runtime := &util.RuntimeOptions{Autoretry: tea.Bool(false)}

	var last *Error
	for n := 1; ; n++ {
		if err := c.limiter.Wait(ctx); err != nil {
			return c.abandoned(ctx, op, last, n-1)
		}
		a := &attempt{op: op, n: n}
		req := &openapi.OpenApiRequest{Query: tea.Merge(query)}
		dc, err := c.dara.get()
		if err != nil {
			return &Error{Service: APIName, Op: op, Message: "preparing the request: " + httpx.Redact(err.Error(), c.secrets...), Err: err}
		}
		res, err := dc.CallApiWithCtx(context.WithValue(ctx, attemptKey{}, a), params, req, runtime)
		c.dara.put(dc)
		if err == nil {
			return c.decode(op, a, res, out)
		}
		e := c.callError(ctx, op, err, a)
		if ctx.Err() != nil && e.Status == 0 && last != nil {
			// The answer that made the retry necessary says more.
			return c.abandoned(ctx, op, last, n)
		}
		e.Attempts = n
		last = e
		c.logger.Debug(ctx, "cloudsso error", map[string]any{"op": op, "attempt": n, "status": e.Status,
			"code": e.Code, "request_id": e.RequestID, "kind": e.Kind.String(), "retryable": e.Retryable})
		if !e.Retryable || n > c.retry.Max || ctx.Err() != nil {
			return e
		}
		wait, fromServer := c.backoff(n, a.header)
		c.logger.Debug(ctx, "cloudsso retry",
			map[string]any{"op": op, "attempt": n, "wait": wait.String(), "retry_after": fromServer})
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return c.abandoned(ctx, op, last, n)
		case <-t.C:
		}
	}
}

func (c *Client) abandoned(ctx context.Context, op string, last *Error, attempts int) *Error {
	cause := ctx.Err()
	if cause == nil {
		// rate.Limiter.Wait fails before a deadline it would pass.
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

func (c *Client) decode(op string, a *attempt, res map[string]any, out any) error {
	fail := func(msg string, err error) error {
		return &Error{Service: APIName, Op: op, Status: a.status, Message: "unexpected response: " + msg, Err: err}
	}
	body, ok := res["body"].(map[string]any)
	if !ok {
		return fail("the body is not a JSON object", nil)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return fail(err.Error(), err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fail(err.Error(), err)
	}
	return nil
}

func (c *Client) backoff(n int, h http.Header) (time.Duration, bool) {
	if d, ok := httpx.RetryAfter(h, time.Now()); ok {
		return min(d, c.retry.WaitMax), true
	}
	return httpx.FullJitter(c.retry.WaitMin, c.retry.WaitMax, n-1), false
}
