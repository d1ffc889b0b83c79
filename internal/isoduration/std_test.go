package isoduration

import (
	"math"
	"testing"
	"time"
)

func TestStd(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"PT0S":         0,
		"PT15M":        15 * time.Minute,
		"P1D":          24 * time.Hour,
		"PT1.5S":       1500 * time.Millisecond,
		"P90DT6H30M5S": 90*24*time.Hour + 6*time.Hour + 30*time.Minute + 5*time.Second,
	} {
		d, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := d.Std(); !ok || got != want {
			t.Errorf("%s: %v %v, want %v", in, got, ok, want)
		}
	}
	// The longest time.Duration, and one nanosecond more.
	top := Duration{seconds: math.MaxInt64 / int64(time.Second), nanos: int32(math.MaxInt64 % int64(time.Second))}
	if got, ok := top.Std(); !ok || got != time.Duration(math.MaxInt64) {
		t.Errorf("top: %v %v", got, ok)
	}
	over := top
	over.nanos++
	if _, ok := over.Std(); ok {
		t.Error("one nanosecond past time.Duration's range converted")
	}
	d, _ := Parse("P100000D")
	if _, ok := d.Std(); !ok {
		t.Error("100000 days fit a time.Duration")
	}
	d, _ = Parse("P200000D")
	if _, ok := d.Std(); ok {
		t.Error("200000 days converted")
	}
}
