# Control Panel sessions of the account's users end after 30 idle minutes.
resource "authpolicy_domain_session_timeout" "account" {
  domain_id                  = "123456"
  session_inactivity_timeout = "PT30M"
}
