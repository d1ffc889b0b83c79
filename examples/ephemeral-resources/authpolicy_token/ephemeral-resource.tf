# A token that never reaches plan or state, revoked when Terraform is done with it.
# Requires Terraform 1.10 or later.
ephemeral "authpolicy_token" "deploy" {}

# Hand it to a provider that calls a Rackspace API with an X-Auth-Token header.
provider "restapi" {
  uri = "https://dfw.servers.api.rackspacecloud.com/v2/${ephemeral.authpolicy_token.deploy.tenant_id}"
  headers = {
    "X-Auth-Token" = ephemeral.authpolicy_token.deploy.id
  }
}
