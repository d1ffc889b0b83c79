# summary: Configuration Read Error
# detail: An unexpected error was encountered trying to convert an attribute value from the configuration.
# attribute: password_history_restriction
#
# The history is a whole number of passwords.
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
  password_history_restriction = 2.5
}
