# Two-factor authentication is required in the tenant...
resource "authpolicy_tenant_mfa_status" "customer" {
  tenant_id = "88888888-8888-4888-8888-888888888888"
  enabled   = true
}

# ...and switched on for this user: referencing the tenant's switch orders the two, since a
# user's switch can only be turned on while the tenant requires two-factor authentication.
resource "authpolicy_tenant_user_mfa_status" "admin" {
  user_id = "13131313-1313-4313-8313-131313131313"
  enabled = authpolicy_tenant_mfa_status.customer.enabled
}

output "admin_mfa_status" {
  # enabled, or setup_required until the user sets up TOTP.
  value = authpolicy_tenant_user_mfa_status.admin.mfa_status
}
