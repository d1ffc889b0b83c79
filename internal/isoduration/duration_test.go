package isoduration

import (
	"errors"
	"math"
	"testing"
)

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in        string
		seconds   int64
		nanos     int32
		canonical string
	}{
		{"P90DT6H30M5S", 90*86400 + 6*3600 + 30*60 + 5, 0, "P90DT6H30M5S"},
		{"PT0S", 0, 0, "PT0S"},
		{"PT0M", 0, 0, "PT0S"},
		{"P0D", 0, 0, "PT0S"},
		{"PT0.0S", 0, 0, "PT0S"},
		{"P1D", 86400, 0, "P1D"},
		{"p1d", 86400, 0, "P1D"},
		{"pt1h30m", 5400, 0, "PT1H30M"},
		{"P1dT2h3M4s", 93784, 0, "P1DT2H3M4S"},
		{"PT24H", 86400, 0, "P1D"},
		{"PT90M", 5400, 0, "PT1H30M"},
		{"PT86401S", 86401, 0, "P1DT1S"},
		{"PT15M", 900, 0, "PT15M"},
		{"PT1.5S", 1, 500_000_000, "PT1.5S"},
		{"PT1,5S", 1, 500_000_000, "PT1.5S"},
		{"PT5.S", 5, 0, "PT5S"},
		{"PT5,S", 5, 0, "PT5S"},
		{"PT0.000000001S", 0, 1, "PT0.000000001S"},
		{"PT0.999999999S", 0, 999_999_999, "PT0.999999999S"},
		{"PT1.250S", 1, 250_000_000, "PT1.25S"},
		{"P1DT0.5S", 86400, 500_000_000, "P1DT0.5S"},
		{"P+1D", 86400, 0, "P1D"},
		{"+P1D", 86400, 0, "P1D"},
		{"+P+1DT+2H+3M+4.5S", 93784, 500_000_000, "P1DT2H3M4.5S"},
		{"PT+0S", 0, 0, "PT0S"},
		{"P0000000000000000000000000001D", 86400, 0, "P1D"},
		{"PT00001S", 1, 0, "PT1S"},
		{"P106751991167300D", 106751991167300 * 86400, 0, "P106751991167300D"},
		{"P106751991167300DT15H30M7.999999999S", math.MaxInt64, 999_999_999, "P106751991167300DT15H30M7.999999999S"},
		{"PT9223372036854775807.999999999S", math.MaxInt64, 999_999_999, "P106751991167300DT15H30M7.999999999S"},
		{"PT2562047788015215H30M7S", math.MaxInt64, 0, "P106751991167300DT15H30M7S"},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): unexpected error: %v", tt.in, err)
			continue
		}
		if d.seconds != tt.seconds || d.nanos != tt.nanos {
			t.Errorf("Parse(%q) = (%d s, %d ns), want (%d s, %d ns)", tt.in, d.seconds, d.nanos, tt.seconds, tt.nanos)
		}
		if got := d.String(); got != tt.canonical {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.canonical)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	const hint = "use days, hours, minutes and seconds, e.g. P90DT6H30M5S"
	const negative = `a "-" sign is not allowed, as durations can't be negative; ` + hint
	const ymw = "years, months and weeks are not allowed; " + hint
	const tooLong = "too long; the longest duration allowed is P106751991167300DT15H30M7.999999999S (2^63-1 seconds)"
	const noUnit = "has no unit; end it with D, H, M or S, e.g. P1D or PT1H"
	const fractionOnly = "only seconds can have a fraction, e.g. PT1.5S; write other fractions in smaller units, e.g. PT1H30M"
	tests := []struct {
		in, reason string
	}{
		{"", "empty string; " + hint},
		{" ", "whitespace is not allowed; " + hint},
		{" P1D", "whitespace is not allowed; " + hint},
		{"P1D\n", "whitespace is not allowed; " + hint},
		{"P1D T1H", "whitespace is not allowed; " + hint},
		{"P1D\u00a0", "whitespace is not allowed; " + hint},

		{"P1Y", ymw},
		{"P1W", ymw},
		{"p1y", ymw},
		{"PY", ymw},
		{"P1Y2D", ymw},
		{"P1M", `years, months and weeks are not allowed ("M" before "T" means months); for minutes put "T" first, e.g. PT30M`},
		{"PT1Y", ymw},

		{"-P1D", negative},
		{"P-1D", negative},
		{"PT-1S", negative},
		{"-PT0S", negative},
		{"-P-1D", negative},
		{"P1DT-0.5S", negative},

		{"P", `nothing after "P"; ` + hint},
		{"+P", `nothing after "P"; ` + hint},
		{"PT", `"T" must be followed by hours, minutes or seconds, e.g. PT6H or P1DT6H`},
		{"P1DT", `"T" must be followed by hours, minutes or seconds, e.g. PT6H or P1DT6H`},
		{"pt", `"T" must be followed by hours, minutes or seconds, e.g. PT6H or P1DT6H`},
		{"P1DTT1H", `"T" appears twice; ` + hint},
		{"PT1HT1M", `"T" appears twice; ` + hint},

		{"1D", `must start with "P"; ` + hint},
		{"T1H", `must start with "P"; ` + hint},
		{"+", `must start with "P"; ` + hint},
		{"++P1D", `must start with "P"; ` + hint},
		{"x", `must start with "P"; ` + hint},

		{"P1H", `hours must come after "T", e.g. PT1H`},
		{"P1S", `seconds must come after "T", e.g. PT1S`},
		{"P1DT1H1D", `days must come before "T", e.g. P1DT6H`},
		{"PT1D", `days must come before "T", e.g. P1DT6H`},

		{"P1", `the number "1" ` + noUnit},
		{"PT1", `the number "1" ` + noUnit},
		{"PT1.5", `the number "1.5" ` + noUnit},
		{"P1T1H", `the number "1" ` + noUnit},
		{"P+7", `the number "+7" ` + noUnit},
		{"P1DT1H1M1S1", `the number "1" ` + noUnit},

		{"PD", `"D" has no number before it, e.g. P1D`},
		{"PTH", `"H" has no number before it, e.g. PT1H`},
		{"PTm", `"m" has no number before it, e.g. PT1M`},
		{"PTS", `"S" has no number before it, e.g. PT1S`},
		{"P+D", `"+" must be followed by a number, e.g. P+1D`},
		{"P++1D", `"+" must be followed by a number, e.g. P+1D`},
		{"PT.5S", "a fraction needs a whole number before it, e.g. PT0.5S"},
		{"PT,5S", "a fraction needs a whole number before it, e.g. PT0.5S"},

		{"PT1.5H", fractionOnly},
		{"PT1,5M", fractionOnly},
		{"P1.5D", fractionOnly},
		{"PT1.0000000001S", "at most 9 digits are allowed after the decimal point (nanoseconds), e.g. PT0.000000001S"},

		{"PT1M1H", "hours must come before minutes; write days, hours, minutes and seconds in that order, e.g. P90DT6H30M5S"},
		{"PT1S1M", "minutes must come before seconds; write days, hours, minutes and seconds in that order, e.g. P90DT6H30M5S"},
		{"P1D2D", "days are given twice; give each unit at most once, e.g. P90DT6H30M5S"},
		{"PT1S2s", "seconds are given twice; give each unit at most once, e.g. P90DT6H30M5S"},

		{"P1X", `unknown unit "X"; use D (days), H (hours), M (minutes) or S (seconds), e.g. P90DT6H30M5S`},
		{"P1Dx", `unexpected "x"; ` + hint},
		{"PT1Sx", `unexpected "x"; ` + hint},
		{"P1DP1D", `unexpected "P"; ` + hint},
		{"PT1.5.5S", `unexpected "." after "1.5"; ` + hint},
		{"P1+2D", `unexpected "+" after "1"; ` + hint},
		{"P\uff11D", `unexpected "１"; ` + hint},                     // fullwidth digit one
		{"PT1\u017f", `unexpected "ſ" after "1"; ` + hint},          // long s, which Unicode folds to "s"
		{"PT1\u212a", "unexpected \"\u212a\" after \"1\"; " + hint}, // Kelvin sign
		{"P\xffD", `unexpected "\xff"; ` + hint},
		{"\u2013P1D", `must start with "P"; ` + hint}, // en dash

		{"P999999999999999999D", tooLong},
		{"P106751991167301D", tooLong},
		{"P106751991167300DT15H30M8S", tooLong},
		{"PT9223372036854775808S", tooLong},
		{"PT99999999999999999999999999S", tooLong},
		{"PT2562047788015216H", tooLong},
		{"PT2562047788015215H30M8S", tooLong},
		{"P999999999999999999999DX", `unexpected "X"; ` + hint}, // syntax beats overflow
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", tt.in, d)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error is %T, want *ParseError", tt.in, err)
			continue
		}
		if pe.Input != tt.in || pe.Reason != tt.reason {
			t.Errorf("Parse(%q) error:\n got input %q reason %q\nwant input %q reason %q", tt.in, pe.Input, pe.Reason, tt.in, tt.reason)
		}
		if d != (Duration{}) {
			t.Errorf("Parse(%q) returned %v with its error, want the zero Duration", tt.in, d)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := Parse("P1Y")
	want := `"P1Y": years, months and weeks are not allowed; use days, hours, minutes and seconds, e.g. P90DT6H30M5S`
	if err == nil || err.Error() != want {
		t.Fatalf("Parse(\"P1Y\") error = %v, want %s", err, want)
	}
}

func mustParse(t *testing.T, s string) Duration {
	t.Helper()
	d, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return d
}

func TestDurationComparisons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b  string
		equal bool
	}{
		{"P1D", "PT24H", true},
		{"PT90M", "PT1H30M", true},
		{"pt1h", "PT1H", true},
		{"PT0S", "PT0M", true},
		{"PT1.5S", "PT1,500S", true},
		{"PT1S", "PT1.000000001S", false},
		{"PT2S", "PT1.999999999S", false},
		{"P1D", "PT86399.999999999S", false},
		{"PT5M", "PT24H", false},
	}
	for _, tt := range tests {
		a, b := mustParse(t, tt.a), mustParse(t, tt.b)
		if got := a == b; got != tt.equal {
			t.Errorf("%s == %s is %v, want %v", tt.a, tt.b, got, tt.equal)
		}
	}
}

func TestIsZero(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"PT0S", "PT0M", "P0D", "P0DT0H0M0.000000000S", "+P+0D"} {
		if !mustParse(t, s).IsZero() {
			t.Errorf("Parse(%q).IsZero() = false, want true", s)
		}
	}
	for _, s := range []string{"PT0.000000001S", "PT1S", "P1D"} {
		if mustParse(t, s).IsZero() {
			t.Errorf("Parse(%q).IsZero() = true, want false", s)
		}
	}
	if !(Duration{}).IsZero() || (Duration{}).String() != "PT0S" {
		t.Errorf("the zero Duration must be PT0S")
	}
}
