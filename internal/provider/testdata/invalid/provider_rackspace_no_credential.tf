# summary: Missing Rackspace Credential
# detail: The rackspace block needs exactly one of password, api_key or token
# attribute: rackspace
#
# A user name alone can not log in.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
  }
}

data "authpolicy_token" "test" {
}
