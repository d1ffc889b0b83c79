# summary: Unsupported block type
# detail: Blocks of type "rackspace_identity" are not expected here.
# attribute: rackspace_identity
#
# The block is named after the API, rackspace, not the product.
provider "authpolicy" {
  rackspace_identity {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
