package acronis

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// checkRetry retries what may heal by itself: connection failures, 429 and
// the transient 5xx. Everything else (400, 401, 403, 404, 415, ...) is an
// answer that a repeat would only get again; a 401 is handled a level up,
// where a new token can be fetched first.
func (r *retrier) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		retry := retryableConnError(err)
		r.logger.Debug(ctx, "acronis request failed", map[string]any{
			"op":        opOf(ctx),
			"error":     connErrorText(err),
			"retryable": retry,
		})
		return retry, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// retryableConnError is false for failures no wait can fix: an untrusted
// certificate or a redirect loop.
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

// backoff waits as long as the server asked, capped at waitMax, or else a
// capped exponential delay with jitter so that many clients don't return in
// step.
func (r *retrier) backoff(waitMin, waitMax time.Duration, attempt int, resp *http.Response) time.Duration {
	wait, fromServer := time.Duration(0), false
	if resp != nil {
		wait, fromServer = retryAfter(resp.Header, time.Now())
	}
	if fromServer {
		wait = min(wait, waitMax)
	} else {
		wait = jitteredBackoff(waitMin, waitMax, attempt)
	}
	if resp != nil && resp.Request != nil {
		ctx := resp.Request.Context()
		r.logger.Debug(ctx, "acronis retry", map[string]any{
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

// retryAfter reads the server's requested wait from the Retry-After header,
// in delta-seconds or as an HTTP-date. A date is measured against the
// response's Date header when there is one, so that a skewed local clock
// does not distort it.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		const limit = int64(1<<63-1) / int64(time.Second)
		return time.Duration(min(secs, limit)) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	ref := now
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		ref = d
	}
	return max(at.Sub(ref), 0), true
}
