# summary: Invalid Attribute Combination
# detail: Attribute "api_key" cannot be specified when "password" is specified
# attribute: password
# terraform: >= 1.10.0
#
# One login, one credential.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

ephemeral "authpolicy_token" "test" {
  username = "demo-user"
  password = "demo-password-2"
  api_key  = "fedcba9876543210fedcba9876543210"
}

provider "echo" {
  data = ephemeral.authpolicy_token.test
}

resource "echo" "test" {}
