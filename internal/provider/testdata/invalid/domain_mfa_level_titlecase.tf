# summary: Invalid Attribute Value Match
# detail: Attribute enforcement_level value must be one of: ["REQUIRED" "OPTIONAL"], got: "Optional"
# attribute: enforcement_level
#
# Title case is as wrong as lower case.
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
  enforcement_level = "Optional"
}
