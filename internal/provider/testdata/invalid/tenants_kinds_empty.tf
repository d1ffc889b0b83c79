# summary: Invalid Attribute Value
# detail: Attribute kinds set must contain at least 1 elements, got: 0
# attribute: kinds
#
# An empty set would list nothing; leave kinds out for every kind.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenants" "test" {
  kinds = []
}
