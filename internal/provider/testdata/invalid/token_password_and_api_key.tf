# summary: Invalid Attribute Combination
# detail: Attribute "api_key" cannot be specified when "password" is specified
# attribute: password
#
# One login, one credential.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  username = "demo-user"
  password = "demo-password-2"
  api_key  = "fedcba9876543210fedcba9876543210"
}
