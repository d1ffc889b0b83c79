# summary: Missing Acronis Setting
# detail: The acronis block needs endpoint (or the ACRONIS_BASE_URL environment variable).
# attribute: acronis.endpoint
#
# Acronis has one URL per data center and no default.
provider "authpolicy" {
  acronis {
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
