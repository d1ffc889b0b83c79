# summary: Missing Attribute Configuration
# detail: At least one of these attributes must be configured: [password_duration,password_history_restriction]
# attribute: password_duration
#
# A policy with neither setting would write nothing.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_password_policy" "test" {
  domain_id = "123456"
}
