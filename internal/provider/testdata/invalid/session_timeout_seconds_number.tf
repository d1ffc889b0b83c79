# summary: Invalid Duration
# detail: Attribute session_inactivity_timeout is not a valid ISO 8601 duration: "900"
# attribute: session_inactivity_timeout
#
# A number of seconds is not a duration.
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
  session_inactivity_timeout = "900"
}
