# summary: Invalid Attribute Value Match
# detail: Attribute acronis.client_id must be the API client's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222, got: terraform
# attribute: acronis.client_id
#
# The API client's name instead of its ID.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "terraform"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
