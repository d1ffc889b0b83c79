package rackspace

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// checkRetry retries what may heal by itself: connection failures, Repose's
// 413 overLimit, 429 and the transient 5xx. Everything else (400, 401, 403,
// 404, ...) is an answer, and repeating a rejected credential or passcode
// would only bring the account closer to a lockout.
func (t *transport) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		retry := retryableConnError(err)
		t.logger.Debug(ctx, "rackspace identity request failed", map[string]any{
			"op":        opOf(ctx),
			"error":     connErrorText(err),
			"retryable": retry,
		})
		return retry, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		bufferBody(resp)
		return true, nil
	case http.StatusRequestEntityTooLarge:
		return isOverLimit(resp.Header, bufferBody(resp)), nil
	}
	return false, nil
}

// isOverLimit tells Repose's rate-limit 413 from a genuine "request too
// large", which no amount of waiting fixes.
func isOverLimit(h http.Header, body []byte) bool {
	if h.Get("Retry-After") != "" {
		return true
	}
	key, _ := faultKey(body)
	return key == "overLimit"
}

func retryableConnError(err error) bool {
	var (
		verifyErr   *tls.CertificateVerificationError
		authority   x509.UnknownAuthorityError
		hostname    x509.HostnameError
		invalidCert x509.CertificateInvalidError
	)
	if errors.As(err, &verifyErr) || errors.As(err, &authority) ||
		errors.As(err, &hostname) || errors.As(err, &invalidCert) {
		return false
	}
	// net/http reports a redirect loop only as text.
	return !strings.Contains(err.Error(), "stopped after")
}

func connErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// backoff waits as long as the server asked, capped at waitMax, or else a capped
// exponential delay with jitter so that many clients don't return in step.
func (t *transport) backoff(waitMin, waitMax time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, fromServer := time.Duration(0), false
	if resp != nil {
		wait, fromServer = retryAfter(resp, time.Now())
	}
	if fromServer {
		wait = min(wait, waitMax)
	} else {
		wait = jitteredBackoff(waitMin, waitMax, attempt)
	}
	if resp != nil && resp.Request != nil {
		ctx := resp.Request.Context()
		t.logger.Debug(ctx, "rackspace identity retry", map[string]any{
			"op":          opOf(ctx),
			"status":      resp.StatusCode,
			"wait":        wait.String(),
			"retry_after": fromServer,
		})
	}
	return wait
}

// jitteredBackoff returns a wait in [d/2, d] where d = waitMin·2^attempt,
// capped at waitMax.
func jitteredBackoff(waitMin, waitMax time.Duration, attempt int) time.Duration {
	d := waitMin
	for i := 0; i < attempt && d > 0 && d < waitMax; i++ {
		d *= 2
	}
	if d <= 0 || d > waitMax {
		d = waitMax
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// retryAfter reads the server's requested wait from the Retry-After header
// (delta-seconds or HTTP-date) or, failing that, the overLimit body's
// retryAfter timestamp. Dates are measured against the response's Date
// header when present, so that a skewed local clock does not distort them.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	ref := now
	if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		ref = d
	}
	if v := strings.TrimSpace(resp.Header.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
			return secondsToDuration(secs), true
		}
		if at, err := http.ParseTime(v); err == nil {
			return max(at.Sub(ref), 0), true
		}
	}
	if b, ok := resp.Body.(*bufferedBody); ok {
		if v, ok := bodyRetryAfter(b.data); ok {
			if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
				return secondsToDuration(secs), true
			}
			if at, err := parseTime(v); err == nil {
				return max(at.Sub(ref), 0), true
			}
		}
	}
	return 0, false
}

func secondsToDuration(secs int64) time.Duration {
	const limit = int64(1<<63-1) / int64(time.Second)
	if secs > limit {
		secs = limit
	}
	return time.Duration(secs) * time.Second
}

// bodyRetryAfter finds retryAfter (or fault.xsd's retryAt) in a fault body
// such as {"overLimit": {"code": 413, "retryAfter": "2024-01-02T03:04:05Z"}}.
func bodyRetryAfter(body []byte) (string, bool) {
	_, inner := faultKey(body)
	if inner == nil {
		return "", false
	}
	var f struct {
		RetryAfter string `json:"retryAfter"`
		RetryAt    string `json:"retryAt"`
	}
	if json.Unmarshal(inner, &f) != nil {
		return "", false
	}
	switch {
	case f.RetryAfter != "":
		return strings.TrimSpace(f.RetryAfter), true
	case f.RetryAt != "":
		return strings.TrimSpace(f.RetryAt), true
	}
	return "", false
}
