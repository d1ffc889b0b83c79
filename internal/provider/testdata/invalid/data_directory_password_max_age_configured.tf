# summary: Invalid Configuration for Read-Only Attribute
# detail: Cannot set value for this attribute as the provider has marked it as read-only. Remove the configuration line setting the value.
# attribute: max_password_age
#
# The twin only reads the policy; setting it is the resource's job.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

data "authpolicy_directory_password_policy" "test" {
  directory_id     = "d-demo00000001"
  max_password_age = 90
}
