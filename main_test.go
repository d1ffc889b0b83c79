package main

import (
	"slices"
	"testing"
)

func TestLeakyVendorDebug(t *testing.T) {
	cases := map[string][]string{
		"":              nil,
		"*":             nil,
		"sdk,express":   nil,
		"teapot":        nil,
		"tea":           {"tea"},
		"express,dara":  {"dara"},
		"dara,tea,dara": {"dara", "tea"},
	}
	for value, want := range cases {
		if got := leakyVendorDebug(value); !slices.Equal(got, want) {
			t.Errorf("leakyVendorDebug(%q) = %q, want %q", value, got, want)
		}
	}
}
