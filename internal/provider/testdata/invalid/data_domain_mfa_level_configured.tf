# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: enforcement_level
#
# The twin only reads the level; setting it is the resource's job.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = "123456"
  enforcement_level = "REQUIRED"
}
