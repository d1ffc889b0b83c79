# summary: Invalid Attribute Value Match
# detail: Attribute kinds[Value("root")] value must be one of: ["partner" "folder" "customer" "unit"], got: "root"
# attribute: kinds
#
# The root has no parent, so no listing below a tenant can return it.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenants" "test" {
  kinds = ["customer", "root"]
}
