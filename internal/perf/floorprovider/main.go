// Command floorprovider is the plugin floor of the benchmarks: a provider built on the same
// framework as terraform-provider-authpolicy, whose one resource has the shape of a settings
// resource (a parent ID that forces replacement, a setting, a computed id) and calls no API.
// What it costs is what any plugin costs: process start, schema, and gRPC per resource. Its
// second resource, floor_wide_setting, has the shape of authpolicy_tenant_mfa_status (four
// more computed attributes, unknown in the plan of a change), to tell what a larger schema
// costs Terraform and the framework from what the API calls cost. Its data source, floor_tenants,
// has the schema of authpolicy_tenants and answers $FLOOR_TENANTS customers without any API call,
// for the fleet benchmark's floor.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return tenantsDataSource{} }}
}

// tenantAttrTypes are the attributes of each tenant authpolicy_tenants returns.
var tenantAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "kind": types.StringType, "parent_id": types.StringType,
	"enabled": types.BoolType, "mfa_status": types.StringType,
}

// tenantsDataSource does what authpolicy_tenants does around its API calls: it decodes the
// configuration, builds one object per tenant and stores the list.
type tenantsDataSource struct{}

type tenantsModel struct {
	TenantID types.String `tfsdk:"tenant_id"`
	Subtree  types.Bool   `tfsdk:"subtree"`
	Kinds    types.Set    `tfsdk:"kinds"`
	Tenants  types.List   `tfsdk:"tenants"`
}

func (tenantsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenants"
}

func (tenantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{Attributes: map[string]dschema.Attribute{
		"tenant_id": dschema.StringAttribute{Optional: true, Computed: true},
		"subtree":   dschema.BoolAttribute{Optional: true},
		"kinds":     dschema.SetAttribute{Optional: true, ElementType: types.StringType},
		"tenants": dschema.ListNestedAttribute{Computed: true, NestedObject: dschema.NestedAttributeObject{
			Attributes: map[string]dschema.Attribute{
				"id":         dschema.StringAttribute{Computed: true},
				"name":       dschema.StringAttribute{Computed: true},
				"kind":       dschema.StringAttribute{Computed: true},
				"parent_id":  dschema.StringAttribute{Computed: true},
				"enabled":    dschema.BoolAttribute{Computed: true},
				"mfa_status": dschema.StringAttribute{Computed: true},
			},
		}},
	}}
}

func (tenantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m tenantsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	n, err := strconv.Atoi(os.Getenv("FLOOR_TENANTS"))
	if err != nil {
		resp.Diagnostics.AddError("FLOOR_TENANTS", "set FLOOR_TENANTS to how many tenants floor_tenants answers: "+err.Error())
		return
	}
	parent := m.TenantID.ValueString()
	objects := make([]attr.Value, n)
	for i := range objects {
		id := fmt.Sprintf("99999999-0000-4000-8000-%012d", i)
		obj, diags := types.ObjectValue(tenantAttrTypes, map[string]attr.Value{
			"id": types.StringValue(id), "name": types.StringValue("Customer " + id), "kind": types.StringValue("customer"),
			"parent_id": types.StringValue(parent), "enabled": types.BoolValue(true), "mfa_status": types.StringValue("disabled"),
		})
		resp.Diagnostics.Append(diags...)
		objects[i] = obj
	}
	list, diags := types.ListValue(types.ObjectType{AttrTypes: tenantAttrTypes}, objects)
	resp.Diagnostics.Append(diags...)
	m.Tenants = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

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
