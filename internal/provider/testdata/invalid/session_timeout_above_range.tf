# summary: Session Inactivity Timeout Out Of Range
# detail: Attribute session_inactivity_timeout "P7D" is out of range: the session inactivity timeout must be between PT5M (300 seconds) and PT24H (86400 seconds), e.g. PT30M or PT8H (Identity's default is PT15M).
# attribute: session_inactivity_timeout
#
# A week is longer than the 24 hours Identity allows.
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
  session_inactivity_timeout = "P7D"
}
