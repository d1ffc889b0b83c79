# The Rackspace part: the domain's MFA level, and optionally its password policy, session timeout
# and per-user exceptions. Each resource exists only when its input is set.

resource "authpolicy_domain_mfa_enforcement" "this" {
  count = var.rackspace == null ? 0 : 1

  domain_id         = var.rackspace.domain_id
  enforcement_level = var.rackspace.mfa_enforcement_level
}

resource "authpolicy_domain_password_policy" "this" {
  count = try(var.rackspace.password_policy, null) == null ? 0 : 1

  domain_id                    = var.rackspace.domain_id
  password_duration            = var.rackspace.password_policy.password_duration
  password_history_restriction = var.rackspace.password_policy.password_history_restriction
}

resource "authpolicy_domain_session_timeout" "this" {
  count = try(var.rackspace.session_inactivity_timeout, null) == null ? 0 : 1

  domain_id                  = var.rackspace.domain_id
  session_inactivity_timeout = var.rackspace.session_inactivity_timeout
}

# Exceptions are keyed by user ID, so adding or removing one leaves the others alone.
resource "authpolicy_domain_user_mfa_enforcement" "exception" {
  for_each = try(var.rackspace.user_mfa_exceptions, {})

  user_id           = each.key
  enforcement_level = each.value
}

# The enabled users of the domain still without multi-factor authentication. Identity lists the
# users of the caller's own domain: run the module with a login of that domain.
data "authpolicy_users" "without_mfa" {
  count = var.rackspace == null ? 0 : 1

  enabled              = true
  multi_factor_enabled = false
}
