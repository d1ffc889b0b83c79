# summary: Missing required argument
# detail: The argument "user_id" is required, but no definition was found.
# attribute: user_id
#
# The twin reads one user: it needs its ID.
provider "authpolicy" {
  acronis {
    endpoint      = "{{ENDPOINT}}"
    client_id     = "44444444-4444-4444-8444-444444444444"
    client_secret = "demo-secret"
  }
}

data "authpolicy_tenant_user_mfa_status" "test" {}
