package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

// tenantMFAKinds are the kinds of tenant that carry their own MFA status; the others inherit it
// and the resource can't manage them.
var tenantMFAKinds = slices.DeleteFunc(slices.Clone(acronis.TenantKinds), acronis.TenantInheritsMFA)

type tenantMFAStatusListModel struct {
	TenantID types.String   `tfsdk:"tenant_id"`
	Subtree  types.Bool     `tfsdk:"subtree"`
	Kinds    []types.String `tfsdk:"kinds"`
}

func (c *tenantMFAStatusListModel) listing() tenantListing {
	kinds := stringValues(c.Kinds)
	if len(kinds) == 0 {
		kinds = tenantMFAKinds
	}
	return tenantListing{root: c.TenantID, subtree: c.Subtree.ValueBool(), kinds: kinds}
}

// NewTenantMFAStatusListResource returns the list resource of authpolicy_tenant_mfa_status.
func NewTenantMFAStatusListResource() list.ListResource {
	return newSettingsList(tenantMFAStatusSpec(), listSpec[*acronis.Client, tenantMFAStatusListModel]{
		description: "The partner and customer tenants below a tenant, each as an `authpolicy_tenant_mfa_status` " +
			"to import. Folders and units are never listed: they inherit the status of their parent.",
		attributes: map[string]listschema.Attribute{
			"tenant_id": listschema.StringAttribute{
				MarkdownDescription: "The UUID of the tenant to list below. Default: the tenant of the provider's API client.",
				Optional:            true,
				Validators:          []validator.String{tenantIDFormat.validator()},
			},
			"subtree": listschema.BoolAttribute{
				MarkdownDescription: "`false` (the default) lists the tenant's direct children; `true` every tenant below it.",
				Optional:            true,
			},
			// List blocks have no set attributes; a list of unique values stands in for one.
			"kinds": listschema.ListAttribute{
				MarkdownDescription: "Only tenants of these kinds: " + kindsDescription(tenantMFAKinds) + ", each at most once. Default: both.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.OneOf(acronis.TenantKinds...)),
				},
			},
		},
		validate: func(_ context.Context, c *tenantMFAStatusListModel, diags *diag.Diagnostics) {
			for _, k := range c.Kinds {
				if acronis.TenantInheritsMFA(k.ValueString()) {
					diags.AddAttributeError(path.Root("kinds"), "Tenant Kind Without Its Own MFA Status", fmt.Sprintf(
						"kinds includes %q: a %s tenant inherits two-factor authentication from its parent and "+
							"authpolicy_tenant_mfa_status can't manage it. Use %s.", k.ValueString(), k.ValueString(),
						kindsDescription(tenantMFAKinds)))
				}
			}
		},
		discover: func(ctx context.Context, client *acronis.Client, c *tenantMFAStatusListModel) ([]listedParent, error) {
			_, ts, err := c.listing().list(ctx, client)
			out := make([]listedParent, 0, len(ts))
			for _, t := range ts {
				out = append(out, listedParent{id: t.ID, displayName: t.Name + " (" + t.Kind + ")"})
			}
			return out, err
		},
		operation: func(c *tenantMFAStatusListModel) string { return c.listing().operation(c.TenantID.ValueString()) },
		advice:    tenantListAdvice,
	})
}
