# The administrator of the customer tenant keeps two-factor authentication on, set up.
check "admin_uses_two_factor" {
  data "authpolicy_tenant_user_mfa_status" "admin" {
    user_id = "13131313-1313-4313-8313-131313131313"
  }

  assert {
    condition     = data.authpolicy_tenant_user_mfa_status.admin.mfa_status == "enabled"
    error_message = "User 13131313-1313-4313-8313-131313131313 signs in without two-factor authentication: its status is ${data.authpolicy_tenant_user_mfa_status.admin.mfa_status}."
  }
}
