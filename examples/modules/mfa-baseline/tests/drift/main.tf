# A helper for drift.tftest.hcl: changes the domain's MFA level and the directory's MFA status
# behind the baseline module's back, as someone in a console would.
terraform {
  required_providers {
    authpolicy = {
      source = "authpolicy/authpolicy"
    }
  }
}

variable "domain_id" {
  type = string
}

variable "directory_id" {
  type = string
}

resource "authpolicy_domain_mfa_enforcement" "relaxed" {
  domain_id         = var.domain_id
  enforcement_level = "OPTIONAL"
}

resource "authpolicy_directory_mfa_status" "relaxed" {
  directory_id = var.directory_id
  enabled      = false
}
