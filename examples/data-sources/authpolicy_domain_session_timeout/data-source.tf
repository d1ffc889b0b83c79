# Idle sessions of the domain end within 30 minutes. Terraform has no duration functions: this
# accepts the minutes form (PT15M, PT30M), and PT1H or longer fails it.
check "idle_sessions_end_within_30_minutes" {
  data "authpolicy_domain_session_timeout" "account" {
    domain_id = "123456"
  }

  assert {
    condition     = try(tonumber(regex("^PT([0-9]+)M$", data.authpolicy_domain_session_timeout.account.session_inactivity_timeout)[0]) <= 30, false)
    error_message = "Idle sessions of domain 123456 last longer than 30 minutes: the timeout is ${data.authpolicy_domain_session_timeout.account.session_inactivity_timeout}."
  }
}
