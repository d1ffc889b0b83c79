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

// Retry is a client's retry budget: Max retries after the first attempt,
// waits between WaitMin and WaitMax, which also caps a wait the server asks
// for so that one answer cannot stall a caller for hours.
type Retry struct {
	Max              int
	WaitMin, WaitMax time.Duration
}

// WithDefaults: a zero Max selects def.Max and a negative one none, a wait
// that is not positive selects def's, and WaitMax is at least WaitMin.
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

// TransientStatus reports 429 and the 5xx that may heal by themselves
// (not 501 or 505).
func TransientStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// RetryAfter reads the Retry-After header, in delta-seconds or as an
// HTTP-date measured against ServerNow.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	return ParseWait(v, ServerNow(h, now), http.ParseTime)
}

// ServerNow is the response's Date, or now when it has none, so that a
// skewed local clock does not distort a wait given as a date.
func ServerNow(h http.Header, now time.Time) time.Time {
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		return d
	}
	return now
}

// ParseWait reads a wait as non-negative delta-seconds or a date in
// parseDate's format (APIs that put it in a body use their own), from ref.
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

// seconds clamps rather than overflow into a negative wait.
func seconds(secs int64) time.Duration {
	const limit = int64(1<<63-1) / int64(time.Second)
	return time.Duration(min(secs, limit)) * time.Second
}

// jittered returns a wait in [d/2, d], d = waitMin·2^attempt capped at
// waitMax: jittered so that clients don't return in step, at least half so
// that each retry still backs off.
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

// FullJitter returns a wait in [0, waitMin·2^retry] capped at waitMax: it
// spreads clients throttled together further than jittered does.
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

// CertificateError reports a failure to trust the server's certificate.
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

// retryableConnError is false for what no wait fixes: an untrusted
// certificate or a redirect loop, which net/http reports only as text.
func retryableConnError(err error) bool {
	return !CertificateError(err) && !strings.Contains(err.Error(), "stopped after")
}

// ErrorText is err's text without the *url.Error's method and URL.
func ErrorText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}
