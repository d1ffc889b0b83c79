# A helper for baseline.tftest.hcl: reads a tenant's two-factor switch with the resource's twin.
terraform {
  required_providers {
    authpolicy = {
      source = "authpolicy/authpolicy"
    }
  }
}

variable "tenant_id" {
  type = string
}

data "authpolicy_tenant_mfa_status" "this" {
  tenant_id = var.tenant_id
}

output "tenant_mfa_enabled" {
  value = data.authpolicy_tenant_mfa_status.this.enabled
}
