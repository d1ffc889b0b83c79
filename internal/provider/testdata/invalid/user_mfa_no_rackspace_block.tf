# summary: Rackspace Identity Not Configured
# detail: This object uses Rackspace Cloud Identity, but the provider has no rackspace block
# detail: Add a rackspace block to the authpolicy provider configuration.
# attribute: rackspace
#
# The resource needs Rackspace Identity, but only an acronis block is configured.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_domain_user_mfa_enforcement" "test" {
  user_id           = "10002"
  enforcement_level = "REQUIRED"
}
