# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: users
#
# users is what the data source returns, not a filter.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_users" "test" {
  users = []
}
