package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every settings resource has a read-only twin: a data source of the same type name that takes
// the parent ID and returns the setting as the resource's Read would store it, so that a setting
// can be checked (in a check block, a precondition, a compliance output) without being managed.
// settingsDataSource is that twin, once, built from the resource's own settingSpec: its schema is
// the resource's with every attribute computed, and its Read is the spec's read, one request.

var _ datasource.DataSourceWithConfigure = &settingsDataSource[struct{}, any]{}

// configuredAttr is the twin's extra attribute for a setting a parent may lack (settingSpec.unset).
const configuredAttr = "configured"

// settingsTwin is the constructor of the data-source twin of the resource whose spec is given:
// adding a twin is one line in DataSources(), settingsTwin(tenantMFAStatusSpec).
func settingsTwin[M, S any](spec func() settingSpec[M, S]) func() datasource.DataSource {
	return func() datasource.DataSource { return newSettingsDataSource(spec()) }
}

func newSettingsDataSource[M, S any](spec settingSpec[M, S]) datasource.DataSource {
	return &settingsDataSource[M, S]{spec: spec}
}

type settingsDataSource[M, S any] struct {
	spec settingSpec[M, S]
	data *providerData
}

func (d *settingsDataSource[M, S]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.spec.name
}

func (d *settingsDataSource[M, S]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	s, diags := d.modelSchema()
	resp.Diagnostics.Append(diags...)
	if d.spec.unset != "" {
		s.Attributes[configuredAttr] = dschema.BoolAttribute{
			MarkdownDescription: "Whether the " + d.spec.parent.noun() + " has the setting at all: `false` when " +
				d.spec.unset + ", and every other attribute but `" + d.spec.parent.attr + "` and `id` is then null.",
			Computed: true,
		}
	}
	s.MarkdownDescription = d.spec.description + "\n\nThis data source reads the setting without managing it, in one " +
		"request; the `authpolicy_" + d.spec.name + "` resource manages it."
	resp.Schema = s
}

// modelSchema is the twin's schema without configuredAttr: the shape of the resource's model M,
// through which the state is read and written.
func (d *settingsDataSource[M, S]) modelSchema() (dschema.Schema, diag.Diagnostics) {
	var diags diag.Diagnostics
	p := d.spec.parent
	attrs := map[string]dschema.Attribute{
		p.attr: dschema.StringAttribute{
			MarkdownDescription: p.description,
			Required:            true,
			Validators:          []validator.String{p.validator()},
		},
		"id": dschema.StringAttribute{
			MarkdownDescription: "The `" + p.attr + "`, as the resource's `id`.",
			Computed:            true,
		},
	}
	for name, a := range d.spec.attributes {
		c, err := computedAttribute(a)
		if err != nil {
			diags.AddError("Unsupported Attribute In A Data-Source Twin",
				fmt.Sprintf("authpolicy_%s.%s: %v. This is a bug in the provider; please report it.", d.spec.name, name, err))
			continue
		}
		attrs[name] = c
	}
	return dschema.Schema{Attributes: attrs}, diags
}

// computedAttribute is the read-only form of a resource attribute: the same type (custom types
// included, so semantic equality and the value's Go type carry over) and description, without
// what only matters to a configuration (validators, plan modifiers, defaults).
func computedAttribute(a rschema.Attribute) (dschema.Attribute, error) {
	switch a := a.(type) {
	case rschema.StringAttribute:
		return dschema.StringAttribute{MarkdownDescription: a.MarkdownDescription, Description: a.Description,
			CustomType: a.CustomType, Sensitive: a.Sensitive, Computed: true}, nil
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{MarkdownDescription: a.MarkdownDescription, Description: a.Description,
			CustomType: a.CustomType, Sensitive: a.Sensitive, Computed: true}, nil
	case rschema.Int64Attribute:
		return dschema.Int64Attribute{MarkdownDescription: a.MarkdownDescription, Description: a.Description,
			CustomType: a.CustomType, Sensitive: a.Sensitive, Computed: true}, nil
	}
	return nil, fmt.Errorf("computedAttribute has no case for %T; add one", a)
}

func (d *settingsDataSource[M, S]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read is the resource's read and nothing more, so the twin shows what the resource's Read
// would store. For a setting the parent may lack, the API's not-found means the parent has
// none; for any other setting it means the parent is missing, an error like any other.
func (d *settingsDataSource[M, S]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var parent types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(d.spec.parent.attr), &parent)...)
	schema, diags := d.modelSchema()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, ok := d.spec.client(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	// The model starts as the parent ID alone, as the resource's after an import.
	model := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
	resp.Diagnostics.Append(model.SetAttribute(ctx, path.Root(d.spec.parent.attr), parent)...)
	resp.Diagnostics.Append(model.SetAttribute(ctx, path.Root("id"), parent)...)
	var m M
	resp.Diagnostics.Append(model.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := d.spec.read(ctx, c, &m)
	configured := true
	switch {
	case err != nil && d.spec.unset != "" && isNotFound(err):
		configured = false
	case err != nil:
		resp.Diagnostics.Append(apiErrorDiag("Reading "+d.spec.subject(&m), err, d.spec.advice))
		return
	default:
		resp.Diagnostics.Append(model.Set(ctx, &m)...)
	}
	// The parent ID and id stay as configured, whatever read left in m.
	resp.Diagnostics.Append(model.SetAttribute(ctx, path.Root(d.spec.parent.attr), parent)...)
	resp.Diagnostics.Append(model.SetAttribute(ctx, path.Root("id"), parent)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(d.store(ctx, model.Raw, configured, &resp.State)...)
}

// store writes the model's values to the state, with configuredAttr when the twin has it. A
// setting the parent lacks keeps the values of a fresh model: null but for the parent ID.
func (d *settingsDataSource[M, S]) store(ctx context.Context, raw tftypes.Value, configured bool, state *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	if d.spec.unset == "" {
		state.Raw = raw
		return diags
	}
	values := map[string]tftypes.Value{}
	if err := raw.As(&values); err != nil {
		diags.AddError("Storing The Setting", "This is a bug in the provider; please report it: "+err.Error())
		return diags
	}
	values[configuredAttr] = tftypes.NewValue(tftypes.Bool, configured)
	state.Raw = tftypes.NewValue(state.Schema.Type().TerraformType(ctx), values)
	return diags
}
