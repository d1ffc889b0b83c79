# summary: Invalid Import ID
# detail: The import ID "10002/RAX-AUTH/multi-factor" is not a valid user_id: it must be a user ID such as cc0068ca9558433bb14472dbd16dde2f or 10001 (starting with a letter or digit, with no '/' and no whitespace).
# attribute: user_id
#
# An import block whose ID is a path, not a user ID: the import would send it to Identity as
# part of the request path.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_user_mfa_enforcement" "test" {
  user_id           = "10002"
  enforcement_level = "REQUIRED"
}

import {
  to = authpolicy_domain_user_mfa_enforcement.test
  id = "10002/RAX-AUTH/multi-factor"
}
