# summary: Unsupported argument
# detail: An argument named "password" is not expected here.
# attribute: password
#
# Acronis API clients have a client_secret, not a password.
provider "authpolicy" {
  acronis {
    endpoint  = "{{ENDPOINT}}"
    client_id = "44444444-4444-4444-8444-444444444444"
    password  = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
