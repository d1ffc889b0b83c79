package perf

import (
	"fmt"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// kind is one resource type under test, or one of the floors: n objects of it, each set by
// variant 0 on create and changed by variant 1.
type kind struct {
	name string
	// provider is the local name of the provider the resource needs, if any.
	provider string
	// api is the emulator's name for the API the resource calls; empty for the floors.
	api string
	// logins is how many logins (token requests) one provider process makes when it calls
	// the API at all: CloudSSO signs each request instead.
	logins int
	// deletes: the resource's Delete deletes the setting; the others write back the service's
	// default.
	deletes bool
	// readsBack: the write reads the object back once, as the API answers it with no content.
	readsBack bool
	ids       func(n int) []string
	fixture   func(fx *emulator.Fixture, ids ...string)
	// blocks is the provider configuration for an emulator at url.
	blocks func(url string) string
	// resource is the resource block, with count over local.ids and settings by var.variant.
	resource string
	// listed: the configuration discovers the objects with a data source, so it lists no IDs.
	listed bool
	// env is what the provider processes need in their environment for n objects.
	env func(n int) map[string]string
	// files are more files of the configuration, by path in the working directory, such as a
	// child module's.
	files map[string]string
	// httpState keeps the state behind the http backend (stateServer) instead of a local file.
	httpState bool
}

// config is the whole configuration of n objects of k against the emulator at url.
func (k kind) config(url string, ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	// Only the provider in use is required: Terraform starts every required provider for its
	// schema, which would add a plugin to terraform_data's floor.
	sources := map[string]string{"authpolicy": "authpolicy/authpolicy", "floor": "bench/floor"}
	required := ""
	if k.provider != "" {
		required = fmt.Sprintf("terraform {\n  required_providers {\n    %s = { source = %q }\n  }\n}\n\n", k.provider, sources[k.provider])
	}
	locals := fmt.Sprintf("\nlocals {\n  ids = [%s]\n}\n", strings.Join(quoted, ", "))
	if k.listed {
		locals = ""
	}
	return required + fmt.Sprintf(`variable "variant" {
  type = number
}
%s%s
%s`, locals, k.blocks(url), k.resource)
}

func numberedIDs(format string) func(n int) []string {
	return func(n int) []string {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf(format, i)
		}
		return ids
	}
}

// The floors: Terraform's built-in terraform_data (no plugin at all), and a provider on the same
// framework whose resource calls no API (what any plugin costs).
var (
	terraformData = kind{
		name:   "terraform_data",
		ids:    numberedIDs("p%d"),
		blocks: func(string) string { return "" },
		resource: `
resource "terraform_data" "r" {
  count = length(local.ids)
  input = var.variant == 0 ? "a" : "b"
}
`,
	}
	pluginFloor = kind{
		name:     "plugin_floor",
		provider: "floor",
		ids:      numberedIDs("p%d"),
		blocks:   func(string) string { return "" },
		resource: `
resource "floor_setting" "r" {
  count     = length(local.ids)
  parent_id = local.ids[count.index]
  value     = var.variant == 0 ? "a" : "b"
}
`,
	}
)

// wideFloor is the plugin floor with the schema of authpolicy_tenant_mfa_status: what that
// schema costs without any API call.
var wideFloor = kind{
	name:     "plugin_floor_wide",
	provider: "floor",
	ids:      numberedIDs("p%d"),
	blocks:   func(string) string { return "" },
	resource: `
resource "floor_wide_setting" "r" {
  count     = length(local.ids)
  parent_id = local.ids[count.index]
  enabled   = var.variant == 0
}
`,
}

// rackspaceBlock logs in as Rackspace's own administrator, whom Identity lets act on any domain.
func rackspaceBlock(url string) string {
	return fmt.Sprintf(`
provider "authpolicy" {
  rackspace {
    endpoint = %q
    username = %q
    api_key  = %q
  }
}
`, url, emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
}

var (
	domainMFAEnforcement = kind{
		name:     "domain_mfa_enforcement",
		provider: "authpolicy",
		api:      emuidentity.Name,
		logins:   1,
		ids:      numberedIDs("8%05d"),
		fixture:  (*emulator.Fixture).AddDomains,
		blocks:   rackspaceBlock,
		resource: `
resource "authpolicy_domain_mfa_enforcement" "r" {
  count             = length(local.ids)
  domain_id         = local.ids[count.index]
  enforcement_level = var.variant == 0 ? "REQUIRED" : "OPTIONAL"
}
`,
	}
	domainPasswordPolicy = kind{
		name:     "domain_password_policy",
		provider: "authpolicy",
		api:      emuidentity.Name,
		logins:   1,
		deletes:  true,
		ids:      numberedIDs("8%05d"),
		fixture:  (*emulator.Fixture).AddDomains,
		blocks:   rackspaceBlock,
		resource: `
resource "authpolicy_domain_password_policy" "r" {
  count                        = length(local.ids)
  domain_id                    = local.ids[count.index]
  password_duration            = var.variant == 0 ? "P90D" : "P60D"
  password_history_restriction = var.variant == 0 ? 5 : 3
}
`,
	}
	tenantMFAStatus = kind{
		name:     "tenant_mfa_status",
		provider: "authpolicy",
		api:      emuacronis.Name,
		logins:   1,
		ids:      numberedIDs("99999999-0000-4000-8000-%012d"),
		fixture:  (*emulator.Fixture).AddCustomers,
		blocks: func(url string) string {
			return fmt.Sprintf(`
provider "authpolicy" {
  acronis {
    endpoint      = %q
    client_id     = %q
    client_secret = %q
  }
}
`, url, emuacronis.DemoClientID, emuacronis.DemoClientSecret)
		},
		resource: `
resource "authpolicy_tenant_mfa_status" "r" {
  count     = length(local.ids)
  tenant_id = local.ids[count.index]
  enabled   = var.variant == 0
}
`,
	}
	tenantUserMFAStatus = kind{
		name:      "tenant_user_mfa_status",
		provider:  "authpolicy",
		api:       emuacronis.Name,
		logins:    1,
		readsBack: true,
		ids:       numberedIDs("99999999-2222-4000-8000-%012d"),
		fixture:   (*emulator.Fixture).AddAcronisUsers,
		blocks:    tenantMFAStatus.blocks,
		resource: `
resource "authpolicy_tenant_user_mfa_status" "r" {
  count   = length(local.ids)
  user_id = local.ids[count.index]
  enabled = var.variant == 1
}
`,
	}
	directoryMFAStatus = kind{
		name:     "directory_mfa_status",
		provider: "authpolicy",
		api:      emucloudsso.Name,
		ids:      numberedIDs("d-perf%08d"),
		fixture:  (*emulator.Fixture).AddDirectories,
		blocks: func(url string) string {
			return fmt.Sprintf(`
provider "authpolicy" {
  cloudsso {
    endpoint          = %q
    access_key_id     = %q
    access_key_secret = %q
  }
}
`, url, emucloudsso.DemoAccessKeyID, emucloudsso.DemoAccessKeySecret)
		},
		resource: `
resource "authpolicy_directory_mfa_status" "r" {
  count        = length(local.ids)
  directory_id = local.ids[count.index]
  enabled      = var.variant == 1
}
`,
	}
	directoryPasswordPolicy = kind{
		name:     "directory_password_policy",
		provider: "authpolicy",
		api:      emucloudsso.Name,
		ids:      numberedIDs("d-perfpw%06d"),
		fixture:  (*emulator.Fixture).AddDirectories,
		blocks:   directoryMFAStatus.blocks,
		resource: `
resource "authpolicy_directory_password_policy" "r" {
  count            = length(local.ids)
  directory_id     = local.ids[count.index]
  max_password_age = var.variant == 0 ? 30 : 60
}
`,
	}
)

var (
	domainUserMFAEnforcement = kind{
		name:     "domain_user_mfa_enforcement",
		provider: "authpolicy",
		api:      emuidentity.Name,
		logins:   1,
		ids:      numberedIDs("perf-u%05d"),
		// identity:default users of the demo domain, whose levels Rackspace's administrator may set.
		fixture: func(fx *emulator.Fixture, ids ...string) {
			for _, id := range ids {
				fx.Identity.Users = append(fx.Identity.Users, emuidentity.UserFixture{ID: id, Username: "user-" + id, DomainID: emuidentity.DemoDomainID})
			}
		},
		blocks: rackspaceBlock,
		resource: `
resource "authpolicy_domain_user_mfa_enforcement" "r" {
  count             = length(local.ids)
  user_id           = local.ids[count.index]
  enforcement_level = var.variant == 0 ? "REQUIRED" : "OPTIONAL"
}
`,
	}
	domainSessionTimeout = kind{
		name:     "domain_session_timeout",
		provider: "authpolicy",
		api:      emuidentity.Name,
		logins:   1,
		ids:      numberedIDs("8%05d"),
		fixture:  (*emulator.Fixture).AddDomains,
		blocks:   rackspaceBlock,
		resource: `
resource "authpolicy_domain_session_timeout" "r" {
  count                      = length(local.ids)
  domain_id                  = local.ids[count.index]
  session_inactivity_timeout = var.variant == 0 ? "PT30M" : "PT1H"
}
`,
	}
)

// resourceKinds are the resource types of the provider, each named by its type name without
// "authpolicy_". TestAccMinimalCalls fails for a resource type with no kind here.
var resourceKinds = []kind{domainMFAEnforcement, domainPasswordPolicy, tenantMFAStatus, directoryMFAStatus,
	directoryPasswordPolicy, tenantUserMFAStatus, domainUserMFAEnforcement, domainSessionTimeout}

// unmeasured are the objects TestAccMinimalCalls has no cycle for, by address prefix, and why.
var unmeasured = map[string]string{
	"data.authpolicy_token": "it only logs in, once per provider process however many there are: " +
		"internal/provider TestAccTokenDataSource_sharesProviderLogin counts its logins",
	"data.authpolicy_users": "it writes nothing and makes one request per page of 1000 users: " +
		"internal/provider TestAccUsers_pages counts them",
	"ephemeral.authpolicy_token": "each open logs in once and each close revokes once: " +
		"internal/provider TestAccTokenEphemeralResource counts both",
	"data.authpolicy_tenants": "it writes nothing and reads one request per page of tenants: " +
		"internal/provider TestAccTenantsDataSource_children counts the pages of every read",
	"data.authpolicy_directories": "it writes nothing and reads one ListDirectories and one status request per " +
		"directory: internal/provider TestAccDirectories_basic counts them",
	"data.authpolicy_domain_mfa_enforcement":      twinUnmeasured,
	"data.authpolicy_domain_password_policy":      twinUnmeasured,
	"data.authpolicy_tenant_mfa_status":           twinUnmeasured,
	"data.authpolicy_directory_mfa_status":        twinUnmeasured,
	"data.authpolicy_directory_password_policy":   twinUnmeasured,
	"data.authpolicy_tenant_user_mfa_status":      twinUnmeasured,
	"data.authpolicy_domain_user_mfa_enforcement": twinUnmeasured,
	"data.authpolicy_domain_session_timeout":      twinUnmeasured,
}

// twinUnmeasured is why the data-source twin of a settings resource has no kind.
const twinUnmeasured = "it writes nothing and makes one request per read, its resource's read: " +
	"internal/provider TestAccSettingsTwin_check counts them"
