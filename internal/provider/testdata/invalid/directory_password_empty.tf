# summary: Missing Attribute Configuration
# detail: At least one of these attributes must be configured: [min_password_length,min_password_different_chars,password_not_contain_username,max_password_age,password_reuse_prevention,max_login_attempts]
# attribute: min_password_length
#
# A policy that manages none of the six settings would write nothing.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id = "d-demo00000001"

}
