# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "90D": must start with "P"; use days, hours, minutes and seconds, e.g. P90DT6H30M5S
# attribute: password_duration
#
# Every ISO 8601 duration starts with P.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_password_policy" "test" {
  domain_id         = "123456"
  password_duration = "90D"
}
