# summary: Missing required argument
# detail: The argument "enabled" is required, but no definition was found.
# attribute: enabled
#
# enabled is required: the resource exists to set it.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
}
