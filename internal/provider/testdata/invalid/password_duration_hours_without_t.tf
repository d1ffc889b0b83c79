# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "P12H": hours must come after "T", e.g. PT1H
# attribute: password_duration
#
# Hours belong after T.
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
  password_duration = "P12H"
}
