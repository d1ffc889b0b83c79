# The MFA enforcement level of every domain the provider's user may change, ready for
# `terraform query -generate-config-out=generated.tf`.
list "authpolicy_domain_mfa_enforcement" "all" {
  provider         = authpolicy
  include_resource = true
  limit            = 1000 # Terraform's default is 100 results
}
