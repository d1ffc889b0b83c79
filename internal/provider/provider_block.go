package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// What the provider's service blocks (rackspace, acronis, cloudsso) share: each attribute may
// come from an environment variable instead, the provider needs every value to plan, and an
// object whose service is not configured says how to configure it.

// blockSetting is a string attribute of a service block and the environment variable that
// stands in for it when the attribute is null.
type blockSetting struct {
	name, env string
	value     types.String
	// into, when set, receives the attribute's value or else the variable's.
	into *string
	// required settings may not end up empty.
	required bool
}

// resolveBlock merges the settings of a service block with the environment. block is the
// block's name, service the name its diagnostics give the service.
func resolveBlock(block, service string, settings []blockSetting, getenv func(string) string) diag.Diagnostics {
	var diags diag.Diagnostics
	root := path.Root(block)
	for _, s := range settings {
		switch {
		case s.value.IsUnknown():
			diags.AddAttributeError(root.AtName(s.name), "Unknown "+service+" Setting",
				fmt.Sprintf("%s.%s depends on a value that is not known until apply, but the provider needs it "+
					"to plan. Set it to a known value, or use the %s environment variable.", block, s.name, s.env))
		case s.into == nil:
		case s.value.IsNull():
			*s.into = getenv(s.env)
		default:
			*s.into = s.value.ValueString()
		}
		if s.required && s.into != nil && !s.value.IsUnknown() && *s.into == "" {
			diags.AddAttributeError(root.AtName(s.name), "Missing "+service+" Setting",
				fmt.Sprintf("The %s block needs %s (or the %s environment variable).", block, s.name, s.env))
		}
	}
	return diags
}

// anyEnv reports whether any of the variables is set: a service whose block is absent is
// still configured by its credential variables.
func anyEnv(getenv func(string) string, envs ...string) bool {
	for _, env := range envs {
		if getenv(env) != "" {
			return true
		}
	}
	return false
}

// notConfigured is the error of an object whose service has neither its block nor any of its
// credential variables.
func notConfigured(diags *diag.Diagnostics, service, uses, block string, envs ...string) {
	set := "neither " + strings.Join(envs, " nor ")
	if len(envs) > 2 {
		set = "none of " + strings.Join(envs[:len(envs)-1], ", ") + " or " + envs[len(envs)-1]
	}
	article := "a"
	if strings.ContainsRune("aeiou", rune(block[0])) {
		article = "an"
	}
	diags.AddError(service+" Not Configured", fmt.Sprintf("This object uses %s, but the provider has no %s block and "+
		"%s is set. Add %s %s block to the authpolicy provider configuration.", uses, block, set, article, block))
}
