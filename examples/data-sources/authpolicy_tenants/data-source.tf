# Every customer tenant directly below the partner.
data "authpolicy_tenants" "customers" {
  tenant_id = "11111111-1111-4111-8111-111111111111"
  kinds     = ["customer"]
}

# Two-factor authentication on every one of them. Only partner and customer tenants carry the
# setting: folders and units inherit it, so list only those kinds to feed the resource.
resource "authpolicy_tenant_mfa_status" "customers" {
  for_each = { for t in data.authpolicy_tenants.customers.tenants : t.id => t }

  tenant_id = each.key
  enabled   = true
}

# The whole tree below the API client's own tenant, at any depth.
data "authpolicy_tenants" "all" {
  subtree = true
}

output "customers_without_mfa" {
  value = [for t in data.authpolicy_tenants.all.tenants : t.name if t.kind == "customer" && t.mfa_status != "enabled"]
}
