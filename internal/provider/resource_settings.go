package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every settings resource has one shape: a parent object's ID that replaces the resource when
// it changes, a setting written whole by Create and Update, read back whole by Read, returned
// to the service's default by Delete, and imported by the parent's ID. settingsResource is that
// shape, once; a resource's file gives only a settingSpec: its schema, its model M, and how the
// setting is read, written and reset through the client S of its API.

var (
	_ resource.ResourceWithConfigure        = &settingsResource[struct{}, any]{}
	_ resource.ResourceWithImportState      = &settingsResource[struct{}, any]{}
	_ resource.ResourceWithModifyPlan       = &settingsResource[struct{}, any]{}
	_ resource.ResourceWithConfigValidators = &settingsResource[struct{}, any]{}
	_ resource.ResourceWithIdentity         = &settingsResource[struct{}, any]{}
)

// settingSpec is what one settings resource adds to the shape.
type settingSpec[M, S any] struct {
	// name follows the provider's type name: "domain_mfa_enforcement".
	name        string
	description string
	parent      parentIDFormat
	// attributes are the setting's own; the parent ID and id are added.
	attributes map[string]schema.Attribute
	validators []resource.ConfigValidator

	// client is the API client of the setting's service, with a diagnostic naming the missing
	// provider block when it is not configured.
	client func(*providerData, *diag.Diagnostics) (S, bool)
	// read fills m from the API; a not-found error removes the resource from state.
	read func(ctx context.Context, c S, m *M) error
	// write sends m whole and may complete its computed attributes from the answer.
	write func(ctx context.Context, c S, m *M) error
	// reset returns the setting to the service's default (it may change m to say which).
	reset func(ctx context.Context, c S, m *M) error
	// subject names the setting in operations ("the password policy of domain 123"), and
	// value, when set, the value a write sends.
	subject func(m *M) string
	value   func(m *M) string
	// advice is what this object adds to its service's advice for an API failure.
	advice map[kind]advice
	// unset, when set, says that a parent may lack the setting, and what that means, completing
	// "`false` when ...": read's not-found error then means the parent has none, not that the
	// parent is missing. The data-source twin shows it as configured = false with the setting's
	// attributes null; the resource's Read drops the resource, whose setting was deleted.
	unset string

	// modifyPlan, when set, adds plan-time checks; c is the zero S when the plan destroys.
	modifyPlan func(ctx context.Context, c S, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
	// created, when set, adds diagnostics to a successful Create from what the write answered.
	created func(m *M) diag.Diagnostics
}

type settingsResource[M, S any] struct {
	spec settingSpec[M, S]
	data *providerData
}

func newSettingsResource[M, S any](spec settingSpec[M, S]) resource.Resource {
	return &settingsResource[M, S]{spec: spec}
}

func (r *settingsResource[M, S]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.spec.name
}

func (r *settingsResource[M, S]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		r.spec.parent.attr: r.spec.parent.attribute(),
		"id":               idAttribute(r.spec.parent.attr),
	}
	for name, a := range r.spec.attributes {
		attrs[name] = a
	}
	resp.Schema = schema.Schema{MarkdownDescription: r.spec.description, Attributes: attrs}
}

// IdentitySchema makes the parent ID the resource's identity (Terraform 1.12+, OpenTofu 1.12+):
// it names the object the setting belongs to and never changes, since a new parent replaces
// the resource.
func (r *settingsResource[M, S]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		r.spec.parent.attr: identityschema.StringAttribute{RequiredForImport: true, Description: r.spec.parent.description},
	}}
}

func (r *settingsResource[M, S]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *settingsResource[M, S]) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return r.spec.validators
}

// ModifyPlan fails the plan of a new or changed setting when the provider lacks the block of
// its service: the apply could only fail, after other objects of the run may have changed.
func (r *settingsResource[M, S]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var c S
	if !req.Plan.Raw.IsNull() {
		var ok bool
		if c, ok = r.spec.client(r.data, &resp.Diagnostics); !ok {
			return
		}
	}
	if r.spec.modifyPlan != nil {
		r.spec.modifyPlan(ctx, c, req, resp)
	}
}

func (r *settingsResource[M, S]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	m := r.writePlan(ctx, req.Plan, &resp.State, resp.Identity, "Setting", &resp.Diagnostics)
	if m != nil && r.spec.created != nil {
		resp.Diagnostics.Append(r.spec.created(m)...)
	}
}

func (r *settingsResource[M, S]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	m, c, ok := r.load(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	err := r.spec.read(ctx, c, m)
	if isNotFound(err) {
		// The parent, or the setting itself, was deleted outside Terraform. The framework
		// still wants the identity of a resource that Read drops.
		r.save(ctx, m, &resp.State, resp.Identity, &resp.Diagnostics)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(apiErrorDiag("Reading "+r.spec.subject(m), err, r.spec.advice))
		return
	}
	r.save(ctx, m, &resp.State, resp.Identity, &resp.Diagnostics)
}

func (r *settingsResource[M, S]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	_ = r.writePlan(ctx, req.Plan, &resp.State, resp.Identity, "Updating", &resp.Diagnostics)
}

func (r *settingsResource[M, S]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	m, c, ok := r.load(ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	err := r.spec.reset(ctx, c, m)
	var warning *settingWarning
	switch {
	case errors.As(err, &warning):
		resp.Diagnostics.AddWarning(warning.summary, warning.detail)
	case err != nil:
		resp.Diagnostics.Append(apiErrorDiag(r.operation("Resetting", m), err, r.spec.advice))
	}
}

// settingWarning is what a reset returns when the API keeps the setting and the resource may
// still leave the state, or a write that took effect but could not learn all that followed: the
// diagnostic it becomes is a warning, and the resource's state is still saved or removed.
type settingWarning struct{ summary, detail string }

func (w *settingWarning) Error() string { return w.summary + ": " + w.detail }

// ImportState takes the parent ID from the import ID, or from the identity of an import block,
// and checks it as the parent attribute's validator checks configuration, in the same words,
// so a malformed ID fails before it becomes part of a request path.
func (r *settingsResource[M, S]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	p := r.spec.parent
	id, what := req.ID, "import ID"
	if id == "" && req.Identity != nil {
		var v types.String
		resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root(p.attr), &v)...)
		id, what = v.ValueString(), "identity's "+p.attr
	}
	if !p.pattern.MatchString(id) {
		resp.Diagnostics.AddAttributeError(path.Root(p.attr), "Invalid Import ID",
			fmt.Sprintf("The %s %q is not a valid %s: it must be %s.", what, id, p.attr, p.want))
		return
	}
	r.saveParent(ctx, types.StringValue(id), &resp.State, resp.Identity, &resp.Diagnostics)
}

// writePlan is Create and Update: the setting is written whole from the plan, and the plan, as
// the write completed it, becomes the state. Nothing is read back: the write's success says the
// API holds what was planned, and Read catches any later change.
func (r *settingsResource[M, S]) writePlan(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State,
	identity *tfsdk.ResourceIdentity, verb string, diags *diag.Diagnostics) *M {
	var m M
	diags.Append(plan.Get(ctx, &m)...)
	if diags.HasError() {
		return nil
	}
	c, ok := r.spec.client(r.data, diags)
	if !ok {
		return nil
	}
	err := r.spec.write(ctx, c, &m)
	var warning *settingWarning
	switch {
	case errors.As(err, &warning):
		diags.AddWarning(warning.summary, warning.detail)
	case err != nil:
		diags.Append(apiErrorDiag(r.operation(verb, &m), err, r.spec.advice))
		return nil
	}
	r.save(ctx, &m, state, identity, diags)
	return &m
}

func (r *settingsResource[M, S]) load(ctx context.Context, state tfsdk.State, diags *diag.Diagnostics) (*M, S, bool) {
	var m M
	var c S
	diags.Append(state.Get(ctx, &m)...)
	if diags.HasError() {
		return nil, c, false
	}
	c, ok := r.spec.client(r.data, diags)
	return &m, c, ok
}

// save stores m, with id and the identity following its parent ID.
func (r *settingsResource[M, S]) save(ctx context.Context, m *M, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	diags.Append(state.Set(ctx, m)...)
	var parent types.String
	diags.Append(state.GetAttribute(ctx, path.Root(r.spec.parent.attr), &parent)...)
	r.saveParent(ctx, parent, state, identity, diags)
}

// saveParent stores the parent ID, id mirroring it, and the identity, which the CLI offers
// only from Terraform 1.12 and OpenTofu 1.12 on.
func (r *settingsResource[M, S]) saveParent(ctx context.Context, parent types.String, state *tfsdk.State,
	identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	attr := path.Root(r.spec.parent.attr)
	diags.Append(state.SetAttribute(ctx, attr, parent)...)
	diags.Append(state.SetAttribute(ctx, path.Root("id"), parent)...)
	if identity != nil {
		diags.Append(identity.SetAttribute(ctx, attr, parent)...)
	}
}

func (r *settingsResource[M, S]) operation(verb string, m *M) string {
	op := verb + " " + r.spec.subject(m)
	if r.spec.value != nil {
		op += " to " + r.spec.value(m)
	}
	return op
}

// parentIDFormat is the form of a parent ID, checked in configuration by the attribute's
// validator and in an import ID by ImportState.
type parentIDFormat struct {
	attr        string
	description string
	pattern     *regexp.Regexp
	// want completes "must be ...".
	want string
}

// attribute is the required parent ID; changing it means managing another object.
func (f parentIDFormat) attribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: f.description + " Changing it replaces the resource.",
		Required:            true,
		Validators:          []validator.String{f.validator()},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

// noun names the parent object: "domain" for domain_id.
func (f parentIDFormat) noun() string {
	return strings.TrimSuffix(f.attr, "_id")
}

func (f parentIDFormat) validator() validator.String {
	return stringvalidator.RegexMatches(f.pattern, "must be "+f.want)
}

// idAttribute mirrors the parent ID, as Terraform's tooling expects an id.
func idAttribute(parent string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The `" + parent + "`, for tools that expect an `id`.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}
