# summary: Invalid Attribute Value
# detail: Attribute min_password_length must be from 8 to 32 (CloudSSO's MinPasswordLength), got: 7
# attribute: min_password_length
#
# CloudSSO's shortest minimum is 8 characters.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  min_password_length = 7
}
