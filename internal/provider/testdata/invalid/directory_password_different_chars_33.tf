# summary: Invalid Attribute Value
# detail: Attribute min_password_different_chars must be from 0 to 32 (CloudSSO's MinPasswordDifferentChars), got: 33
# attribute: min_password_different_chars
#
# More different characters than the longest minimum length.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  min_password_different_chars = 33
}
