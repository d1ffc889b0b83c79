package isoduration

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

func TestDurationValueEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a    DurationValue
		b    attr.Value
		want bool
	}{
		{"same string", NewDurationValue("P1D"), NewDurationValue("P1D"), true},
		{"same length, different string", NewDurationValue("P1D"), NewDurationValue("PT24H"), false},
		{"different case", NewDurationValue("pt1h"), NewDurationValue("PT1H"), false},
		{"plain string", NewDurationValue("P1D"), basetypes.NewStringValue("P1D"), false},
		{"both null", NewDurationNull(), NewDurationNull(), true},
		{"both unknown", unknownDuration(), unknownDuration(), true},
		{"null and unknown", NewDurationNull(), unknownDuration(), false},
		{"null and known", NewDurationNull(), NewDurationValue("PT0S"), false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%s: Equal = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDurationValueToStringValue(t *testing.T) {
	t.Parallel()
	got, diags := NewDurationValue("pt1h").ToStringValue(t.Context())
	if diags.HasError() || !got.Equal(basetypes.NewStringValue("pt1h")) {
		t.Errorf("ToStringValue = %v, %v; want the string as written", got, diags)
	}
}

func TestDurationValueSemanticEquals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b DurationValue
		want bool
	}{
		{NewDurationValue("P1D"), NewDurationValue("PT24H"), true},
		{NewDurationValue("PT90M"), NewDurationValue("PT1H30M"), true},
		{NewDurationValue("pt1h"), NewDurationValue("PT1H"), true},
		{NewDurationValue("PT0S"), NewDurationValue("PT0M"), true},
		{NewDurationValue("P90DT6H30M5S"), NewDurationValue("PT2166H1805S"), true},
		{NewDurationValue("PT1.5S"), NewDurationValue("PT1,500000000S"), true},
		{NewDurationValue("+P+1D"), NewDurationValue("P1D"), true},
		{NewDurationValue("P1D"), NewDurationValue("PT23H"), false},
		{NewDurationValue("PT1S"), NewDurationValue("PT1.000000001S"), false},
		{NewDurationValue("PT0S"), NewDurationValue("PT0.000000001S"), false},
		// Strings that don't parse have no length: each equals only itself.
		{NewDurationValue("P1Y"), NewDurationValue("P1Y"), true},
		{NewDurationValue("P1Y"), NewDurationValue("P12M"), false},
		{NewDurationValue("P1Y"), NewDurationValue("P365D"), false},
		{NewDurationValue("P365D"), NewDurationValue("P1Y"), false},
		{NewDurationValue("-PT0S"), NewDurationValue("PT0S"), false},
		{NewDurationNull(), NewDurationNull(), true},
		{NewDurationNull(), NewDurationValue("PT0S"), false},
		{NewDurationValue("PT0S"), unknownDuration(), false},
	}
	for _, tt := range tests {
		got, diags := tt.a.StringSemanticEquals(t.Context(), tt.b)
		if diags.HasError() {
			t.Errorf("%v vs %v: unexpected diagnostics %v", tt.a, tt.b, diags)
		}
		if got != tt.want {
			t.Errorf("%v.StringSemanticEquals(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDurationValueSemanticEqualsWrongType(t *testing.T) {
	t.Parallel()
	got, diags := NewDurationValue("P1D").StringSemanticEquals(t.Context(), basetypes.NewStringValue("P1D"))
	want := diag.Diagnostics{diag.NewErrorDiagnostic(
		"Semantic Equality Check Error",
		"An unexpected value type was received while performing semantic equality checks. "+
			"Please report this to the provider developers.\n\n"+
			"Expected Value Type: isoduration.DurationValue\nGot Value Type: basetypes.StringValue",
	)}
	if got || !diags.Equal(want) {
		t.Errorf("StringSemanticEquals(StringValue) = %v, %v; want false, %v", got, diags, want)
	}
}

func TestDurationValueValidateAttribute(t *testing.T) {
	t.Parallel()
	attrPath := path.Root("password_duration")
	tests := []struct {
		name string
		v    DurationValue
		path path.Path
		want diag.Diagnostics
	}{
		{"valid", NewDurationValue("P90DT6H30M5S"), attrPath, nil},
		{"zero", NewDurationValue("PT0S"), attrPath, nil},
		{"lower case", NewDurationValue("pt1h"), attrPath, nil},
		{"null", NewDurationNull(), attrPath, nil},
		{"unknown", unknownDuration(), attrPath, nil},
		{"years", NewDurationValue("P1Y"), attrPath, diag.Diagnostics{diag.NewAttributeErrorDiagnostic(
			attrPath,
			"Invalid Duration",
			`Attribute password_duration is not a valid ISO 8601 duration: "P1Y": years, months and weeks `+
				`are not allowed; use days, hours, minutes and seconds, e.g. P90DT6H30M5S`,
		)}},
		{"negative, nested path", NewDurationValue("-P1D"), path.Root("policy").AtListIndex(0).AtName("duration"),
			diag.Diagnostics{diag.NewAttributeErrorDiagnostic(
				path.Root("policy").AtListIndex(0).AtName("duration"),
				"Invalid Duration",
				`Attribute policy[0].duration is not a valid ISO 8601 duration: "-P1D": a "-" sign is not `+
					`allowed, as durations can't be negative; use days, hours, minutes and seconds, e.g. P90DT6H30M5S`,
			)}},
		{"empty", NewDurationValue(""), attrPath, diag.Diagnostics{diag.NewAttributeErrorDiagnostic(
			attrPath,
			"Invalid Duration",
			`Attribute password_duration is not a valid ISO 8601 duration: "": empty string; `+
				`use days, hours, minutes and seconds, e.g. P90DT6H30M5S`,
		)}},
	}
	for _, tt := range tests {
		var resp xattr.ValidateAttributeResponse
		tt.v.ValidateAttribute(t.Context(), xattr.ValidateAttributeRequest{Path: tt.path}, &resp)
		if !resp.Diagnostics.Equal(tt.want) {
			t.Errorf("%s: diagnostics\n got %v\nwant %v", tt.name, resp.Diagnostics, tt.want)
		}
	}
}
