# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-'), got: 
# attribute: domain_id
#
# An empty domain ID would make the request path /domains//multi-factor.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = ""
  enforcement_level = "REQUIRED"
}
