# summary: Invalid Attribute Value Length
# detail: Attribute tenant_id string length must be at least 1, got: 0
# attribute: tenant_id
#
# An empty tenant ID: leave tenant_id out for the default tenant.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  tenant_id = ""
}
