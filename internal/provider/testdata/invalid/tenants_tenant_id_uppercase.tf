# summary: Invalid Attribute Value Match
# detail: Attribute tenant_id must be the tenant's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222, got: 11111111-1111-4111-8111-11111111111A
# attribute: tenant_id
#
# Acronis IDs are lowercase UUIDs; the API's path and query patterns refuse upper case.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenants" "test" {
  tenant_id = "11111111-1111-4111-8111-11111111111A"
}
