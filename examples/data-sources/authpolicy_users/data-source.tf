# Every user of the provider's domain that the provider's user can see.
data "authpolicy_users" "all" {}

# The enabled users who still have no multi-factor authentication.
data "authpolicy_users" "without_mfa" {
  enabled              = true
  multi_factor_enabled = false
}

output "users_without_mfa" {
  value = [for u in data.authpolicy_users.without_mfa.users : u.username]
}

# Keyed by ID, for for_each.
locals {
  users_by_id = { for u in data.authpolicy_users.all.users : u.id => u }
}
