package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

var (
	_ resource.ResourceWithConfigure   = &directoryMFAStatusResource{}
	_ resource.ResourceWithImportState = &directoryMFAStatusResource{}
	_ resource.ResourceWithModifyPlan  = &directoryMFAStatusResource{}
)

// directoryIDPattern is the form CloudSSO gives directory IDs: d- and 12 lowercase letters or digits.
var directoryIDPattern = regexp.MustCompile(`^d-[a-z0-9]{12}$`)

var directoryIDFormat = parentIDFormat{attr: "directory_id", pattern: directoryIDPattern,
	want: "a CloudSSO directory ID: d- followed by 12 lowercase letters or digits, such as d-00fc2p61abcd"}

// NewDirectoryMFAStatusResource returns the authpolicy_directory_mfa_status resource.
func NewDirectoryMFAStatusResource() resource.Resource {
	return &directoryMFAStatusResource{settingsResource{parent: directoryIDFormat}}
}

type directoryMFAStatusResource struct {
	settingsResource
}

type directoryMFAStatusModel struct {
	ID          types.String `tfsdk:"id"`
	DirectoryID types.String `tfsdk:"directory_id"`
	Enabled     types.Bool   `tfsdk:"enabled"`
}

func (r *directoryMFAStatusResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_directory_mfa_status"
}

func (r *directoryMFAStatusResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Whether the users of an Alibaba Cloud CloudSSO directory must use multi-factor " +
			"authentication (MFA) when they log in with a user name and password.",
		Attributes: map[string]schema.Attribute{
			"directory_id": parentIDAttribute("ID of the CloudSSO directory, such as `d-00fc2p61abcd`.", directoryIDFormat),
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "`true` for MFA `" + cloudsso.MFAEnabled + "`, `false` for `" + cloudsso.MFADisabled + "`.",
				Required:            true,
			},
			"id": idAttribute("directory_id"),
		},
	}
}

// ModifyPlan fails the plan of a new or changed status when the provider has no cloudsso block:
// the apply could only fail, after other objects of the run may already have changed.
func (r *directoryMFAStatusResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		r.data.cloudSSOOrDiag(&resp.Diagnostics)
	}
}

func (r *directoryMFAStatusResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *directoryMFAStatusModel, diags *diag.Diagnostics) {
		r.write(ctx, m, diags)
	})
}

func (r *directoryMFAStatusResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state directoryMFAStatusModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	svc := r.data.cloudSSOOrDiag(&resp.Diagnostics)
	if svc == nil {
		return
	}
	directoryID := state.DirectoryID.ValueString()
	enabled, err := svc.client.GetMFAAuthenticationStatus(ctx, directoryID)
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Reading the MFA status of directory "+directoryID, err, directoryMFAAdvice))
		return
	}
	state.Enabled = types.BoolValue(enabled)
	state.ID = state.DirectoryID
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *directoryMFAStatusResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	writePlan(ctx, req.Plan, &resp.State, &resp.Diagnostics, func(m *directoryMFAStatusModel, diags *diag.Diagnostics) {
		r.write(ctx, m, diags)
	})
}

// Delete returns the directory to MFA Enabled, the status of a new CloudSSO directory.
func (r *directoryMFAStatusResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state directoryMFAStatusModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Enabled = types.BoolValue(true)
	r.write(ctx, &state, &resp.Diagnostics)
}

func (r *directoryMFAStatusResource) write(ctx context.Context, m *directoryMFAStatusModel, diags *diag.Diagnostics) {
	svc := r.data.cloudSSOOrDiag(diags)
	if svc == nil {
		return
	}
	directoryID, enabled := m.DirectoryID.ValueString(), m.Enabled.ValueBool()
	if err := svc.client.SetMFAAuthenticationStatus(ctx, directoryID, enabled); err != nil {
		diags.Append(apiErrorDiag(fmt.Sprintf("Setting the MFA status of directory %s to %s", directoryID,
			cloudsso.MFAStatus(enabled)), err, directoryMFAAdvice))
		return
	}
	m.ID = m.DirectoryID
}

// directoryMFAAdvice adds what is specific to a directory's MFA status to the generic advice per failure.
var directoryMFAAdvice = map[kind]advice{
	cloudsso.KindForbidden: {text: "The RAM identity of the AccessKey needs cloudsso:GetMFAAuthenticationStatus and " +
		"cloudsso:SetMFAAuthenticationStatus on the directory."},
}
