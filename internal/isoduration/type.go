package isoduration

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ basetypes.StringTypable = DurationType{}

// DurationType is a string attribute type holding an ISO 8601 duration of days, hours, minutes
// and seconds. Use it as a schema attribute's CustomType and DurationValue as the model field.
type DurationType struct {
	basetypes.StringType
}

// String returns a name for the type, shown in framework error messages.
func (t DurationType) String() string {
	return "isoduration.DurationType"
}

// ValueType returns the value type of this type.
func (t DurationType) ValueType(_ context.Context) attr.Value {
	return DurationValue{}
}

// Equal reports whether o is also a DurationType.
func (t DurationType) Equal(o attr.Type) bool {
	_, ok := o.(DurationType)
	return ok
}

// ValueFromString wraps a string value without checking it: validation happens in
// DurationValue.ValidateAttribute, where the attribute's path is known.
func (t DurationType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return DurationValue{StringValue: in}, nil
}

// ValueFromTerraform converts a Terraform string, null or unknown into a DurationValue.
func (t DurationType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	attrValue, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	stringValue, ok := attrValue.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", attrValue)
	}
	return DurationValue{StringValue: stringValue}, nil
}
