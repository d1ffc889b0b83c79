# summary: Invalid Import ID
# detail: The import ID "enrolled-user" is not a valid user_id: it must be the user's UUID in lowercase, such as 22222222-2222-4222-8222-222222222222.
# attribute: user_id
#
# An import block with the user's login instead of its UUID.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

resource "authpolicy_tenant_user_mfa_status" "test" {
  user_id = "13131313-1313-4313-8313-131313131313"
  enabled = true
}

import {
  to = authpolicy_tenant_user_mfa_status.test
  id = "enrolled-user"
}
