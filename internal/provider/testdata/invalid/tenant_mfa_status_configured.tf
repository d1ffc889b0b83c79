# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: mfa_status
#
# mfa_status is what the API reports; the setting is enabled.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id  = "22222222-2222-4222-8222-222222222222"
  enabled    = true
  mfa_status = "enabled"
}
