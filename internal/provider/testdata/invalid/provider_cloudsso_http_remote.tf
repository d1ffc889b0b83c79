# summary: Invalid Endpoint
# detail: cloudsso.endpoint: plain http is accepted only for loopback addresses (localhost, 127.0.0.0/8, ::1); use https for cloudsso.cn-shanghai.aliyuncs.com.
# attribute: cloudsso.endpoint
#
# The signature is not encryption: requests must not cross a network in clear text.
provider "authpolicy" {
  cloudsso {
    endpoint          = "http://cloudsso.cn-shanghai.aliyuncs.com"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}
