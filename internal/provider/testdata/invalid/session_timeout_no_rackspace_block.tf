# summary: Rackspace Identity Not Configured
# detail: This object uses Rackspace Cloud Identity, but the provider has no rackspace block
# detail: Add a rackspace block to the authpolicy provider configuration.
# attribute: rackspace
#
# The resource needs Rackspace Identity, but only a cloudsso block is configured.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_domain_session_timeout" "test" {
  domain_id                  = "123456"
  session_inactivity_timeout = "PT30M"
}
