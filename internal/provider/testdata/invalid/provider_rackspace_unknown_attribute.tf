# summary: Unsupported argument
# detail: An argument named "region" is not expected here.
# attribute: region
#
# Identity has no regions; region belongs to the cloudsso block.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
    region   = "DFW"
  }
}

data "authpolicy_token" "test" {
}
