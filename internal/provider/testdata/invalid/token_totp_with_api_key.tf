# summary: Invalid Attribute Combination
# detail: Attribute "password" must be specified when "totp_secret" is specified
# attribute: totp_secret
#
# API-key logins are never challenged, so a TOTP secret has nothing to answer.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  username    = "demo-user"
  api_key     = "fedcba9876543210fedcba9876543210"
  totp_secret = "JBSWY3DPEHPK3PXP"
}
