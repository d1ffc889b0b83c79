package identity

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"time"
)

// isoDurationRE is java.time.Duration.parse's grammar, which Identity uses:
// no years, months or weeks; each part signed; letters in either case.
var isoDurationRE = regexp.MustCompile(`^([-+]?)[Pp](?:([-+]?\d+)[Dd])?([Tt](?:([-+]?\d+)[Hh])?(?:([-+]?\d+)[Mm])?(?:([-+]?\d+)(?:[.,](\d{0,9}))?[Ss])?)?$`)

// parseISODuration refuses negative results as Identity does, and caps what
// time.Duration cannot hold (Java accepts it; it never expires in practice).
func parseISODuration(s string) (time.Duration, error) {
	m := isoDurationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, errors.New("not an ISO-8601 duration of days, hours, minutes and seconds")
	}
	if len(m[3]) == 1 {
		return 0, errors.New("duration has a T with no time components")
	}
	if m[2] == "" && m[3] == "" {
		return 0, errors.New("duration has no components")
	}
	// Java adds whole seconds with overflow checks on a long; so does this.
	var secs int64
	for _, c := range []struct {
		text    string
		perUnit int64
	}{{m[2], 86400}, {m[4], 3600}, {m[5], 60}, {m[6], 1}} {
		if c.text == "" {
			continue
		}
		n, err := strconv.ParseInt(c.text, 10, 64)
		if err != nil || n > math.MaxInt64/c.perUnit || n < math.MinInt64/c.perUnit {
			return 0, errors.New("duration component too large")
		}
		if secs, err = addExact(secs, n*c.perUnit); err != nil {
			return 0, err
		}
	}
	var nanos int64
	if m[7] != "" {
		frac, _ := strconv.ParseInt((m[7] + "000000000")[:9], 10, 64)
		nanos = frac
		// The fraction takes the sign of its seconds, "-0.5" included.
		if m[6] != "" && m[6][0] == '-' {
			nanos = -frac
		}
	}
	if m[1] == "-" {
		secs, nanos = -secs, -nanos
	}
	if secs < 0 || (secs == 0 && nanos < 0) {
		return 0, errors.New("duration is negative")
	}
	if secs >= math.MaxInt64/int64(time.Second) {
		return time.Duration(math.MaxInt64), nil
	}
	return time.Duration(secs)*time.Second + time.Duration(nanos), nil
}

func addExact(a, b int64) (int64, error) {
	c := a + b
	if (b > 0 && c < a) || (b < 0 && c > a) {
		return 0, errors.New("duration too large")
	}
	return c, nil
}
