# summary: Invalid Attribute Value
# detail: Attribute password_reuse_prevention must be from 0 to 24 (CloudSSO's PasswordReusePrevention), got: 25
# attribute: password_reuse_prevention
#
# CloudSSO remembers at most 24 previous passwords.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  password_reuse_prevention = 25
}
