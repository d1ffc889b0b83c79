# summary: Invalid Attribute Value
# detail: Attribute max_password_age must be from 1 to 120 (CloudSSO's MaxPasswordAge), got: 121
# attribute: max_password_age
#
# CloudSSO keeps a password for at most 120 days.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  max_password_age = 121
}
