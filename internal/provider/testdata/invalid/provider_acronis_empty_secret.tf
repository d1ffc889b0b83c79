# summary: Missing Acronis Setting
# detail: The acronis block needs client_secret (or the ACRONIS_CLIENT_SECRET environment variable).
# attribute: acronis.client_secret
#
# An empty secret is no secret.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = ""
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
