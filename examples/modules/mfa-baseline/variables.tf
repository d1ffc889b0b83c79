variable "rackspace" {
  description = <<-EOT
    The Rackspace Cloud Identity domain's baseline, or null to leave Rackspace alone.
    `domain_id` is the domain (the account number of a cloud account);
    `mfa_enforcement_level` is `REQUIRED` (the default) or `OPTIONAL`;
    `password_policy` sets password rotation (`password_duration`, an ISO-8601 duration such as
    `P90D`) and history (`password_history_restriction`, 0 to 10), null leaves it alone;
    `session_inactivity_timeout` is an ISO-8601 duration from `PT5M` to `PT24H`, null leaves it
    alone; `user_mfa_exceptions` maps user IDs to their own level (`OPTIONAL`, `REQUIRED` or
    `DEFAULT`), e.g. a service account exempted from a `REQUIRED` domain.
  EOT
  type = object({
    domain_id             = string
    mfa_enforcement_level = optional(string, "REQUIRED")
    password_policy = optional(object({
      password_duration            = optional(string)
      password_history_restriction = optional(number)
    }))
    session_inactivity_timeout = optional(string)
    user_mfa_exceptions        = optional(map(string), {})
  })
  default = null

  validation {
    condition     = var.rackspace == null ? true : can(regex("^[0-9A-Za-z][0-9A-Za-z_-]*$", var.rackspace.domain_id))
    error_message = "rackspace.domain_id must be a domain ID such as \"900001\": letters, digits, '-' and '_'."
  }
  validation {
    condition     = var.rackspace == null ? true : contains(["REQUIRED", "OPTIONAL"], var.rackspace.mfa_enforcement_level)
    error_message = "rackspace.mfa_enforcement_level must be \"REQUIRED\" or \"OPTIONAL\" (RACKSPACE_MANDATED is set by Rackspace, not by customers)."
  }
  validation {
    condition     = var.rackspace == null ? true : alltrue([for level in values(var.rackspace.user_mfa_exceptions) : contains(["OPTIONAL", "REQUIRED", "DEFAULT"], level)])
    error_message = "Each value of rackspace.user_mfa_exceptions must be \"OPTIONAL\", \"REQUIRED\" or \"DEFAULT\"."
  }
  validation {
    condition = (var.rackspace == null ? true : var.rackspace.password_policy == null ? true :
      var.rackspace.password_policy.password_history_restriction == null ? true :
    var.rackspace.password_policy.password_history_restriction >= 0 && var.rackspace.password_policy.password_history_restriction <= 10)
    error_message = "rackspace.password_policy.password_history_restriction must be from 0 to 10."
  }
}

variable "acronis" {
  description = <<-EOT
    Two-factor authentication for the customer tenants below an Acronis partner, or null to leave
    Acronis alone. `partner_tenant_id` is the partner (default: the tenant of the provider's API
    client); `include_nested` also takes the customers inside folders, at any depth (default:
    direct children only); `exclude_tenant_ids` are customers to leave alone, e.g. one whose
    users are still enrolling; `enabled` is the switch every other customer gets (default true).
  EOT
  type = object({
    partner_tenant_id  = optional(string)
    include_nested     = optional(bool, false)
    exclude_tenant_ids = optional(set(string), [])
    enabled            = optional(bool, true)
  })
  default = null

  validation {
    condition = var.acronis == null ? true : alltrue([
      for id in concat(var.acronis.partner_tenant_id == null ? [] : [var.acronis.partner_tenant_id], tolist(var.acronis.exclude_tenant_ids)) :
      can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id))
    ])
    error_message = "acronis.partner_tenant_id and every acronis.exclude_tenant_ids entry must be a tenant UUID in lowercase, such as \"0a000000-0000-4000-8000-000000000011\"."
  }
}

variable "cloudsso" {
  description = <<-EOT
    The Alibaba Cloud CloudSSO directory's baseline, or null to leave CloudSSO alone.
    `directory_id` is the directory (`d-` and 12 letters or digits); `mfa_enabled` is its MFA
    status (default true); `password_policy` sets any of the six settable password-policy fields,
    each null leaving that field alone, and is null (the default) to leave the policy alone.
  EOT
  type = object({
    directory_id = string
    mfa_enabled  = optional(bool, true)
    password_policy = optional(object({
      min_password_length           = optional(number)
      min_password_different_chars  = optional(number)
      password_not_contain_username = optional(bool)
      max_password_age              = optional(number)
      password_reuse_prevention     = optional(number)
      max_login_attempts            = optional(number)
    }))
  })
  default = null

  validation {
    condition     = var.cloudsso == null ? true : can(regex("^d-[0-9a-z]{12}$", var.cloudsso.directory_id))
    error_message = "cloudsso.directory_id must be a CloudSSO directory ID: \"d-\" and 12 lowercase letters or digits, such as \"d-00fc2p61abcd\"."
  }
}
