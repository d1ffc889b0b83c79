# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "P1.5D": only seconds can have a fraction, e.g. PT1.5S; write other fractions in smaller units, e.g. PT1H30M
# attribute: password_duration
#
# Only seconds may have a fraction.
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
  password_duration = "P1.5D"
}
