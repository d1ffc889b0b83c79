# summary: Invalid Password Policy
# detail: min_password_different_chars (12) must not exceed min_password_length (10)
# attribute: min_password_different_chars
#
# A password can't need more different characters than its minimum length.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  min_password_length          = 10
  min_password_different_chars = 12
}
