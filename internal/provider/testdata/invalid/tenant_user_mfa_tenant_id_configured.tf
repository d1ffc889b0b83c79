# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: tenant_id
#
# The user's tenant is what the API reports; the user is named by user_id alone.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id   = "13131313-1313-4313-8313-131313131313"
  tenant_id = "88888888-8888-4888-8888-888888888888"
  enabled   = true
}
