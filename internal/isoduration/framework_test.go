package isoduration

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// These tests go through the framework's own server, so they show what Terraform sees: that
// the framework calls ValidateAttribute during validate, and keeps the configured string when a
// read returns the same length written differently.

type testProvider struct{}

func (testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "test"
}

func (testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (testProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (testProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

func (testProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return testResource{} }}
}

// testResource reads back every duration as PT24H, as a server that normalises would.
type testResource struct{}

func (testResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "test_policy"
}

func (testResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"password_duration": schema.StringAttribute{CustomType: DurationType{}, Optional: true},
	}}
}

func (testResource) Read(ctx context.Context, _ resource.ReadRequest, resp *resource.ReadResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("password_duration"), NewDurationValue("PT24H"))...)
}

func (testResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (testResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (testResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

var testObjectType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{"password_duration": tftypes.String}}

func testServer(t *testing.T) tfprotov6.ProviderServer {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(testProvider{})()
	if err != nil {
		t.Fatal(err)
	}
	return server
}

func testDynamicValue(t *testing.T, duration any) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(testObjectType, tftypes.NewValue(testObjectType, map[string]tftypes.Value{
		"password_duration": tftypes.NewValue(tftypes.String, duration),
	}))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func TestFrameworkValidateResourceConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value      any
		wantDetail string // empty: no diagnostics
	}{
		{"P90DT6H30M5S", ""},
		{"PT0S", ""},
		{nil, ""},
		{tftypes.UnknownValue, ""},
		{"P1M", `Attribute password_duration is not a valid ISO 8601 duration: "P1M": years, months and weeks ` +
			`are not allowed ("M" before "T" means months); for minutes put "T" first, e.g. PT30M`},
	}
	for _, tt := range tests {
		resp, err := testServer(t).ValidateResourceConfig(t.Context(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "test_policy",
			Config:   testDynamicValue(t, tt.value),
		})
		if err != nil {
			t.Fatal(err)
		}
		if tt.wantDetail == "" {
			if len(resp.Diagnostics) != 0 {
				t.Errorf("%v: unexpected diagnostics: %+v", tt.value, resp.Diagnostics[0])
			}
			continue
		}
		if len(resp.Diagnostics) != 1 {
			t.Fatalf("%v: got %d diagnostics, want 1", tt.value, len(resp.Diagnostics))
		}
		got := resp.Diagnostics[0]
		wantPath := tftypes.NewAttributePath().WithAttributeName("password_duration")
		if got.Severity != tfprotov6.DiagnosticSeverityError || got.Summary != "Invalid Duration" ||
			got.Detail != tt.wantDetail || !got.Attribute.Equal(wantPath) {
			t.Errorf("%v: diagnostic %s %q %q at %v\nwant error %q %q at %v", tt.value,
				got.Severity, got.Summary, got.Detail, got.Attribute, "Invalid Duration", tt.wantDetail, wantPath)
		}
	}
}

func TestFrameworkReadKeepsSemanticallyEqualState(t *testing.T) {
	t.Parallel()
	tests := []struct{ prior, want string }{
		{"P1D", "P1D"}, // same length: the prior string stays, so no diff
		{"pt1440m", "pt1440m"},
		{"P2D", "PT24H"}, // a real change shows up
	}
	for _, tt := range tests {
		resp := readResource(t, tt.prior)
		if len(resp.Diagnostics) != 0 {
			t.Fatalf("prior %q: unexpected diagnostics: %+v", tt.prior, resp.Diagnostics[0])
		}
		state, err := resp.NewState.Unmarshal(testObjectType)
		if err != nil {
			t.Fatal(err)
		}
		var attrs map[string]tftypes.Value
		var got string
		if err := state.As(&attrs); err != nil {
			t.Fatal(err)
		}
		if err := attrs["password_duration"].As(&got); err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("prior %q, read PT24H: state has %q, want %q", tt.prior, got, tt.want)
		}
	}
}

// TestFrameworkReadRejectsInvalidState pins down that the framework validates values it reads
// from state too, not only configuration: a stored string this package rejects (say one set
// outside Terraform with a "-" that Java accepts) fails the refresh with the same diagnostic.
func TestFrameworkReadRejectsInvalidState(t *testing.T) {
	t.Parallel()
	resp := readResource(t, "P1DT-1H")
	want := `Attribute password_duration is not a valid ISO 8601 duration: "P1DT-1H": a "-" sign is not allowed, ` +
		`as durations can't be negative; use days, hours, minutes and seconds, e.g. P90DT6H30M5S`
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Invalid Duration" || resp.Diagnostics[0].Detail != want {
		t.Fatalf("diagnostics = %+v, want one Invalid Duration error: %s", resp.Diagnostics, want)
	}
}

func readResource(t *testing.T, prior string) *tfprotov6.ReadResourceResponse {
	t.Helper()
	resp, err := testServer(t).ReadResource(t.Context(), &tfprotov6.ReadResourceRequest{
		TypeName:     "test_policy",
		CurrentState: testDynamicValue(t, prior),
	})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}
