# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "P-1DT48H": a "-" sign is not allowed, as durations can't be negative; use days, hours, minutes and seconds, e.g. P90DT6H30M5S
# attribute: password_duration
#
# A negative component, which Java would add up to a positive total, is refused as well.
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
  password_duration = "P-1DT48H"
}
