# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-'), got: 123 456
# attribute: domain_id
#
# A space in a domain ID (a number pasted with a thousands separator).
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = "123 456"
  enforcement_level = "REQUIRED"
}
