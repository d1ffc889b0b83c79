# The domain requires multi-factor authentication; a service account that logs in with its API
# key (which multi-factor enforcement never blocks) is exempted, and one administrator must use
# it whatever the domain's level.
resource "authpolicy_domain_user_mfa_enforcement" "ci_bot" {
  user_id           = "cc0068ca9558433bb14472dbd16dde2f"
  enforcement_level = "OPTIONAL"
}

resource "authpolicy_domain_user_mfa_enforcement" "billing_admin" {
  user_id           = "10001"
  enforcement_level = "REQUIRED"
}
