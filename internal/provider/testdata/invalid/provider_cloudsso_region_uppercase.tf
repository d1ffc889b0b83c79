# summary: Unsupported CloudSSO Region
# detail: CloudSSO has no endpoint in region "CN-SHANGHAI".
# detail: Use one of cn-shanghai, cn-hongkong, ap-northeast-2, ap-southeast-1, us-west-1, eu-central-1, or set cloudsso.endpoint.
# attribute: cloudsso.region
#
# Region IDs are lower case.
provider "authpolicy" {
  cloudsso {
    region            = "CN-SHANGHAI"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
