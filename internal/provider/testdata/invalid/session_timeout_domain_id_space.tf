# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456
# attribute: domain_id
#
# A domain ID has no spaces.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_session_timeout" "test" {
  domain_id                  = "123 456"
  session_inactivity_timeout = "PT30M"
}
