# summary: Invalid Attribute Value Match
# detail: Attribute user_id must be a user ID such as cc0068ca9558433bb14472dbd16dde2f or 10001
# attribute: user_id
#
# The user name is not the ID: Identity addresses users by ID.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_user_mfa_enforcement" "test" {
  user_id           = "demo user"
  enforcement_level = "REQUIRED"
}
