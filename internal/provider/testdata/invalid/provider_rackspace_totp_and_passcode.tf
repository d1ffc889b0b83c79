# summary: Invalid Attribute Combination
# detail: Attribute "rackspace.passcode" cannot be specified when "rackspace.totp_secret" is specified
# attribute: rackspace.totp_secret
#
# One answer to the challenge: computed from the secret, or given.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
    passcode    = "123456"
  }
}

data "authpolicy_token" "test" {
}
