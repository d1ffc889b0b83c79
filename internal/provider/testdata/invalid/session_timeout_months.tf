# summary: Invalid Duration
# detail: Attribute session_inactivity_timeout is not a valid ISO 8601 duration: "P30M": years, months and weeks are not allowed ("M" before "T" means months); for minutes put "T" first, e.g. PT30M
# attribute: session_inactivity_timeout
#
# Thirty minutes written without the T is thirty months.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_session_timeout" "test" {
  domain_id                  = "123456"
  session_inactivity_timeout = "P30M"
}
