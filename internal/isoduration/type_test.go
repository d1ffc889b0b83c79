package isoduration

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestDurationTypeEqual(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b attr.Type
		want bool
	}{
		{"same type", DurationType{}, DurationType{}, true},
		{"plain string type", DurationType{}, basetypes.StringType{}, false},
		{"plain string type reversed", basetypes.StringType{}, DurationType{}, false},
		{"other type", DurationType{}, basetypes.Int64Type{}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%s: Equal = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDurationTypeBasics(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	typ := DurationType{}
	if got := typ.String(); got != "isoduration.DurationType" {
		t.Errorf("String() = %q", got)
	}
	if got := typ.TerraformType(ctx); !got.Equal(tftypes.String) {
		t.Errorf("TerraformType() = %v, want tftypes.String", got)
	}
	if got, ok := typ.ValueType(ctx).(DurationValue); !ok || !got.Equal(DurationValue{}) {
		t.Errorf("ValueType() = %#v, want DurationValue{}", typ.ValueType(ctx))
	}
	if got := NewDurationValue("P1D").Type(ctx); !got.Equal(typ) {
		t.Errorf("DurationValue.Type() = %v, want DurationType", got)
	}
}

func TestDurationTypeValueFromString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   basetypes.StringValue
		want DurationValue
	}{
		{basetypes.NewStringValue("P1D"), NewDurationValue("P1D")},
		// Invalid strings pass through: ValidateAttribute reports them with the attribute's path.
		{basetypes.NewStringValue("P1Y"), NewDurationValue("P1Y")},
		{basetypes.NewStringNull(), NewDurationNull()},
		{basetypes.NewStringUnknown(), unknownDuration()},
	}
	for _, tt := range tests {
		got, diags := DurationType{}.ValueFromString(t.Context(), tt.in)
		if diags.HasError() {
			t.Errorf("ValueFromString(%v): unexpected diagnostics %v", tt.in, diags)
		}
		if !got.Equal(tt.want) {
			t.Errorf("ValueFromString(%v) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestDurationTypeValueFromTerraform(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      tftypes.Value
		want    attr.Value
		wantErr string
	}{
		{"known", tftypes.NewValue(tftypes.String, "PT24H"), NewDurationValue("PT24H"), ""},
		{"invalid but a string", tftypes.NewValue(tftypes.String, "P1W"), NewDurationValue("P1W"), ""},
		{"null", tftypes.NewValue(tftypes.String, nil), NewDurationNull(), ""},
		{"unknown", tftypes.NewValue(tftypes.String, tftypes.UnknownValue), unknownDuration(), ""},
		{"wrong type", tftypes.NewValue(tftypes.Number, 1), nil,
			"can't unmarshal tftypes.Number into *string, expected string"},
	}
	for _, tt := range tests {
		got, err := DurationType{}.ValueFromTerraform(t.Context(), tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: error = %v, want %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", tt.name, err)
			continue
		}
		if !got.Equal(tt.want) {
			t.Errorf("%s: ValueFromTerraform = %#v, want %#v", tt.name, got, tt.want)
		}
	}
}
