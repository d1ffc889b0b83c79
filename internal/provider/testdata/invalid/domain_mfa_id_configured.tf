# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: id
#
# id is computed from domain_id; setting it is a mistake Terraform itself catches.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  domain_id         = "123456"
  enforcement_level = "REQUIRED"
  id                = "123456"
}
