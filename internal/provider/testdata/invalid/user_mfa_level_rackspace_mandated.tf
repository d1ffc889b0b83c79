# summary: Invalid Attribute Value Match
# detail: Attribute enforcement_level value must be one of: ["DEFAULT" "REQUIRED" "OPTIONAL"], got: "RACKSPACE_MANDATED"
# attribute: enforcement_level
#
# RACKSPACE_MANDATED is a domain level; a user's is DEFAULT, REQUIRED or OPTIONAL.
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
  enforcement_level = "RACKSPACE_MANDATED"
}
