# summary: Invalid Attribute Combination
# detail: Attribute "rackspace.token" cannot be specified when "rackspace.api_key" is specified
# attribute: rackspace.api_key
#
# Exactly one of password, api_key or token.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
    token    = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
