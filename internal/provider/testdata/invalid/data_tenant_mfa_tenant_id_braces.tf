# summary: Invalid Attribute Value Match
# detail: Attribute tenant_id must be the tenant's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222, got: {22222222-2222-4222-8222-222222222222}
# attribute: tenant_id
#
# A UUID in the braces some tools print.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "{22222222-2222-4222-8222-222222222222}"
}
