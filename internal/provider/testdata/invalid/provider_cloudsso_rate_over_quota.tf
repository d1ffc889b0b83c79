# summary: Invalid Attribute Value
# detail: Attribute cloudsso.max_requests_per_second value must be between 1 and 100, got: 101
# attribute: cloudsso.max_requests_per_second
#
# CloudSSO allows 100 calls per second per account.
provider "authpolicy" {
  cloudsso {
    endpoint                = "{{ENDPOINT}}"
    access_key_id           = "demo-ak"
    access_key_secret       = "demo-sk"
    max_requests_per_second = 101
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
