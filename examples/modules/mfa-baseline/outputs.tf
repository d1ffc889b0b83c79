locals {
  users_without_mfa = flatten(data.authpolicy_users.without_mfa[*].users)[*].username
  not_fully_enrolled = {
    for id, s in local.acronis_status : id => {
      name                          = local.acronis_managed[id].name
      users_count                   = s.users_count
      users_with_totp_enabled_count = s.users_with_totp_enabled_count
    } if s.users_with_totp_enabled_count < s.users_count
  }
}

output "rackspace_domain" {
  description = "The domain's baseline as applied: its MFA level, password policy, session timeout and per-user exceptions; null without the Rackspace part."
  value = var.rackspace == null ? null : {
    domain_id                  = var.rackspace.domain_id
    mfa_enforcement_level      = authpolicy_domain_mfa_enforcement.this[0].enforcement_level
    password_policy            = var.rackspace.password_policy
    session_inactivity_timeout = try(authpolicy_domain_session_timeout.this[0].session_inactivity_timeout, null)
    user_mfa_exceptions        = { for id, u in authpolicy_domain_user_mfa_enforcement.exception : id => u.enforcement_level }
  }
}

output "rackspace_users_without_mfa" {
  description = "Usernames of the domain's enabled users who have not set up multi-factor authentication, sorted."
  value       = local.users_without_mfa
}

output "acronis_managed_tenants" {
  description = "The customer tenants whose two-factor authentication the module manages, as ID => name."
  value       = { for id, t in local.acronis_managed : id => t.name }
}

output "acronis_excluded_tenants" {
  description = "The customer tenants left alone, as ID => name and MFA status (`enabled`, `disabled`, ...)."
  value       = { for id, t in local.acronis_excluded : id => { name = t.name, mfa_status = t.mfa_status } }
}

output "acronis_tenants_not_fully_enrolled" {
  description = "The managed customer tenants where some users have not set up TOTP yet, as ID => name and counts."
  value       = local.not_fully_enrolled
}

output "cloudsso_directory" {
  description = "The directory's MFA status and the password-policy fields the module manages; null without the CloudSSO part."
  value = var.cloudsso == null ? null : {
    directory_id    = var.cloudsso.directory_id
    mfa_enabled     = authpolicy_directory_mfa_status.this[0].enabled
    password_policy = var.cloudsso.password_policy == null ? null : { for k, v in var.cloudsso.password_policy : k => v if v != null }
  }
}

output "compliance" {
  description = "A summary: how many enabled users lack MFA, how many managed tenants are not fully enrolled, how many customers are excluded, and whether all three are zero."
  value = {
    rackspace_users_without_mfa        = length(local.users_without_mfa)
    acronis_tenants_not_fully_enrolled = length(local.not_fully_enrolled)
    acronis_excluded_tenants           = length(local.acronis_excluded)
    compliant                          = length(local.users_without_mfa) + length(local.not_fully_enrolled) + length(local.acronis_excluded) == 0
  }
}
