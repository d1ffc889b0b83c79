# summary: Acronis Not Configured
# detail: This object uses the Acronis Cyber Protect Cloud API, but the provider has no acronis block
# detail: Add an acronis block to the authpolicy provider configuration.
# attribute: acronis
#
# The resource needs Acronis, but only a rackspace block is configured.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
