# summary: Invalid Attribute Value Match
# detail: Attribute enforcement_level value must be one of: ["REQUIRED" "OPTIONAL"], got: "required"
# attribute: enforcement_level
#
# The levels are upper case, as Identity spells them; Identity refuses any other casing.
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
  enforcement_level = "required"
}
