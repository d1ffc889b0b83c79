# The CloudSSO part: the directory's MFA status and, optionally, its password policy.

resource "authpolicy_directory_mfa_status" "this" {
  count = var.cloudsso == null ? 0 : 1

  directory_id = var.cloudsso.directory_id
  enabled      = var.cloudsso.mfa_enabled
}

# Fields left null are not managed: the directory keeps what it has.
resource "authpolicy_directory_password_policy" "this" {
  count = try(var.cloudsso.password_policy, null) == null ? 0 : 1

  directory_id                  = var.cloudsso.directory_id
  min_password_length           = var.cloudsso.password_policy.min_password_length
  min_password_different_chars  = var.cloudsso.password_policy.min_password_different_chars
  password_not_contain_username = var.cloudsso.password_policy.password_not_contain_username
  max_password_age              = var.cloudsso.password_policy.max_password_age
  password_reuse_prevention     = var.cloudsso.password_policy.password_reuse_prevention
  max_login_attempts            = var.cloudsso.password_policy.max_login_attempts
}
