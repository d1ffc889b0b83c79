package isoduration

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var (
	_ basetypes.StringValuableWithSemanticEquals = DurationValue{}
	_ xattr.ValidateableAttribute                = DurationValue{}
)

// invalidSummary is the summary of every diagnostic about a malformed duration.
const invalidSummary = "Invalid Duration"

// DurationValue is a string holding an ISO 8601 duration of days, hours, minutes and seconds.
// It keeps the string exactly as written, because the API echoes it back unchanged, and compares
// by length of time, so "P1D", "PT24H" and "p1d" are semantically equal.
type DurationValue struct {
	basetypes.StringValue
}

// NewDurationValue returns a known DurationValue. The string is not checked here: Terraform
// checks it through ValidateAttribute.
func NewDurationValue(s string) DurationValue {
	return DurationValue{StringValue: basetypes.NewStringValue(s)}
}

// NewDurationNull returns a null DurationValue.
func NewDurationNull() DurationValue {
	return DurationValue{StringValue: basetypes.NewStringNull()}
}

// Type returns DurationType.
func (v DurationValue) Type(_ context.Context) attr.Type {
	return DurationType{}
}

// Equal reports whether o is a DurationValue with the same state and the same string. It is
// strict on purpose: the framework uses StringSemanticEquals where lengths of time matter.
func (v DurationValue) Equal(o attr.Value) bool {
	other, ok := o.(DurationValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether two known durations are the same length of time. The
// framework then keeps the prior string, so a server or import that writes P1D as PT24H causes
// no diff. A string that does not parse equals only itself, since it has no length to compare.
func (v DurationValue) StringSemanticEquals(_ context.Context, otherValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics

	other, ok := otherValuable.(DurationValue)
	if !ok {
		diags.AddError(
			"Semantic Equality Check Error",
			"An unexpected value type was received while performing semantic equality checks. "+
				"Please report this to the provider developers.\n\n"+
				fmt.Sprintf("Expected Value Type: %T\nGot Value Type: %T", v, otherValuable),
		)
		return false, diags
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return v.Equal(other), diags
	}

	d, errV := Parse(v.ValueString())
	o, errO := Parse(other.ValueString())
	if errV != nil || errO != nil {
		return v.Equal(other), diags
	}
	return d == o, diags
}

// ValidateAttribute fails a known value that is not a valid duration. The framework calls it
// whenever it reads the attribute, so a bad configuration fails at validate and plan time,
// before any API call, with an error pointing at the attribute.
func (v DurationValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if _, err := Parse(v.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, invalidSummary, invalidDetail(req.Path.String(), err))
	}
}

// invalidDetail names the attribute so that the message stands on its own in
// logs and in front ends that don't show the diagnostic's path.
func invalidDetail(attribute string, err error) string {
	// No closing period: the message ends with an example meant to be copied.
	return "Attribute " + attribute + " is not a valid ISO 8601 duration: " + err.Error()
}
