# summary: Incorrect attribute value type
# detail: Inappropriate value for attribute "password_history_restriction": a number is required.
# attribute: password_history_restriction
#
# The history is a count.
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
  password_history_restriction = "five"
}
