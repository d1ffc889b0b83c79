# summary: Invalid Import ID
# detail: The import ID "not a domain!" is not a valid domain_id: it must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-').
# attribute: domain_id
#
# An import block whose ID is not a domain ID: the import would send it to Identity as a path
# segment.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = "123456"
  enforcement_level = "REQUIRED"
}

import {
  to = authpolicy_domain_mfa_enforcement.test
  id = "not a domain!"
}
