# summary: Missing CloudSSO Setting
# detail: The cloudsso block needs access_key_id (or the ALIBABA_CLOUD_ACCESS_KEY_ID environment variable).
# attribute: cloudsso.access_key_id
#
# An empty AccessKey ID.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = ""
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
