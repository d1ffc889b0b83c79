# summary: Invalid Attribute Value
# detail: Attribute max_login_attempts must be from 0 to 32 (CloudSSO's MaxLoginAttempts), got: -1
# attribute: max_login_attempts
#
# Unlimited attempts are 0, not -1.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  max_login_attempts = -1
}
