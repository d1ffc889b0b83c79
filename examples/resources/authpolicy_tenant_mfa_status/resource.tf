# Every user of the customer tenant must set up two-factor authentication.
resource "authpolicy_tenant_mfa_status" "customer" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}

output "users_without_totp" {
  value = authpolicy_tenant_mfa_status.customer.users_count - authpolicy_tenant_mfa_status.customer.users_with_totp_enabled_count
}
