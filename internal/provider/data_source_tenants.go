package provider

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

var _ datasource.DataSourceWithConfigure = &tenantsDataSource{}

// NewTenantsDataSource returns the authpolicy_tenants data source.
func NewTenantsDataSource() datasource.DataSource {
	return &tenantsDataSource{}
}

type tenantsDataSource struct {
	data *providerData
}

type tenantsDataSourceModel struct {
	TenantID types.String   `tfsdk:"tenant_id"`
	Subtree  types.Bool     `tfsdk:"subtree"`
	Kinds    []types.String `tfsdk:"kinds"`
	Tenants  []tenantModel  `tfsdk:"tenants"`
}

type tenantModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Kind      types.String `tfsdk:"kind"`
	ParentID  types.String `tfsdk:"parent_id"`
	Enabled   types.Bool   `tfsdk:"enabled"`
	MFAStatus types.String `tfsdk:"mfa_status"`
}

// tenantListing is what the data source and the tenant list resource both ask: the tenants below
// a root (the API client's own tenant when unset), children or subtree, of some kinds.
type tenantListing struct {
	root    types.String
	subtree bool
	kinds   []string
}

// list returns the tenants sorted by name, then ID, and the root it listed below.
func (l tenantListing) list(ctx context.Context, c *acronis.Client) (string, []acronis.Tenant, error) {
	root := l.root.ValueString()
	if root == "" {
		var err error
		if root, err = c.OwnTenantID(ctx); err != nil {
			return "", nil, err
		}
	}
	ts, err := c.ListTenants(ctx, acronis.TenantListing{RootID: root, Subtree: l.subtree})
	if err != nil {
		return root, nil, err
	}
	ts = acronis.FilterTenantKinds(ts, l.kinds)
	slices.SortFunc(ts, func(a, b acronis.Tenant) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return root, ts, nil
}

// operation names the listing in an error. root is "" when tenant_id was left out and the client's
// own tenant is not known to the caller: finding it is then part of the listing.
func (l tenantListing) operation(root string) string {
	what := "children"
	if l.subtree {
		what = "subtree"
	}
	if root == "" {
		return "Listing the " + what + " of the API client's own tenant"
	}
	return "Listing the " + what + " of tenant " + root
}

// tenantListAdvice adds to the service's advice what is true of a listing.
var tenantListAdvice = map[kind]advice{
	acronis.KindForbidden: {"Acronis Tenant Not Accessible",
		"An API client may only list its own tenant and the tenants below it. Check tenant_id, or leave it out to " +
			"list below the API client's own tenant."},
	acronis.KindNotFound: {"Acronis Tenant Not Found", "No tenant has this ID. Check tenant_id."},
}

func (d *tenantsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenants"
}

// kindsDescription lists the kinds as the validator accepts them.
func kindsDescription(kinds []string) string {
	return "`" + strings.Join(kinds, "`, `") + "`"
}

func (d *tenantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Acronis tenants below a tenant: its direct children, or its whole subtree, " +
			"optionally of some kinds only, each with its MFA status. Built to feed `for_each` of " +
			"`authpolicy_tenant_mfa_status`. Uses `GET /api/2/tenants` (one request per page of " +
			"5000 tenants).",
		Attributes: map[string]schema.Attribute{
			"tenant_id": schema.StringAttribute{
				MarkdownDescription: "The UUID of the tenant to list below. Default: the tenant of the provider's API client.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{tenantIDFormat.validator()},
			},
			"subtree": schema.BoolAttribute{
				MarkdownDescription: "`false` (the default) lists the tenant's direct children; `true` every tenant " +
					"below it, at any depth. The tenant itself is never listed.",
				Optional: true,
			},
			"kinds": schema.SetAttribute{
				MarkdownDescription: "Only tenants of these kinds: " + kindsDescription(acronis.TenantKinds) +
					". The API has no such filter: the provider applies it to what the API lists. Default: every kind.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(acronis.TenantKinds...)),
				},
			},
			"tenants": schema.ListNestedAttribute{
				MarkdownDescription: "The tenants, sorted by `name`, then `id`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":        schema.StringAttribute{MarkdownDescription: "The tenant's UUID.", Computed: true},
					"name":      schema.StringAttribute{MarkdownDescription: "The tenant's name.", Computed: true},
					"kind":      schema.StringAttribute{MarkdownDescription: "One of " + kindsDescription(acronis.TenantKinds) + ".", Computed: true},
					"parent_id": schema.StringAttribute{MarkdownDescription: "The UUID of the tenant's parent.", Computed: true},
					"enabled":   schema.BoolAttribute{MarkdownDescription: "Whether the tenant is enabled.", Computed: true},
					"mfa_status": schema.StringAttribute{
						MarkdownDescription: "The tenant object's `mfa_status`: `enabled`, `disabled`, `setup_required` or " +
							"`forcibly_disabled`. Folders and units show the status they inherit.",
						Computed: true,
					},
				}},
			},
		},
	}
}

func (d *tenantsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *tenantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m tenantsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, ok := acronisClient(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	l := tenantListing{root: m.TenantID, subtree: m.Subtree.ValueBool(), kinds: stringValues(m.Kinds)}
	root, ts, err := l.list(ctx, c)
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag(l.operation(root), err, tenantListAdvice))
		return
	}
	m.TenantID = types.StringValue(root)
	m.Tenants = make([]tenantModel, 0, len(ts))
	for _, t := range ts {
		m.Tenants = append(m.Tenants, tenantModel{
			ID: types.StringValue(t.ID), Name: types.StringValue(t.Name), Kind: types.StringValue(t.Kind),
			ParentID: types.StringValue(t.ParentID), Enabled: types.BoolValue(t.Enabled),
			MFAStatus: types.StringValue(t.MFAStatus),
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func stringValues(vs []types.String) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.ValueString())
	}
	return out
}
