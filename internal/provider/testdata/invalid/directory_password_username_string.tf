# summary: Incorrect attribute value type
# detail: Inappropriate value for attribute "password_not_contain_username": a bool is required.
# attribute: password_not_contain_username
#
# A quoted word that is not true or false.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"
  password_not_contain_username = "yes"
}
