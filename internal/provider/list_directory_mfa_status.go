package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// NewDirectoryMFAStatusListResource returns the list resource of authpolicy_directory_mfa_status.
func NewDirectoryMFAStatusListResource() list.ListResource {
	return newSettingsList(directoryMFAStatusSpec(), listSpec[*cloudsso.Client, noListConfig]{
		description: "Every Alibaba Cloud CloudSSO directory the provider's credentials can see, each as an " +
			"`authpolicy_directory_mfa_status` to import. One request (`ListDirectories`, which has no paging), " +
			"and with `include_resource` one `GetMFAAuthenticationStatus` per directory.",
		discover: func(ctx context.Context, c *cloudsso.Client, _ *noListConfig) ([]listedParent, error) {
			dirs, err := c.ListDirectories(ctx)
			out := make([]listedParent, 0, len(dirs))
			for _, d := range dirs {
				out = append(out, listedParent{id: d.ID, displayName: d.Name + " (" + d.Region + ")"})
			}
			return out, err
		},
		operation: func(*noListConfig) string { return "Listing the CloudSSO directories" },
	})
}
