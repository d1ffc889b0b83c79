# The demo `make demo` applies against the emulator. The provider reads its credentials from
# the RS_* environment variables the demo script sets for the emulator's demo user.
terraform {
  required_providers {
    authpolicy = {
      source = "authpolicy/authpolicy"
    }
  }
}

provider "authpolicy" {
  rackspace {}
  acronis {}
  cloudsso {}
}

# A password login answered with a TOTP passcode: demo-admin has an authenticator device.
data "authpolicy_token" "admin" {}

output "token_owner" {
  value = "${data.authpolicy_token.admin.user_name} (domain ${data.authpolicy_token.admin.domain_id})"
}

output "token_roles" {
  value = [for r in data.authpolicy_token.admin.roles : r.name]
}

output "token_expires" {
  value = data.authpolicy_token.admin.expires
}

output "authenticated_by" {
  value = data.authpolicy_token.admin.authenticated_by
}

# The demo account requires multi-factor authentication of every user...
resource "authpolicy_domain_mfa_enforcement" "demo" {
  domain_id         = data.authpolicy_token.admin.domain_id
  enforcement_level = "REQUIRED"
}

# ...and rotates passwords every 90 days, never reusing the last 5.
resource "authpolicy_domain_password_policy" "demo" {
  domain_id                    = data.authpolicy_token.admin.domain_id
  password_duration            = "P90D"
  password_history_restriction = 5
}

output "domain_mfa_enforcement" {
  value = authpolicy_domain_mfa_enforcement.demo.enforcement_level
}

output "domain_password_policy" {
  value = "passwords expire after ${authpolicy_domain_password_policy.demo.password_duration}, last ${authpolicy_domain_password_policy.demo.password_history_restriction} may not be reused"
}

# The demo customer tenant requires two-factor authentication; the apply warns that 3 of its 5
# users have not set up TOTP yet.
resource "authpolicy_tenant_mfa_status" "demo" {
  tenant_id = "22222222-2222-4222-8222-222222222222"
  enabled   = true
}

output "tenant_mfa" {
  value = "tenant ${authpolicy_tenant_mfa_status.demo.tenant_id}: ${authpolicy_tenant_mfa_status.demo.mfa_status}, ${authpolicy_tenant_mfa_status.demo.users_with_totp_enabled_count} of ${authpolicy_tenant_mfa_status.demo.users_count} users enrolled"
}

# The demo CloudSSO directory stops requiring MFA (destroy turns it back on, the default).
resource "authpolicy_directory_mfa_status" "demo" {
  directory_id = "d-demo00000001"
  enabled      = false
}

output "directory_mfa" {
  value = "directory ${authpolicy_directory_mfa_status.demo.directory_id}: MFA ${authpolicy_directory_mfa_status.demo.enabled ? "Enabled" : "Disabled"}"
}
