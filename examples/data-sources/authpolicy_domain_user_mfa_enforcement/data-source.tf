# The break-glass user must keep using multi-factor authentication, whatever the domain's level.
check "break_glass_user_requires_mfa" {
  data "authpolicy_domain_user_mfa_enforcement" "break_glass" {
    user_id = "10002"
  }

  assert {
    condition     = data.authpolicy_domain_user_mfa_enforcement.break_glass.enforcement_level == "REQUIRED"
    error_message = "User 10002 may log in without multi-factor authentication: its level is ${data.authpolicy_domain_user_mfa_enforcement.break_glass.enforcement_level}."
  }
}
