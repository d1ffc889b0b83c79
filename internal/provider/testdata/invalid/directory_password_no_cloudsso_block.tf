# summary: CloudSSO Not Configured
# detail: This object uses Alibaba Cloud CloudSSO, but the provider has no cloudsso block
# detail: Add a cloudsso block to the authpolicy provider configuration.
# attribute: cloudsso
#
# The resource needs CloudSSO, but only a rackspace block is configured.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id     = "d-demo00000001"
  max_password_age = 30
}
