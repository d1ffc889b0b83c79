# Every partner and customer tenant below the API client's own tenant, at any depth, with
# its current status, ready for `terraform query -generate-config-out=generated.tf`.
list "authpolicy_tenant_mfa_status" "fleet" {
  provider         = authpolicy
  include_resource = true
  limit            = 10000 # Terraform's default is 100 results

  config {
    subtree = true
  }
}
