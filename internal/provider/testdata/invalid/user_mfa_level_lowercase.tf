# summary: Invalid Attribute Value Match
# detail: Attribute enforcement_level value must be one of: ["DEFAULT" "REQUIRED" "OPTIONAL"], got: "optional"
# attribute: enforcement_level
#
# Identity matches the levels case-sensitively.
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
  enforcement_level = "optional"
}
