# summary: Missing Credential For Username
# detail: username logs in as another user and needs that user's password or api_key.
# attribute: username
# terraform: >= 1.10.0
#
# Logging in as another user needs that user's credential.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

ephemeral "authpolicy_token" "test" {
  username = "demo-user"
}

provider "echo" {
  data = ephemeral.authpolicy_token.test
}

resource "echo" "test" {}
