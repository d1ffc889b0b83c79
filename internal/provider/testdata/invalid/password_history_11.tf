# summary: Invalid Attribute Value
# detail: Attribute password_history_restriction value must be between 0 and 10, got: 11
# attribute: password_history_restriction
#
# Identity keeps at most 10 previous passwords.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_password_policy" "test" {
  domain_id                    = "123456"
  password_history_restriction = 11
}
