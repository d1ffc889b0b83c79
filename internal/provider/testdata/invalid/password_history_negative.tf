# summary: Invalid Attribute Value
# detail: Attribute password_history_restriction value must be between 0 and 10, got: -1
# attribute: password_history_restriction
#
# A history can not be negative.
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
  password_history_restriction = -1
}
