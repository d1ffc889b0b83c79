package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// The four settings resources share one shape: a parent object's ID that replaces the
// resource when it changes, a setting written whole by Create and Update, read back whole by
// Read, reset to the service's default by Delete, and imported by the parent's ID. What they
// share lives here.

// settingsResource is embedded by every settings resource for Configure and ImportState.
type settingsResource struct {
	data *providerData
	// parent is the attribute holding the parent's ID, which is also the import ID, and its form.
	parent parentIDFormat
}

// parentIDFormat is the form of a parent ID. The attribute's validator checks it in the
// configuration and ImportState in an import ID, in the same words, so a malformed import ID
// fails before it becomes part of a request path.
type parentIDFormat struct {
	attr    string
	pattern *regexp.Regexp
	// want completes "must be ...".
	want string
}

func (f parentIDFormat) validator() validator.String {
	return stringvalidator.RegexMatches(f.pattern, "must be "+f.want)
}

func (r *settingsResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *settingsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !r.parent.pattern.MatchString(req.ID) {
		resp.Diagnostics.AddAttributeError(path.Root(r.parent.attr), "Invalid Import ID",
			fmt.Sprintf("The import ID %q is not a valid %s: it must be %s.", req.ID, r.parent.attr, r.parent.want))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root(r.parent.attr), req, resp)
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// writePlan is the whole of Create and Update of a settings resource: the setting is written
// whole from the plan, and the plan becomes the state. Nothing is read back: the write's
// success says the API holds what was planned, and Read catches any later change.
func writePlan[M any](ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics, write func(*M, *diag.Diagnostics)) {
	var m M
	diags.Append(plan.Get(ctx, &m)...)
	if diags.HasError() {
		return
	}
	write(&m, diags)
	if diags.HasError() {
		return
	}
	diags.Append(state.Set(ctx, &m)...)
}

// parentIDAttribute is the required parent ID; changing it means managing another object.
func parentIDAttribute(description string, format parentIDFormat) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description + " Changing it replaces the resource.",
		Required:            true,
		Validators:          []validator.String{format.validator()},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// idAttribute mirrors the parent ID, as Terraform's tooling expects an id.
func idAttribute(parent string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The `" + parent + "`, for tools that expect an `id`.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// Domain IDs are numbers for cloud accounts; Rackspace's own tools also use prefixed IDs such
// as dedicated:1234 and dp:1234.
var domainIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._-]*$`)

var domainIDFormat = parentIDFormat{attr: "domain_id", pattern: domainIDPattern,
	want: "a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-')"}

func domainIDAttribute() schema.StringAttribute {
	return parentIDAttribute("ID of the Rackspace Cloud Identity domain (the account number for cloud accounts).", domainIDFormat)
}
