# summary: Incorrect attribute value type
# detail: Inappropriate value for attribute "enabled": a bool is required.
# attribute: enabled
#
# enabled is a bool; "yes" is not one.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = "yes"
}
