# summary: Unknown Rackspace Setting
# detail: rackspace.endpoint depends on a value that is not known until apply
# attribute: rackspace.endpoint
#
# The provider must log in to plan, so its settings must be known at plan time.
resource "terraform_data" "endpoint" {
  input = "{{ENDPOINT}}"
}

provider "authpolicy" {
  rackspace {
    endpoint = terraform_data.endpoint.output
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
