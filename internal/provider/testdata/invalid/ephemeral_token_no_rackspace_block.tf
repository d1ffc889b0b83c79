# summary: Rackspace Identity Not Configured
# detail: This object uses Rackspace Cloud Identity, but the provider has no rackspace block
# detail: Add a rackspace block to the authpolicy provider configuration.
# attribute: rackspace
# terraform: >= 1.10.0
#
# The ephemeral resource needs Rackspace Identity, but only a cloudsso block is configured.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

ephemeral "authpolicy_token" "test" {
}

provider "echo" {
  data = ephemeral.authpolicy_token.test
}

resource "echo" "test" {}
