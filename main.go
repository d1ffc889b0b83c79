// Command terraform-provider-authpolicy serves the authpolicy Terraform provider.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/provider"
)

// version is set by goreleaser through -ldflags at release time.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	if flags := leakyVendorDebug(os.Getenv("DEBUG")); len(flags) > 0 {
		log.Fatalf("DEBUG=%s makes Alibaba Cloud's SDK print every request header, signatures and STS security "+
			"tokens included, and it decides so before the provider starts. Unset DEBUG (or remove %s from it); "+
			"use TF_LOG for the provider's own logs, which mask secrets.", os.Getenv("DEBUG"), strings.Join(flags, " and "))
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/authpolicy/authpolicy",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// leakyVendorDebug returns the entries of a DEBUG value that switch on the header dumps of
// Alibaba's tea and dara packages, which the CloudSSO client is built on.
func leakyVendorDebug(value string) []string {
	var found []string
	for _, part := range strings.Split(value, ",") {
		if (part == "tea" || part == "dara") && !slices.Contains(found, part) {
			found = append(found, part)
		}
	}
	return found
}
