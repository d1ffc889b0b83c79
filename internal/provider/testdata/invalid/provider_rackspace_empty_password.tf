# summary: Missing Rackspace Credential
# detail: The rackspace block needs exactly one of password, api_key or token
# attribute: rackspace
#
# An empty password is no credential.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    password = ""
  }
}

data "authpolicy_token" "test" {
}
