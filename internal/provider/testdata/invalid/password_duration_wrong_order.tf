# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "PT30M6H": hours must come before minutes; write days, hours, minutes and seconds in that order, e.g. P90DT6H30M5S
# attribute: password_duration
#
# Units go from days down to seconds.
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
  password_duration = "PT30M6H"
}
