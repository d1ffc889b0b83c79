# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-'), got: 123456/password-policy
# attribute: domain_id
#
# A slash would change the request path.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_password_policy" "test" {
  domain_id         = "123456/password-policy"
  password_duration = "P90D"
}
