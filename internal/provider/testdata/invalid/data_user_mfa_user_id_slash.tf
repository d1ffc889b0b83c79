# summary: Invalid Attribute Value Match
# detail: Attribute user_id must be a user ID such as cc0068ca9558433bb14472dbd16dde2f or 10001 (starting with a letter or digit, with no '/' and no whitespace), got: 10002/RAX-AUTH
# attribute: user_id
#
# A slash would move the request to another route.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

data "authpolicy_domain_user_mfa_enforcement" "test" {
  user_id = "10002/RAX-AUTH"
}
