# summary: Unsupported argument
# detail: An argument named "max_age" is not expected here.
# attribute: max_age
#
# A guess at the attribute name.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "JBSWY3DPEHPK3PXP"
  }
}

resource "authpolicy_domain_password_policy" "test" {
  domain_id         = "123456"
  password_duration = "P90D"
  max_age           = 90
}
