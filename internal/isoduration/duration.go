// Package isoduration parses the ISO 8601 durations Rackspace Identity accepts for a domain's
// password policy: days, hours, minutes and seconds only (PnDTnHnMn.nS), as Java's
// java.time.Duration.parse reads them, minus the negative durations the API rejects. It also
// provides a terraform-plugin-framework string type that validates such durations at plan time
// and compares them by length, so P1D and PT24H are the same value.
package isoduration

import (
	"cmp"
	"strconv"
	"strings"
)

// Duration is a non-negative length of time with nanosecond precision. Its zero value is PT0S.
//
// The fields mirror java.time.Duration (whole seconds plus a nanosecond remainder) so that every
// duration the server can hold is representable here; time.Duration would overflow after about
// 292 years, which the API allows.
type Duration struct {
	seconds int64
	nanos   int32 // always in [0, 999999999]
}

// ParseError reports why a string is not a duration the API accepts.
type ParseError struct {
	// Input is the string given to Parse.
	Input string
	// Reason says what is wrong and what would be valid.
	Reason string
}

// Error returns the quoted input followed by the reason.
func (e *ParseError) Error() string {
	return strconv.Quote(e.Input) + ": " + e.Reason
}

// Parse reads an ISO 8601 duration of days, hours, minutes and seconds, such as P90DT6H30M5S,
// PT0S or pt1.5s. It accepts what java.time.Duration.parse accepts, except any "-" sign: letters
// in either case, an optional "+" before "P" and before each number, and up to nine fraction
// digits on the seconds after "." or ",". Years, months and weeks are rejected, as is a total
// beyond 2^63-1 seconds. A failure is always a *ParseError.
func Parse(s string) (Duration, error) {
	d, reason := scan(s)
	if reason != "" {
		return Duration{}, &ParseError{Input: s, Reason: reason}
	}
	return d, nil
}

// Seconds returns the whole seconds of d.
func (d Duration) Seconds() int64 { return d.seconds }

// Nanos returns the nanoseconds of d beyond its whole seconds, from 0 to 999999999.
func (d Duration) Nanos() int32 { return d.nanos }

// IsZero reports whether d is zero, which the password policy reads as "never expires".
func (d Duration) IsZero() bool { return d == Duration{} }

// Equal reports whether d and o are the same length of time, however they were written.
func (d Duration) Equal(o Duration) bool { return d == o }

// Compare returns -1 if d is shorter than o, 0 if they are equal and +1 if d is longer.
func (d Duration) Compare(o Duration) int {
	if c := cmp.Compare(d.seconds, o.seconds); c != 0 {
		return c
	}
	return cmp.Compare(d.nanos, o.nanos)
}

// String returns the canonical form of d: upper case, days rather than 24 hours, no zero
// components, no trailing fraction zeros, and PT0S for zero. Parse(d.String()) equals d.
//
// Unlike Java's Duration.toString, which never writes days, this keeps days so that a 90-day
// policy reads P90D rather than PT2160H.
func (d Duration) String() string {
	if d.IsZero() {
		return "PT0S"
	}
	days, rest := d.seconds/secondsPerDay, d.seconds%secondsPerDay
	hours, rest := rest/secondsPerHour, rest%secondsPerHour
	minutes, secs := rest/secondsPerMinute, rest%secondsPerMinute

	var b strings.Builder
	b.WriteByte('P')
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	if hours == 0 && minutes == 0 && secs == 0 && d.nanos == 0 {
		return b.String()
	}
	b.WriteByte('T')
	if hours > 0 {
		b.WriteString(strconv.FormatInt(hours, 10) + "H")
	}
	if minutes > 0 {
		b.WriteString(strconv.FormatInt(minutes, 10) + "M")
	}
	if secs > 0 || d.nanos > 0 {
		b.WriteString(strconv.FormatInt(secs, 10))
		if d.nanos > 0 {
			frac := strconv.FormatInt(int64(d.nanos)+1e9, 10)[1:] // zero-padded to nine digits
			b.WriteString("." + strings.TrimRight(frac, "0"))
		}
		b.WriteByte('S')
	}
	return b.String()
}
