// Command floorprovider is the plugin floor of the benchmarks: a provider built on the same
// framework as terraform-provider-authpolicy, whose one resource has the shape of a settings
// resource (a parent ID that forces replacement, a setting, a computed id) and calls no API.
// What it costs is what any plugin costs: process start, schema, and gRPC per resource. Its
// second resource, floor_wide_setting, has the shape of authpolicy_tenant_mfa_status (four
// more computed attributes, unknown in the plan of a change), to tell what a larger schema
// costs Terraform and the framework from what the API calls cost.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/bench/floor"})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	idAttrs := func(attrs map[string]schema.Attribute) schema.Schema {
		attrs["parent_id"] = schema.StringAttribute{Required: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}}
		attrs["id"] = schema.StringAttribute{Computed: true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
		return schema.Schema{Attributes: attrs}
	}
	return []func() resource.Resource{
		func() resource.Resource {
			return floorResource[settingModel, *settingModel]{name: "_setting",
				schema: idAttrs(map[string]schema.Attribute{"value": schema.StringAttribute{Required: true}})}
		},
		func() resource.Resource {
			return floorResource[wideSettingModel, *wideSettingModel]{name: "_wide_setting", schema: idAttrs(map[string]schema.Attribute{
				"enabled":        schema.BoolAttribute{Required: true},
				"status":         schema.StringAttribute{Computed: true},
				"count_all":      schema.Int64Attribute{Computed: true},
				"count_enrolled": schema.Int64Attribute{Computed: true},
				"allowed":        schema.BoolAttribute{Computed: true},
			})}
		},
	}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorResource does what a settings resource does around its API calls, and nothing else:
// Create and Update decode the plan, complete it and store it; Read decodes the state and
// stores it again; Delete decodes the state.
type floorResource[M any, P interface {
	*M
	settle()
}] struct {
	name   string
	schema schema.Schema
}

func (r floorResource[M, P]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.name
}

func (r floorResource[M, P]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (floorResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	P(&m).settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorResource[M, P]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m M
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	P(&m).settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (floorResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m M
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
}

type settingModel struct {
	ID       types.String `tfsdk:"id"`
	ParentID types.String `tfsdk:"parent_id"`
	Value    types.String `tfsdk:"value"`
}

func (m *settingModel) settle() { m.ID = m.ParentID }

type wideSettingModel struct {
	ID       types.String `tfsdk:"id"`
	ParentID types.String `tfsdk:"parent_id"`
	Enabled  types.Bool   `tfsdk:"enabled"`
	Status   types.String `tfsdk:"status"`
	Count    types.Int64  `tfsdk:"count_all"`
	Enrolled types.Int64  `tfsdk:"count_enrolled"`
	Allowed  types.Bool   `tfsdk:"allowed"`
}

func (m *wideSettingModel) settle() {
	m.ID = m.ParentID
	m.Status = types.StringValue("disabled")
	if m.Enabled.ValueBool() {
		m.Status = types.StringValue("enabled")
	}
	m.Count, m.Enrolled, m.Allowed = types.Int64Value(4), types.Int64Value(4), types.BoolValue(true)
}
