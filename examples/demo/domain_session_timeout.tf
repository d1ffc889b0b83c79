# Control Panel sessions of the demo account end after 30 idle minutes (destroy puts back
# Identity's default, PT15M).
resource "authpolicy_domain_session_timeout" "demo" {
  domain_id                  = data.authpolicy_token.admin.domain_id
  session_inactivity_timeout = "PT30M"
}

output "domain_session_timeout" {
  value = "sessions idle for ${authpolicy_domain_session_timeout.demo.session_inactivity_timeout} end"
}
