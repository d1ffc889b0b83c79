# summary: Invalid Endpoint
# detail: acronis.endpoint: plain http is accepted only for loopback addresses (localhost, 127.0.0.0/8, ::1); use https for eu2-cloud.acronis.com.
# attribute: acronis.endpoint
#
# The client secret must never cross a network in clear text.
provider "authpolicy" {
  acronis {
    endpoint      = "http://eu2-cloud.acronis.com"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
