terraform {
  # check blocks need 1.5 and optional object attributes with defaults 1.3; the provider's own
  # oldest supported Terraform is 1.8.
  required_version = ">= 1.8.0"

  required_providers {
    authpolicy = {
      source = "authpolicy/authpolicy"
    }
  }
}
