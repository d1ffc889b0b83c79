# summary: Incorrect attribute value type
# detail: Inappropriate value for attribute "enabled": a bool is required.
# attribute: enabled
#
# The switch is a bool, not the API's status word.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id = "13131313-1313-4313-8313-131313131313"
  enabled = "setup_required"
}
