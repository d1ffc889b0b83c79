# summary: Missing Credential For Username
# detail: username logs in as another user and needs that user's password or api_key.
# attribute: username
#
# Logging in as another user needs that user's credential.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  username = "demo-user"
}
