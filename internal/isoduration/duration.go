// Package isoduration parses the ISO 8601 durations Rackspace Identity accepts for a domain's
// password policy: days, hours, minutes and seconds only (PnDTnHnMn.nS), as Java's
// java.time.Duration.parse reads them, minus the negative durations the API rejects. It also
// provides a terraform-plugin-framework string type that validates such durations at plan time
// and compares them by length, so P1D and PT24H are the same value.
package isoduration

import (
	"math"
	"strconv"
	"time"
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

// Std returns d as a time.Duration, and false when d is longer than a time.Duration holds
// (about 292 years).
func (d Duration) Std() (time.Duration, bool) {
	if d.seconds > (math.MaxInt64-int64(d.nanos))/int64(time.Second) {
		return 0, false
	}
	return time.Duration(d.seconds)*time.Second + time.Duration(d.nanos), true
}
