# summary: Security Token Without STS AccessKey
# detail: security_token goes with a temporary AccessKey, whose ID starts with "STS.".
# attribute: cloudsso.security_token
#
# A security token goes with the temporary AccessKey it was issued with.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
    security_token    = "demo-security-token"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
