package httpx

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// longestRetryAfter is the longest time.Duration of whole seconds, which
// a huge Retry-After is clamped to.
const longestRetryAfter = time.Duration(1<<63-1) - time.Duration(1<<63-1)%time.Second

// TestRetryAfterParsing holds the cases of the acronis and cloudsso tests
// this function came from (acronis's were a superset).
func TestRetryAfterParsing(t *testing.T) {
	date := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	now := date.Add(time.Hour) // a skewed local clock; the Date header wins
	tests := []struct {
		name   string
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{"delta seconds", map[string]string{"Retry-After": "7"}, 7 * time.Second, true},
		{"zero", map[string]string{"Retry-After": "0"}, 0, true},
		{"huge", map[string]string{"Retry-After": "99999999999999999"}, longestRetryAfter, true},
		{"http date against Date", map[string]string{"Date": date.Format(http.TimeFormat), "Retry-After": date.Add(3 * time.Second).Format(http.TimeFormat)}, 3 * time.Second, true},
		{"http date in the past", map[string]string{"Date": date.Format(http.TimeFormat), "Retry-After": date.Add(-time.Minute).Format(http.TimeFormat)}, 0, true},
		{"http date against now", map[string]string{"Retry-After": now.Add(2 * time.Second).Format(http.TimeFormat)}, 2 * time.Second, true},
		{"garbage", map[string]string{"Retry-After": "soon"}, 0, false},
		{"negative", map[string]string{"Retry-After": "-5"}, 0, false},
		{"none", nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got, ok := RetryAfter(h, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("RetryAfter = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestParseWaitOwnDateFormat: a wait in a body comes in the API's own date
// format, measured from the reference the caller passes.
func TestParseWaitOwnDateFormat(t *testing.T) {
	ref := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	rfc3339 := func(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"12", 12 * time.Second, true},
		{"2024-01-02T03:04:15Z", 10 * time.Second, true},
		{"2024-01-01T00:00:00Z", 0, true},
		{"-1", 0, false},
		{"", 0, false},
		{"Tue, 02 Jan 2024 03:04:15 GMT", 0, false}, // not this API's format
	}
	for _, tt := range tests {
		if got, ok := ParseWait(tt.v, ref, rfc3339); got != tt.want || ok != tt.ok {
			t.Errorf("ParseWait(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestServerNow(t *testing.T) {
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	date := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	if got := ServerNow(http.Header{"Date": {date.Format(http.TimeFormat)}}, now); !got.Equal(date) {
		t.Errorf("with Date: %v", got)
	}
	for _, h := range []http.Header{{}, {"Date": {"yesterday"}}} {
		if got := ServerNow(h, now); !got.Equal(now) {
			t.Errorf("%v: %v, want now", h, got)
		}
	}
}

// TestJitteredBackoffBounds is the test rackspace and acronis each had for
// their copy, with both clients' default bounds.
func TestJitteredBackoffBounds(t *testing.T) {
	waitMin, waitMax := 500*time.Millisecond, 30*time.Second
	for attempt := 0; attempt < 70; attempt++ {
		d := min(waitMin<<min(attempt, 20), waitMax)
		for range 50 {
			got := jittered(waitMin, waitMax, attempt)
			if got < d/2 || got > d {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, got, d/2, d)
			}
		}
	}
}

// TestFullJitterBounds: every wait lies in [0, min(waitMin·2^retry,
// waitMax)], the cap holds for any retry count, and waits vary. The bounds
// are cloudsso's defaults.
func TestFullJitterBounds(t *testing.T) {
	waitMin, waitMax := 200*time.Millisecond, 10*time.Second
	for retry := range 80 {
		ceiling := waitMax
		if retry < 20 {
			ceiling = min(waitMin<<retry, waitMax)
		}
		seen := map[time.Duration]bool{}
		for range 200 {
			got := FullJitter(waitMin, waitMax, retry)
			if got < 0 || got > ceiling {
				t.Fatalf("retry %d: %v outside [0, %v]", retry, got, ceiling)
			}
			seen[got] = true
		}
		if len(seen) < 100 {
			t.Errorf("retry %d: only %d distinct waits in 200", retry, len(seen))
		}
	}
	if got := FullJitter(0, 0, 3); got != 0 {
		t.Errorf("zero bounds: %v", got)
	}
}

func TestRetryWithDefaults(t *testing.T) {
	def := Retry{Max: 4, WaitMin: 500 * time.Millisecond, WaitMax: 30 * time.Second}
	tests := []struct {
		in, want Retry
	}{
		{Retry{}, def},
		{Retry{Max: -1}, Retry{Max: 0, WaitMin: def.WaitMin, WaitMax: def.WaitMax}},
		{Retry{Max: 2, WaitMin: time.Millisecond, WaitMax: time.Second}, Retry{Max: 2, WaitMin: time.Millisecond, WaitMax: time.Second}},
		{Retry{WaitMin: -time.Second, WaitMax: -time.Second}, def},
		// WaitMax is raised to WaitMin, never the other way round.
		{Retry{WaitMin: time.Minute, WaitMax: time.Second}, Retry{Max: 4, WaitMin: time.Minute, WaitMax: time.Minute}},
		{Retry{WaitMin: time.Minute}, Retry{Max: 4, WaitMin: time.Minute, WaitMax: time.Minute}},
	}
	for _, tt := range tests {
		if got := tt.in.WithDefaults(def); got != tt.want {
			t.Errorf("%+v.WithDefaults = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestTransientStatus(t *testing.T) {
	for status := 100; status < 600; status++ {
		want := status == 429 || status == 500 || status == 502 || status == 503 || status == 504
		if got := TransientStatus(status); got != want {
			t.Errorf("TransientStatus(%d) = %v", status, got)
		}
	}
}

func TestConnErrors(t *testing.T) {
	redirects := &url.Error{Op: "Get", URL: "http://x/", Err: errors.New("stopped after 10 redirects")}
	refused := &url.Error{Op: "Get", URL: "http://x/", Err: errors.New("dial tcp: connection refused")}
	cert := &url.Error{Op: "Get", URL: "https://x/", Err: fmt.Errorf("tls: %w", x509.UnknownAuthorityError{})}
	if !retryableConnError(refused) || retryableConnError(redirects) || retryableConnError(cert) {
		t.Error("retryableConnError: refused should be retried, a redirect loop and a certificate not")
	}
	if !CertificateError(cert) || CertificateError(refused) || CertificateError(redirects) {
		t.Error("CertificateError")
	}
	if got := ErrorText(refused); got != "dial tcp: connection refused" {
		t.Errorf("ErrorText = %q", got)
	}
	if got := ErrorText(errors.New("plain")); got != "plain" {
		t.Errorf("ErrorText = %q", got)
	}
}
