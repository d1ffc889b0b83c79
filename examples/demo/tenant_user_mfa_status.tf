# demo-user of the demo customer gets two-factor authentication switched on once the customer
# requires it (the reference orders the two). demo-user has no authenticator yet, so the apply
# warns that they can't log in until they set up TOTP, and mfa_status is setup_required.
resource "authpolicy_tenant_user_mfa_status" "demo" {
  user_id = "12121212-1212-4212-8212-121212121212"
  enabled = authpolicy_tenant_mfa_status.demo.enabled
}

output "user_mfa" {
  value = "user ${authpolicy_tenant_user_mfa_status.demo.user_id} of tenant ${authpolicy_tenant_user_mfa_status.demo.tenant_id}: ${authpolicy_tenant_user_mfa_status.demo.mfa_status}"
}
