# summary: Incorrect attribute value type
# detail: Inappropriate value for attribute "enabled": a bool is required.
# attribute: enabled
#
# The API's "Enabled" instead of the resource's bool.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = "Enabled"
}
