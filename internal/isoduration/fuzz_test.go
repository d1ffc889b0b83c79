package isoduration

import (
	"errors"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// javaGrammar is java.time.Duration.parse's pattern with every "-" removed and its ASCII-only
// case-insensitivity spelled out: Go's (?i) folds Unicode, so it would let "ſ" match "s".
var javaGrammar = regexp.MustCompile(`^\+?[Pp]` +
	`(?:(\+?[0-9]+)[Dd])?` +
	`([Tt](?:(\+?[0-9]+)[Hh])?(?:(\+?[0-9]+)[Mm])?(?:(\+?[0-9]+)(?:[.,]([0-9]{0,9}))?[Ss])?)?$`)

// oracle decides independently of the scanner whether s is valid and what it is worth, using
// the grammar above and big integers for the overflow rule.
func oracle(s string) (seconds int64, nanos int32, ok bool) {
	m := javaGrammar.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	days, timePart, hours, minutes, secs, frac := m[1], m[2], m[3], m[4], m[5], m[6]
	if days == "" && timePart == "" {
		return 0, 0, false // neither a day part nor a time part
	}
	if len(timePart) == 1 {
		return 0, 0, false // "T" with nothing after it
	}
	total := new(big.Int)
	for _, part := range []struct {
		digits string
		unit   int64
	}{{days, 86400}, {hours, 3600}, {minutes, 60}, {secs, 1}} {
		if part.digits == "" {
			continue
		}
		n, good := new(big.Int).SetString(strings.TrimPrefix(part.digits, "+"), 10)
		if !good {
			panic("oracle: bad number " + part.digits)
		}
		total.Add(total, n.Mul(n, big.NewInt(part.unit)))
	}
	if !total.IsInt64() {
		return 0, 0, false
	}
	if frac != "" {
		n, err := strconv.ParseInt((frac + "000000000")[:9], 10, 32)
		if err != nil {
			panic("oracle: bad fraction " + frac)
		}
		nanos = int32(n)
	}
	return total.Int64(), nanos, true
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"P90DT6H30M5S", "PT0S", "pt1.5s", "PT1,5S", "PT5.S", "+P+1DT+1H", "P1Y", "P1M", "PT", "P1DT",
		"-P1D", "PT1.0000000001S", "P106751991167300DT15H30M7.999999999S", "P106751991167301D",
		"PT9223372036854775808S", "PT1\u017f", "P1D ", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		wantSeconds, wantNanos, wantOK := oracle(s)

		if err != nil {
			if wantOK {
				t.Fatalf("Parse(%q) failed but the Java grammar accepts it: %v", s, err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.Reason == "" {
				t.Fatalf("Parse(%q) error %#v is not a *ParseError for this input with a reason", s, err)
			}
			if !strings.HasPrefix(err.Error(), strconv.Quote(s)+": ") {
				t.Fatalf("Parse(%q) error %q does not start with the quoted input", s, err)
			}
			return
		}

		if !wantOK {
			t.Fatalf("Parse(%q) = %v but the Java grammar (without \"-\") rejects it or it overflows", s, d)
		}
		if d.seconds != wantSeconds || d.nanos != wantNanos {
			t.Fatalf("Parse(%q) = (%d s, %d ns), the oracle says (%d s, %d ns)", s, d.seconds, d.nanos, wantSeconds, wantNanos)
		}
		if d.seconds < 0 || d.nanos < 0 || d.nanos > 999_999_999 {
			t.Fatalf("Parse(%q) = (%d s, %d ns), out of range", s, d.seconds, d.nanos)
		}

		canonical := d.String()
		again, err := Parse(canonical)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, canonical, err)
		}
		if again != d {
			t.Fatalf("Parse(%q) = %v but Parse(%q) = %v", s, d, canonical, again)
		}
		if again.String() != canonical {
			t.Fatalf("canonical form is not stable: %q then %q", canonical, again.String())
		}
	})
}
