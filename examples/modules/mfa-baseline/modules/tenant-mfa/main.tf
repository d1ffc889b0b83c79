# One shard of the customer tenants whose two-factor switch mfa-baseline manages. The parent
# spreads its customers over shards because Terraform's own time per instance grows with the
# number of instances of one resource block: a plan of 5,000 tenants in one block takes
# Terraform about 75 times as long as one of 500, in 100 shards about 12 times (the provider's
# performance guide, "Fleets").
terraform {
  required_providers {
    authpolicy = {
      source = "authpolicy/authpolicy"
    }
  }
}

variable "tenant_ids" {
  description = "The customer tenants of this shard."
  type        = set(string)
}

variable "enabled" {
  description = "The two-factor switch every tenant of the shard gets."
  type        = bool
}

resource "authpolicy_tenant_mfa_status" "this" {
  for_each = var.tenant_ids

  tenant_id = each.key
  enabled   = var.enabled
}

output "tenants" {
  description = "Each tenant's status and enrolment, by tenant ID."
  value = {
    for id, s in authpolicy_tenant_mfa_status.this : id => {
      mfa_status                    = s.mfa_status
      users_count                   = s.users_count
      users_with_totp_enabled_count = s.users_with_totp_enabled_count
    }
  }
}
