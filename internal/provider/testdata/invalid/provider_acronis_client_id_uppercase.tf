# summary: Invalid Attribute Value Match
# detail: Attribute acronis.client_id must be the API client's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222, got: 4444444A-4444-4444-8444-444444444444
# attribute: acronis.client_id
#
# Acronis IDs are lowercase UUIDs.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "4444444A-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
