package isoduration

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	secondsPerMinute = 60
	secondsPerHour   = 60 * secondsPerMinute
	secondsPerDay    = 24 * secondsPerHour

	// maxFractionDigits is nanosecond precision, the finest java.time.Duration.parse reads.
	maxFractionDigits = 9
)

// hint ends most reasons, so that every error shows a valid duration to copy.
const hint = "use days, hours, minutes and seconds, e.g. P90DT6H30M5S"

// unit is one of the four components Java's Duration.parse knows. rank is the order they must
// appear in, and time says whether the component belongs after "T".
type unit struct {
	name    string
	rank    int
	seconds int64
	time    bool
	example string
}

var (
	unitDays    = unit{"days", 1, secondsPerDay, false, "P1D"}
	unitHours   = unit{"hours", 2, secondsPerHour, true, "PT1H"}
	unitMinutes = unit{"minutes", 3, secondsPerMinute, true, "PT1M"}
	unitSeconds = unit{"seconds", 4, 1, true, "PT1S"}

	unitsByLetter = map[byte]unit{'D': unitDays, 'H': unitHours, 'M': unitMinutes, 'S': unitSeconds}
)

// scanner reads a duration after its leading "P". A failure is a reason, not an error, so Parse
// alone decides how errors look.
type scanner struct {
	s string
	i int

	inTime    bool // "T" has been read
	last      unit // the previous component, for order and duplicate checks
	timeParts int  // components read after "T"

	seconds  int64
	nanos    int32
	overflow bool
}

// scan checks the whole string for spaces and minus signs first, so that each gets one clear
// message wherever it is, then reads the components in order.
func scan(s string) (Duration, string) {
	switch {
	case s == "":
		return Duration{}, "empty string; " + hint
	case strings.ContainsFunc(s, unicode.IsSpace):
		return Duration{}, "whitespace is not allowed; " + hint
	case strings.Contains(s, "-"):
		// Java would accept "-PT0S" or "P-1DT24H" as zero or positive, but a minus sign in a
		// password policy is a mistake or a trick, never something to silently agree with.
		return Duration{}, `a "-" sign is not allowed, as durations can't be negative; ` + hint
	}

	rest := strings.TrimPrefix(s, "+")
	if rest == "" || upper(rest[0]) != 'P' {
		return Duration{}, `must start with "P"; ` + hint
	}
	sc := scanner{s: rest, i: 1}
	for sc.i < len(sc.s) {
		if upper(sc.s[sc.i]) == 'T' {
			if sc.inTime {
				return Duration{}, `"T" appears twice; ` + hint
			}
			sc.inTime = true
			sc.i++
			continue
		}
		if reason := sc.component(); reason != "" {
			return Duration{}, reason
		}
	}

	switch {
	case sc.inTime && sc.timeParts == 0:
		return Duration{}, `"T" must be followed by hours, minutes or seconds, e.g. PT6H or P1DT6H`
	case sc.last.rank == 0:
		return Duration{}, `nothing after "P"; ` + hint
	case sc.overflow:
		// Reported last so that a long number with a syntax error gets the syntax error.
		return Duration{}, "too long; the longest duration allowed is " + maxDurationText + " (2^63-1 seconds)"
	}
	return Duration{seconds: sc.seconds, nanos: sc.nanos}, ""
}

// maxDurationText is the longest duration a java.time.Duration can hold (2^63-1 seconds and
// 999999999 nanoseconds), as Duration.String in the tests writes it.
const maxDurationText = "P106751991167300DT15H30M7.999999999S"

// component reads one number and its unit, such as "30M" or "+5,25S".
func (sc *scanner) component() string {
	start := sc.i
	signed := sc.s[sc.i] == '+'
	if signed {
		sc.i++
	}
	whole := sc.digits()
	if whole == "" {
		return sc.missingNumber(signed)
	}
	var frac string
	hasFrac := sc.i < len(sc.s) && (sc.s[sc.i] == '.' || sc.s[sc.i] == ',')
	if hasFrac {
		sc.i++
		frac = sc.digits()
	}
	number := sc.s[start:sc.i]

	u, reason := sc.unit(number)
	if reason != "" {
		return reason
	}
	switch {
	case u == unitDays && sc.inTime:
		return `days must come before "T", e.g. P1DT6H`
	case u.time && !sc.inTime:
		return fmt.Sprintf(`%s must come after "T", e.g. %s`, u.name, u.example)
	case hasFrac && u != unitSeconds:
		return "only seconds can have a fraction, e.g. PT1.5S; write other fractions in smaller units, e.g. PT1H30M"
	case len(frac) > maxFractionDigits:
		return "at most 9 digits are allowed after the decimal point (nanoseconds), e.g. PT0.000000001S"
	case u == sc.last:
		return fmt.Sprintf("%s are given twice; give each unit at most once, e.g. P90DT6H30M5S", u.name)
	case u.rank < sc.last.rank:
		return fmt.Sprintf("%s must come before %s; write days, hours, minutes and seconds in that order, "+
			"e.g. P90DT6H30M5S", u.name, sc.last.name)
	}

	sc.last = u
	if sc.inTime {
		sc.timeParts++
	}
	sc.add(whole, u.seconds)
	if hasFrac {
		sc.nanos = fractionNanos(frac)
	}
	return ""
}

// unit reads the unit letter after number.
func (sc *scanner) unit(number string) (unit, string) {
	if sc.i == len(sc.s) || upper(sc.s[sc.i]) == 'T' {
		return unit{}, fmt.Sprintf("the number %q has no unit; end it with D, H, M or S, e.g. P1D or PT1H", number)
	}
	c := sc.s[sc.i]
	if !isLetter(c) {
		return unit{}, fmt.Sprintf("unexpected %s after %q; %s", sc.quoteChar(), number, hint)
	}
	sc.i++
	switch upper(c) {
	case 'M':
		if !sc.inTime {
			// ISO 8601 reads M before "T" as months, but the writer may well have meant minutes.
			return unit{}, `years, months and weeks are not allowed ("M" before "T" means months); ` +
				`for minutes put "T" first, e.g. PT30M`
		}
	case 'Y', 'W':
		return unit{}, yearsMonthsWeeks
	}
	if u, ok := unitsByLetter[upper(c)]; ok {
		return u, ""
	}
	return unit{}, fmt.Sprintf("unknown unit %q; use D (days), H (hours), M (minutes) or S (seconds), "+
		"e.g. P90DT6H30M5S", string(c))
}

const yearsMonthsWeeks = "years, months and weeks are not allowed; " + hint

// missingNumber explains why no digits were found where a component should start.
func (sc *scanner) missingNumber(signed bool) string {
	if signed {
		return `"+" must be followed by a number, e.g. P+1D`
	}
	c := sc.s[sc.i]
	switch upper(c) {
	case '.', ',':
		return "a fraction needs a whole number before it, e.g. PT0.5S"
	case 'Y', 'W':
		return yearsMonthsWeeks
	}
	if u, ok := unitsByLetter[upper(c)]; ok {
		return fmt.Sprintf(`%q has no number before it, e.g. %s`, string(c), u.example)
	}
	return fmt.Sprintf("unexpected %s; %s", sc.quoteChar(), hint)
}

// digits reads a run of ASCII digits; Java's [0-9] takes no other digits either.
func (sc *scanner) digits() string {
	start := sc.i
	for sc.i < len(sc.s) && '0' <= sc.s[sc.i] && sc.s[sc.i] <= '9' {
		sc.i++
	}
	return sc.s[start:sc.i]
}

// add adds digits*unitSeconds to the total, noting overflow rather than failing at once.
// ParseInt, like Java's Long.parseLong, lets leading zeros never overflow; digits holds only
// ASCII digits, so its one possible error is a number out of range.
func (sc *scanner) add(digits string, unitSeconds int64) {
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > math.MaxInt64/unitSeconds || sc.seconds > math.MaxInt64-n*unitSeconds {
		sc.overflow = true
		return
	}
	sc.seconds += n * unitSeconds
}

// fractionNanos reads up to nine fraction digits as nanoseconds: "5" is 500000000. frac holds
// only ASCII digits, at most nine, so the padded string always parses.
func fractionNanos(frac string) int32 {
	n, _ := strconv.ParseInt((frac + "000000000")[:maxFractionDigits], 10, 32)
	return int32(n)
}

// quoteChar quotes the character at the scanner's position, or its first byte when that is not
// valid UTF-8, so the message shows exactly what was typed.
func (sc *scanner) quoteChar() string {
	_, size := utf8.DecodeRuneInString(sc.s[sc.i:])
	return fmt.Sprintf("%q", sc.s[sc.i:sc.i+size])
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// upper folds ASCII letters only: Java's CASE_INSENSITIVE without UNICODE_CASE does the same,
// so "ſ" (long s) is not "S".
func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
