# summary: Invalid Attribute Combination
# detail: Attribute "rackspace.api_key" cannot be specified when "rackspace.password" is specified
# attribute: rackspace.password
#
# Exactly one of password, api_key or token.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    password = "demo-password-1"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
