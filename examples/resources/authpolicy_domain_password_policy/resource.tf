# Passwords expire after 90 days and may not repeat any of the last 10.
resource "authpolicy_domain_password_policy" "account" {
  domain_id                    = "123456"
  password_duration            = "P90D"
  password_history_restriction = 10
}
