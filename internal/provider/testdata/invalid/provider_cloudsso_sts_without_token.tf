# summary: Missing STS Security Token
# detail: The AccessKey STS.demo-sts-ak is a temporary STS credential and needs its security_token (or ALIBABA_CLOUD_SECURITY_TOKEN).
# attribute: cloudsso.security_token
#
# A temporary STS AccessKey is useless without its token.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "STS.demo-sts-ak"
    access_key_secret = "demo-sts-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
