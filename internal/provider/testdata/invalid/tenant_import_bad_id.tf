# summary: Invalid Import ID
# detail: The import ID "Demo Customer" is not a valid tenant_id: it must be the tenant's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222.
# attribute: tenant_id
#
# An import block with the tenant's name instead of its UUID.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_mfa_status" "test" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}

import {
  to = authpolicy_tenant_mfa_status.test
  id = "Demo Customer"
}
