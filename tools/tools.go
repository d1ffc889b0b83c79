//go:build generate

// Package tools pins the documentation generator in a module of its own, so that it never
// enters the provider's dependency graph.
package tools

import (
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Generate the provider's pages from the schema, examples/ and templates/.
//go:generate go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name authpolicy
