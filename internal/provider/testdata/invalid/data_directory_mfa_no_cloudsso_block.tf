# summary: CloudSSO Not Configured
# detail: This object uses Alibaba Cloud CloudSSO, but the provider has no cloudsso block
# detail: Add a cloudsso block to the authpolicy provider configuration.
# attribute: cloudsso
#
# The data source needs CloudSSO, but only an acronis block is configured.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
}
