# summary: Unsupported argument
# detail: An argument named "user" is not expected here.
# attribute: user
#
# user for username.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  user = "demo-user"
}
