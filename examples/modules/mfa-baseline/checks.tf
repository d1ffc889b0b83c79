# Checks that the live settings still match the baseline, read with the data-source twins of the
# resources. A failed check is a warning: it shows drift in `terraform plan -refresh-only` and in
# HCP Terraform's health checks without blocking a run.
#
# The twins are ordinary data sources rather than data blocks nested in the checks: a nested data
# block takes no count, and every part of this module is optional. Each depends on the resources
# it confirms, so in a plan that changes them it is read during the apply, after the change (the
# plan reports the checks as known after apply); in a plan that changes nothing, such as a
# refresh-only plan, it reads the live value at once. Durations are compared as text: write them
# as Identity echoes them (e.g. "P90D", "PT30M").

locals {
  # The baseline's values, "" or -1 where a part or a field is not set: a module expression is
  # evaluated even when its part is off, so none may read an attribute of a null variable.
  want_mfa_level         = try(coalesce(var.rackspace.mfa_enforcement_level), "")
  want_password_duration = try(coalesce(var.rackspace.password_policy.password_duration), "")
  want_password_history  = try(coalesce(var.rackspace.password_policy.password_history_restriction), -1)
  want_session_timeout   = try(coalesce(var.rackspace.session_inactivity_timeout), "")
  want_user_levels       = try(var.rackspace.user_mfa_exceptions, {})
  want_tenant_mfa        = try(var.acronis.enabled, true)
  want_directory_mfa     = try(var.cloudsso.mfa_enabled, true)
  want_directory_policy  = try({ for k, v in var.cloudsso.password_policy : k => v if v != null }, {})
}

data "authpolicy_domain_mfa_enforcement" "live" {
  count = length(authpolicy_domain_mfa_enforcement.this)

  domain_id  = var.rackspace.domain_id
  depends_on = [authpolicy_domain_mfa_enforcement.this]
}

data "authpolicy_domain_password_policy" "live" {
  count = length(authpolicy_domain_password_policy.this)

  domain_id  = var.rackspace.domain_id
  depends_on = [authpolicy_domain_password_policy.this]
}

data "authpolicy_domain_session_timeout" "live" {
  count = length(authpolicy_domain_session_timeout.this)

  domain_id  = var.rackspace.domain_id
  depends_on = [authpolicy_domain_session_timeout.this]
}

data "authpolicy_domain_user_mfa_enforcement" "live" {
  for_each = local.want_user_levels

  user_id    = each.key
  depends_on = [authpolicy_domain_user_mfa_enforcement.exception]
}

locals {
  rackspace_drift = concat(
    [for d in data.authpolicy_domain_mfa_enforcement.live : "multi-factor enforcement is ${d.enforcement_level}, not ${local.want_mfa_level}"
    if d.enforcement_level != local.want_mfa_level],
    [for p in data.authpolicy_domain_password_policy.live : "passwords expire after ${coalesce(p.password_duration, "none")}, not ${local.want_password_duration}"
    if local.want_password_duration != "" && p.password_duration != local.want_password_duration],
    [for p in data.authpolicy_domain_password_policy.live : "the password history is ${coalesce(p.password_history_restriction, "none")}, not ${local.want_password_history}"
    if local.want_password_history >= 0 && p.password_history_restriction != local.want_password_history],
    [for s in data.authpolicy_domain_session_timeout.live : "sessions time out after ${s.session_inactivity_timeout}, not ${local.want_session_timeout}"
    if s.session_inactivity_timeout != local.want_session_timeout],
    [for id, u in data.authpolicy_domain_user_mfa_enforcement.live : "user ${id}'s own level is ${u.enforcement_level}, not ${local.want_user_levels[id]}"
    if u.enforcement_level != local.want_user_levels[id]],
  )
}

check "rackspace_domain" {
  assert {
    condition     = length(local.rackspace_drift) == 0
    error_message = "Domain ${try(var.rackspace.domain_id, "")} differs from the baseline: ${join("; ", local.rackspace_drift)}."
  }
}

# One listing confirms every managed tenant, rather than one twin read per tenant.
data "authpolicy_tenants" "after" {
  count = length(data.authpolicy_tenants.customers)

  tenant_id  = var.acronis.partner_tenant_id
  subtree    = var.acronis.include_nested
  kinds      = ["customer"]
  depends_on = [module.customers]
}

locals {
  acronis_drift = [
    for t in flatten(data.authpolicy_tenants.after[*].tenants) : t.name
    if contains(keys(local.acronis_managed), t.id) && (t.mfa_status == "enabled") != local.want_tenant_mfa
  ]
}

check "acronis_tenants" {
  assert {
    condition     = length(local.acronis_drift) == 0
    error_message = "Two-factor authentication should be ${local.want_tenant_mfa ? "on" : "off"} in these customer tenants, and is not: ${join(", ", local.acronis_drift)}."
  }
}

data "authpolicy_directory_mfa_status" "live" {
  count = length(authpolicy_directory_mfa_status.this)

  directory_id = var.cloudsso.directory_id
  depends_on   = [authpolicy_directory_mfa_status.this]
}

data "authpolicy_directory_password_policy" "live" {
  count = length(authpolicy_directory_password_policy.this)

  directory_id = var.cloudsso.directory_id
  depends_on   = [authpolicy_directory_password_policy.this]
}

locals {
  cloudsso_drift = concat(
    [for d in data.authpolicy_directory_mfa_status.live : "MFA is ${d.enabled ? "Enabled" : "Disabled"}, not ${local.want_directory_mfa ? "Enabled" : "Disabled"}"
    if d.enabled != local.want_directory_mfa],
    flatten([for p in data.authpolicy_directory_password_policy.live : [
      for name, want in local.want_directory_policy : "${name} is ${p[name]}, not ${want}" if p[name] != want
    ]]),
  )
}

check "cloudsso_directory" {
  assert {
    condition     = length(local.cloudsso_drift) == 0
    error_message = "Directory ${try(var.cloudsso.directory_id, "")} differs from the baseline: ${join("; ", local.cloudsso_drift)}."
  }
}
