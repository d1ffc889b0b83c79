# summary: Duplicate rackspace block
# detail: Only one block of type "rackspace" is allowed.
# attribute: rackspace
#
# One rackspace block per provider configuration; use an alias for a second login.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-user"
    api_key  = "fedcba9876543210fedcba9876543210"
  }
}

data "authpolicy_token" "test" {
}
