# Every user of the account must use multi-factor authentication.
resource "authpolicy_domain_mfa_enforcement" "account" {
  domain_id         = "123456"
  enforcement_level = "REQUIRED"
}
