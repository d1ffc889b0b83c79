# summary: Unsupported argument
# detail: An argument named "secret_key" is not expected here.
# attribute: secret_key
#
# The AWS name for the secret.
provider "authpolicy" {
  cloudsso {
    endpoint      = "{{ENDPOINT}}"
    access_key_id = "demo-ak"
    secret_key    = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
