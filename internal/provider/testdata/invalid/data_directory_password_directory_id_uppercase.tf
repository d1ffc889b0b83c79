# summary: Invalid Attribute Value Match
# detail: Attribute directory_id must be a CloudSSO directory ID: d- followed by 12 lowercase letters or digits, such as d-00fc2p61abcd, got: D-DEMO00000001
# attribute: directory_id
#
# CloudSSO's directory IDs are lower case.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

data "authpolicy_directory_password_policy" "test" {
  directory_id = "D-DEMO00000001"
}
