# summary: Acronis Not Configured
# detail: This object uses the Acronis Cyber Protect Cloud API, but the provider has no acronis block
# detail: Add an acronis block to the authpolicy provider configuration.
# attribute: acronis
#
# The resource needs Acronis, but only a cloudsso block is configured.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id = "13131313-1313-4313-8313-131313131313"
  enabled = true
}
