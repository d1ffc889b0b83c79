package provider

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Every settings resource can have a list resource for `terraform query` (Terraform 1.14+): it
// finds the parent objects a setting could be managed on and returns, for each, the resource's
// identity (the parent ID) and, when the query asks for it (include_resource), the resource as
// its Read would store it. settingsList is that shape, once, on the resource's own settingSpec;
// a list resource adds only a listSpec: its configuration and how to find the parents.

var (
	_ list.ListResourceWithConfigure      = &settingsList[struct{}, any, struct{}]{}
	_ list.ListResourceWithValidateConfig = &settingsList[struct{}, any, struct{}]{}
)

// listSpec is what one list resource adds to its settings resource's settingSpec; C is the model
// of its configuration.
type listSpec[S, C any] struct {
	description string
	attributes  map[string]listschema.Attribute
	// validate, when set, adds checks of the configuration that no attribute validator can make.
	validate func(ctx context.Context, config *C, diags *diag.Diagnostics)
	// discover returns the parents the setting can be managed on, in the order to list them.
	discover func(ctx context.Context, client S, config *C) ([]listedParent, error)
	// operation names the discovery in an error ("Listing the children of tenant …").
	operation func(config *C) string
	// advice is what this listing adds to its service's advice for an API failure.
	advice map[kind]advice
}

// listedParent is one parent object found: its ID and the name a query shows for it.
type listedParent struct {
	id, displayName string
}

type settingsList[M, S, C any] struct {
	spec settingSpec[M, S]
	list listSpec[S, C]
	data *providerData
}

func newSettingsList[M, S, C any](spec settingSpec[M, S], l listSpec[S, C]) list.ListResource {
	return &settingsList[M, S, C]{spec: spec, list: l}
}

// Metadata names the list resource after the resource it lists, as Terraform requires.
func (l *settingsList[M, S, C]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.spec.name
}

func (l *settingsList[M, S, C]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{MarkdownDescription: l.list.description, Attributes: l.list.attributes}
}

func (l *settingsList[M, S, C]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (l *settingsList[M, S, C]) ValidateListResourceConfig(ctx context.Context, req list.ValidateConfigRequest, resp *list.ValidateConfigResponse) {
	if l.list.validate == nil {
		return
	}
	var c C
	resp.Diagnostics.Append(req.Config.Get(ctx, &c)...)
	if !resp.Diagnostics.HasError() {
		l.list.validate(ctx, &c, &resp.Diagnostics)
	}
}

// List discovers every parent first, so that a failed discovery returns only its error and no
// part of a listing; then streams one result per parent, the first of them up to the query's
// limit. With include_resource each result carries the resource as Read stores it, from the
// spec's read; a parent gone since the discovery is left out, as Read would drop it.
func (l *settingsList[M, S, C]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var c C
	diags := req.Config.Get(ctx, &c)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	client, ok := l.spec.client(l.data, &diags)
	if !ok {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	parents, err := l.list.discover(ctx, client, &c)
	if err != nil {
		diags.Append(apiErrorDiag(l.list.operation(&c), err, l.list.advice))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	if req.Limit > 0 && int64(len(parents)) > req.Limit {
		parents = parents[:req.Limit]
	}
	stream.Results = func(push func(list.ListResult) bool) {
		results, keep := l.results(ctx, req, client, parents)
		for i := range results {
			if keep[i] && !push(results[i]) {
				return
			}
		}
	}
}

// listReads is how many resources a list reads at once for include_resource: Terraform's own
// default -parallelism, so that a query of thousands costs what a refresh of them does.
const listReads = 10

// results builds every parent's result, reading up to listReads resources at once, in the
// order of parents.
func (l *settingsList[M, S, C]) results(ctx context.Context, req list.ListRequest, client S, parents []listedParent) ([]list.ListResult, []bool) {
	results, keep := make([]list.ListResult, len(parents)), make([]bool, len(parents))
	slots := make(chan struct{}, listReads)
	var wg sync.WaitGroup
	for i, p := range parents {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			results[i], keep[i] = l.result(ctx, req, client, p)
		}()
	}
	wg.Wait()
	return results, keep
}

// result is one parent's identity and, if asked, its resource; keep is false for a parent that
// no longer exists.
func (l *settingsList[M, S, C]) result(ctx context.Context, req list.ListRequest, client S, p listedParent) (list.ListResult, bool) {
	result := req.NewListResult(ctx)
	result.DisplayName = p.displayName
	attr, id := path.Root(l.spec.parent.attr), types.StringValue(p.id)
	result.Diagnostics.Append(result.Identity.SetAttribute(ctx, attr, id)...)
	// A setting a parent may lack (settingSpec.unset) can't be imported where it is missing: every
	// parent is then read, include_resource or not, and those without the setting are left out.
	if !req.IncludeResource && l.spec.unset == "" || result.Diagnostics.HasError() {
		return result, true
	}
	// The model starts as Read finds it in state: the parent ID and nothing else.
	result.Diagnostics.Append(result.Resource.SetAttribute(ctx, attr, id)...)
	var m M
	result.Diagnostics.Append(result.Resource.Get(ctx, &m)...)
	if result.Diagnostics.HasError() {
		return result, true
	}
	err := l.spec.read(ctx, client, &m)
	if isNotFound(err) {
		return result, false
	}
	if err != nil {
		result.Diagnostics.Append(apiErrorDiag("Reading "+l.spec.subject(&m), err, l.spec.advice))
		return result, true
	}
	if !req.IncludeResource {
		// Read only to learn that the setting exists: the result stays an identity.
		result.Resource = nil
		return result, true
	}
	result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
	result.Diagnostics.Append(result.Resource.SetAttribute(ctx, attr, id)...)
	result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root("id"), id)...)
	return result, true
}
