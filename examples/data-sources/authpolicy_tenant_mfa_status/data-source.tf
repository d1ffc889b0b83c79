# Two-factor authentication stays on for the customer tenant, and every user has set it up.
check "tenant_requires_two_factor" {
  data "authpolicy_tenant_mfa_status" "customer" {
    tenant_id = "22222222-2222-4222-8222-222222222222"
  }

  assert {
    condition     = data.authpolicy_tenant_mfa_status.customer.enabled
    error_message = "Two-factor authentication is off for tenant 22222222-2222-4222-8222-222222222222."
  }

  assert {
    condition     = data.authpolicy_tenant_mfa_status.customer.users_with_totp_enabled_count == data.authpolicy_tenant_mfa_status.customer.users_count
    error_message = "${data.authpolicy_tenant_mfa_status.customer.users_count - data.authpolicy_tenant_mfa_status.customer.users_with_totp_enabled_count} users of tenant 22222222-2222-4222-8222-222222222222 have not set up two-factor authentication."
  }
}
