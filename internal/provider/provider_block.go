package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// blockSetting is a string attribute of a service block (rackspace, acronis, cloudsso) and the
// environment variable that stands in for it when the attribute is null.
type blockSetting struct {
	name, env string
	value     types.String
	// into, when set, receives the attribute's value or else the variable's.
	into *string
	// required settings, which need into, may not end up empty.
	required bool
}

// resolveBlock merges the settings of a service block with the environment. block is the
// block's name, service the service's name in diagnostics. The provider needs every setting
// to plan, so one not known until apply is an error.
func resolveBlock(block, service string, settings []blockSetting, getenv func(string) string) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, s := range settings {
		at := path.Root(block).AtName(s.name)
		switch {
		case s.value.IsUnknown():
			diags.AddAttributeError(at, "Unknown "+service+" Setting", fmt.Sprintf("%s.%s depends on a value that is "+
				"not known until apply, but the provider needs it to plan. Set it to a known value, or use the %s "+
				"environment variable.", block, s.name, s.env))
		case s.into == nil:
		case !s.value.IsNull():
			*s.into = s.value.ValueString()
		default:
			*s.into = getenv(s.env)
		}
		if s.required && !s.value.IsUnknown() && *s.into == "" {
			diags.AddAttributeError(at, "Missing "+service+" Setting",
				fmt.Sprintf("The %s block needs %s (or the %s environment variable).", block, s.name, s.env))
		}
	}
	return diags
}

// setting is an optional string attribute of a service block, whose description names the
// environment variable it falls back to.
func setting(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: validators}
}

// secretSetting is a setting that Terraform hides in its output.
func secretSetting(description string, validators ...validator.String) schema.StringAttribute {
	a := setting(description, validators...)
	a.Sensitive = true
	return a
}
