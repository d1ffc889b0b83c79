# The Acronis part: two-factor authentication for every customer tenant below the partner, but
# the excluded ones. One listing request finds up to 5,000 customers.

data "authpolicy_tenants" "customers" {
  count = var.acronis == null ? 0 : 1

  tenant_id = var.acronis.partner_tenant_id
  subtree   = var.acronis.include_nested
  kinds     = ["customer"]
}

locals {
  acronis_customers  = { for t in flatten(data.authpolicy_tenants.customers[*].tenants) : t.id => t }
  acronis_exclusions = try(var.acronis.exclude_tenant_ids, toset([]))
  # Keyed by tenant ID: names can change, IDs cannot.
  acronis_managed  = { for id, t in local.acronis_customers : id => t if !contains(local.acronis_exclusions, id) }
  acronis_excluded = { for id, t in local.acronis_customers : id => t if contains(local.acronis_exclusions, id) }
}

# The managed customers, spread over up to 256 shards by the last two characters of their ID
# (see modules/tenant-mfa for why): a customer keeps its shard for good, and adding or removing
# one touches only its own.
module "customers" {
  source   = "./modules/tenant-mfa"
  for_each = { for id in keys(local.acronis_managed) : substr(id, -2, 2) => id... }

  tenant_ids = each.value
  enabled    = var.acronis.enabled
}

locals {
  acronis_status = merge(values(module.customers)[*].tenants...)
}
