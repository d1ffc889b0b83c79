# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "P1Y": years, months and weeks are not allowed; use days, hours, minutes and seconds, e.g. P90DT6H30M5S
# attribute: password_duration
#
# Identity reads durations with java.time.Duration, which has no years.
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
  password_duration = "P1Y"
}
