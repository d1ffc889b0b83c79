# summary: Invalid Endpoint
# detail: acronis.endpoint: "https://eu2-cloud.acronis.com/ui/?tenant=1" must not have a query or a fragment.
# attribute: acronis.endpoint
#
# The URL of the console page instead of the data center.
provider "authpolicy" {
  acronis {
    endpoint      = "https://eu2-cloud.acronis.com/ui/?tenant=1"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}
