# Every user of the account must use multi-factor authentication, whoever manages the domain's
# level: the check warns at each plan and apply once the level is lowered to OPTIONAL.
check "domain_requires_mfa" {
  data "authpolicy_domain_mfa_enforcement" "account" {
    domain_id = "123456"
  }

  assert {
    condition     = contains(["REQUIRED", "RACKSPACE_MANDATED"], data.authpolicy_domain_mfa_enforcement.account.enforcement_level)
    error_message = "Domain 123456 does not require multi-factor authentication: its level is ${data.authpolicy_domain_mfa_enforcement.account.enforcement_level}."
  }
}
