# Passwords of the account expire within 90 days and may not repeat the last 5. A domain without
# a password policy reads as configured = false, with null values. This check expects the
# duration in whole days (P90D): other spellings (PT2160H) fail it.
check "passwords_expire_within_90_days" {
  data "authpolicy_domain_password_policy" "account" {
    domain_id = "123456"
  }

  assert {
    condition = data.authpolicy_domain_password_policy.account.configured && try(
      tonumber(regex("^P([0-9]+)D$", data.authpolicy_domain_password_policy.account.password_duration)[0]) <= 90,
    false)
    error_message = "Passwords of domain 123456 must expire within 90 days (P90D or less); the policy says ${coalesce(data.authpolicy_domain_password_policy.account.password_duration, "never")}."
  }

  assert {
    condition     = coalesce(data.authpolicy_domain_password_policy.account.password_history_restriction, 0) >= 5
    error_message = "Passwords of domain 123456 must not repeat any of the last 5."
  }
}
