# summary: Missing required argument
# detail: The argument "enforcement_level" is required, but no definition was found.
# attribute: enforcement_level
#
# The level is required.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id = "123456"
}
