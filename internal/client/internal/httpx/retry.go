package httpx

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Retry is a client's retry budget and the bounds of its backoff.
type Retry struct {
	// Max is the number of retries after the first attempt.
	Max int
	// WaitMin and WaitMax bound the backoff; WaitMax also caps any wait the
	// server asks for, so that one answer cannot stall a caller for hours.
	WaitMin time.Duration
	WaitMax time.Duration
}

// WithDefaults applies the convention every client's Config documents:
// a zero Max selects def.Max and a negative one disables retries, a wait
// that is not positive selects def's, and WaitMax is never below WaitMin.
func (r Retry) WithDefaults(def Retry) Retry {
	switch {
	case r.Max == 0:
		r.Max = def.Max
	case r.Max < 0:
		r.Max = 0
	}
	if r.WaitMin <= 0 {
		r.WaitMin = def.WaitMin
	}
	if r.WaitMax <= 0 {
		r.WaitMax = def.WaitMax
	}
	r.WaitMax = max(r.WaitMax, r.WaitMin)
	return r
}

// TransientStatus reports the statuses that may heal by themselves: 429 and
// the transient 5xx. A 501 or 505 is an answer; repeating the request gets
// it again.
func TransientStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// RetryAfter reads the server's requested wait from the Retry-After header,
// in delta-seconds or as an HTTP-date. A date is measured against the
// response's Date header when there is one, so that a skewed local clock
// does not distort it.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	return ParseWait(v, ServerNow(h, now), http.ParseTime)
}

// ServerNow is the response's Date, or now when it has none: the clock a
// wait given as a point in time is measured against.
func ServerNow(h http.Header, now time.Time) time.Time {
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		return d
	}
	return now
}

// ParseWait reads a wait given as non-negative delta-seconds or as a point
// in time that parseDate understands, measured from ref; a time in the past
// is no wait. APIs that put their wait in a body use the same two forms in
// their own date format, hence parseDate.
func ParseWait(v string, ref time.Time, parseDate func(string) (time.Time, error)) (time.Duration, bool) {
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return seconds(secs), true
	}
	at, err := parseDate(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(ref), 0), true
}

// seconds converts whole seconds to a Duration, clamped to the longest
// Duration of whole seconds rather than overflowing into a negative wait.
func seconds(secs int64) time.Duration {
	const limit = int64(1<<63-1) / int64(time.Second)
	return time.Duration(min(secs, limit)) * time.Second
}

// jittered returns a wait in [d/2, d] where d = waitMin·2^attempt, capped at
// waitMax: exponential so that a struggling server gets room, jittered so
// that many clients don't return in step, and never less than half the
// step so that each retry still backs off.
func jittered(waitMin, waitMax time.Duration, attempt int) time.Duration {
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

// FullJitter returns a wait drawn uniformly from [0, d], where
// d = waitMin·2^retry capped at waitMax. It spreads clients throttled
// together further apart than jittered does, at the price of an occasional
// short wait.
func FullJitter(waitMin, waitMax time.Duration, retry int) time.Duration {
	d := waitMin
	for i := 0; i < retry && d < waitMax; i++ {
		d *= 2
	}
	d = min(d, waitMax)
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// CertificateError reports a failure to trust the server's certificate,
// which no wait can fix.
func CertificateError(err error) bool {
	var (
		verifyErr   *tls.CertificateVerificationError
		authority   x509.UnknownAuthorityError
		hostname    x509.HostnameError
		invalidCert x509.CertificateInvalidError
	)
	return errors.As(err, &verifyErr) || errors.As(err, &authority) ||
		errors.As(err, &hostname) || errors.As(err, &invalidCert)
}

// retryableConnError is false for connection failures no wait can fix: an
// untrusted certificate or a redirect loop.
func retryableConnError(err error) bool {
	if CertificateError(err) {
		return false
	}
	// net/http reports a redirect loop only as text.
	return !strings.Contains(err.Error(), "stopped after")
}

// ErrorText is err's text without the *url.Error wrapping, whose method and
// URL every caller's message already implies.
func ErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
