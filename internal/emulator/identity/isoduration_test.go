package identity

import (
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
	}
	for in, want := range good {
		got, err := parseISODuration(in)
		if err != nil || got != want {
			t.Errorf("parseISODuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "P", "PT", "P1Y", "P1M", "P1W", "-PT1H", "PT-1H", "1D", "P1DT", "garbage"} {
		if _, err := parseISODuration(in); err == nil {
			t.Errorf("parseISODuration(%q) succeeded, want error", in)
		}
	}
}
