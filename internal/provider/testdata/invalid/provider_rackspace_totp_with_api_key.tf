# summary: Invalid Attribute Combination
# detail: Attribute "rackspace.api_key" cannot be specified when "rackspace.totp_secret" is specified
# attribute: rackspace.totp_secret
#
# API-key logins are never challenged, so a TOTP secret has nothing to answer.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    api_key     = "0123456789abcdef0123456789abcdef"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

data "authpolicy_token" "test" {
}
