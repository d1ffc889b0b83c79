# summary: Missing required argument
# detail: The argument "tenant_id" is required, but no definition was found.
# attribute: tenant_id
#
# The twin reads one tenant's status: it needs the tenant.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenant_mfa_status" "test" {}
