# summary: Missing CloudSSO Setting
# detail: The cloudsso block needs access_key_secret (or the ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variable).
# attribute: cloudsso.access_key_secret
#
# An AccessKey ID alone can not sign.
provider "authpolicy" {
  cloudsso {
    endpoint      = "{{ENDPOINT}}"
    access_key_id = "demo-ak"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
