# summary: Invalid Attribute Value Match
# detail: Attribute user_id must be the user's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222, got: enrolled-user
# attribute: user_id
#
# The user's login instead of its ID.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id = "enrolled-user"
  enabled = true
}
