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
	return []func() resource.Resource{
		func() resource.Resource { return settingResource{} },
		func() resource.Resource { return wideSettingResource{} },
	}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

type settingResource struct{}

type settingModel struct {
	ID       types.String `tfsdk:"id"`
	ParentID types.String `tfsdk:"parent_id"`
	Value    types.String `tfsdk:"value"`
}

func (settingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_setting"
}

func (settingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"parent_id": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"value": schema.StringAttribute{Required: true},
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// Create and Update decode the plan and store it, as a settings resource does after its write.
func (settingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m settingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = m.ParentID
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read decodes the state and stores it again, as a settings resource does after its read.
func (settingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m settingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (settingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m settingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (settingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m settingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
}

type wideSettingResource struct{}

type wideSettingModel struct {
	ID       types.String `tfsdk:"id"`
	ParentID types.String `tfsdk:"parent_id"`
	Enabled  types.Bool   `tfsdk:"enabled"`
	Status   types.String `tfsdk:"status"`
	Count    types.Int64  `tfsdk:"count_all"`
	Enrolled types.Int64  `tfsdk:"count_enrolled"`
	Allowed  types.Bool   `tfsdk:"allowed"`
}

func (wideSettingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_wide_setting"
}

func (wideSettingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"parent_id": schema.StringAttribute{
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"enabled":        schema.BoolAttribute{Required: true},
			"status":         schema.StringAttribute{Computed: true},
			"count_all":      schema.Int64Attribute{Computed: true},
			"count_enrolled": schema.Int64Attribute{Computed: true},
			"allowed":        schema.BoolAttribute{Computed: true},
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (m *wideSettingModel) settle() {
	m.ID = m.ParentID
	m.Status = types.StringValue("disabled")
	if m.Enabled.ValueBool() {
		m.Status = types.StringValue("enabled")
	}
	m.Count, m.Enrolled, m.Allowed = types.Int64Value(4), types.Int64Value(4), types.BoolValue(true)
}

func (wideSettingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m wideSettingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (wideSettingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m wideSettingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (wideSettingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m wideSettingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.settle()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (wideSettingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m wideSettingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
}
