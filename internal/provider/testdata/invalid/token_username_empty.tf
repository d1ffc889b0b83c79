# summary: Invalid Attribute Value Length
# detail: Attribute username string length must be at least 1, got: 0
# attribute: username
#
# An empty user name.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  username = ""
  password = "demo-password-2"
}
