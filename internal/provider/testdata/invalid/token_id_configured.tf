# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: id
#
# id is the token Identity issues.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  id = "0123456789abcdef"
}
