package identity

import (
	"math"
	"testing"
	"time"
)

func TestParseISODuration(t *testing.T) {
	good := map[string]time.Duration{
		"P90DT6H30M5S": 90*24*time.Hour + 6*time.Hour + 30*time.Minute + 5*time.Second,
		"P1D":          24 * time.Hour,
		"PT24H":        24 * time.Hour,
		"PT0S":         0,
		"PT0M":         0,
		"pt1.5s":       1500 * time.Millisecond,
		"PT15M":        15 * time.Minute,
		// Signs and forms java.time.Duration.parse also accepts.
		"+PT1H":     time.Hour,
		"PT+1H":     time.Hour,
		"PT1H-30M":  30 * time.Minute,
		"-P-1D":     24 * time.Hour,
		"-PT0S":     0,
		"PT1,5S":    1500 * time.Millisecond,
		"PT1.S":     time.Second,
		"P200000D":  time.Duration(math.MaxInt64), // valid in Java, capped here
		"PT0.0001S": 100 * time.Microsecond,
	}
	for in, want := range good {
		got, err := parseISODuration(in)
		if err != nil || got != want {
			t.Errorf("parseISODuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "P1Y", "P1M", "P1W", "-PT1H", "PT-1H", "1D", "P1DT", "garbage",
		"P-1D", "PT-0.5S", "-PT1M30S", "PT1H-61M", "P1D1H", "PT1S1M", "PT1.1234567891S", "P9999999999999999999D", "P106751991167301D", " PT1H"} {
		if _, err := parseISODuration(in); err == nil {
			t.Errorf("parseISODuration(%q) succeeded, want error", in)
		}
	}
}
