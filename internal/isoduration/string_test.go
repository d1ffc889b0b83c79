package isoduration

import (
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

func unknownDuration() DurationValue { return DurationValue{StringValue: basetypes.NewStringUnknown()} }

// IsZero reports whether d is zero, which the password policy reads as "never expires".
func (d Duration) IsZero() bool { return d == Duration{} }

// String returns the canonical form of d: upper case, days rather than 24 hours, no zero
// components, no trailing fraction zeros, and PT0S for zero. Parse(d.String()) equals d.
//
// Unlike Java's Duration.toString, which never writes days, this keeps days so that a 90-day
// policy reads P90D rather than PT2160H.
func (d Duration) String() string {
	if d.IsZero() {
		return "PT0S"
	}
	days, rest := d.seconds/secondsPerDay, d.seconds%secondsPerDay
	hours, rest := rest/secondsPerHour, rest%secondsPerHour
	minutes, secs := rest/secondsPerMinute, rest%secondsPerMinute

	var b strings.Builder
	b.WriteByte('P')
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	if hours == 0 && minutes == 0 && secs == 0 && d.nanos == 0 {
		return b.String()
	}
	b.WriteByte('T')
	if hours > 0 {
		b.WriteString(strconv.FormatInt(hours, 10) + "H")
	}
	if minutes > 0 {
		b.WriteString(strconv.FormatInt(minutes, 10) + "M")
	}
	if secs > 0 || d.nanos > 0 {
		b.WriteString(strconv.FormatInt(secs, 10))
		if d.nanos > 0 {
			frac := strconv.FormatInt(int64(d.nanos)+1e9, 10)[1:] // zero-padded to nine digits
			b.WriteString("." + strings.TrimRight(frac, "0"))
		}
		b.WriteByte('S')
	}
	return b.String()
}
