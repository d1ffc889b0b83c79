# summary: Invalid Duration
# detail: Attribute password_duration is not a valid ISO 8601 duration: "P6M": years, months and weeks are not allowed ("M" before "T" means months); for minutes put "T" first, e.g. PT30M
# attribute: password_duration
#
# M before T is months, which java.time.Duration does not read.
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
  password_duration = "P6M"
}
