# summary: Invalid Attribute Combination
# detail: Attribute "username" must be specified when "password" is specified
# attribute: password
#
# A password alone says nothing about whose it is.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  password = "demo-password-2"
}
