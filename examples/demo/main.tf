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
