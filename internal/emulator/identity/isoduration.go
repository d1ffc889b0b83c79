package identity

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"time"
)

// isoDurationRE matches what java.time.Duration.parse accepts without signs:
// days, hours, minutes and (fractional) seconds. Years, months and weeks are
// not durations to Identity.
var isoDurationRE = regexp.MustCompile(`^[Pp](?:(\d+)[Dd])?(?:[Tt](?:(\d+)[Hh])?(?:(\d+)[Mm])?(?:(\d+)(?:[.,](\d{1,9}))?[Ss])?)?$`)

// parseISODuration is the emulator's own small parser for password-policy
// durations such as P90DT6H30M5S.
func parseISODuration(s string) (time.Duration, error) {
	m := isoDurationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, errors.New("not an ISO-8601 duration of days, hours, minutes and seconds")
	}
	hasT := containsT(s)
	if m[1] == "" && m[2] == "" && m[3] == "" && m[4] == "" {
		return 0, errors.New("duration has no components")
	}
	if hasT && m[2] == "" && m[3] == "" && m[4] == "" {
		return 0, errors.New("duration has a T with no time components")
	}
	units := []time.Duration{24 * time.Hour, time.Hour, time.Minute, time.Second}
	var total float64
	for i, u := range units {
		if m[i+1] == "" {
			continue
		}
		n, err := strconv.ParseInt(m[i+1], 10, 64)
		if err != nil {
			return 0, errors.New("duration component too large")
		}
		total += float64(n) * float64(u)
	}
	if m[5] != "" {
		frac, _ := strconv.ParseFloat("0."+m[5], 64)
		total += frac * float64(time.Second)
	}
	if total > math.MaxInt64 {
		return 0, errors.New("duration too large")
	}
	return time.Duration(total), nil
}

func containsT(s string) bool {
	for _, r := range s {
		if r == 'T' || r == 't' {
			return true
		}
	}
	return false
}
