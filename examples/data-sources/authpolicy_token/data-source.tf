# The provider's own login: who it is, and what it may do.
data "authpolicy_token" "current" {}

output "identity" {
  value = {
    user    = data.authpolicy_token.current.user_name
    domain  = data.authpolicy_token.current.domain_id
    roles   = [for r in data.authpolicy_token.current.roles : r.name]
    expires = data.authpolicy_token.current.expires
  }
}

# A token for another user, scoped to a tenant. Note: the token is stored in state.
data "authpolicy_token" "automation" {
  tenant_id = "123456"
  username  = "automation"
  api_key   = var.automation_api_key
}

variable "automation_api_key" {
  type      = string
  sensitive = true
}
