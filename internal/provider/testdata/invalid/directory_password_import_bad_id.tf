# summary: Invalid Import ID
# detail: The import ID "D-DEMO00000001" is not a valid directory_id: it must be a CloudSSO directory ID: d- followed by 12 lowercase letters or digits, such as d-00fc2p61abcd.
# attribute: directory_id
#
# Directory IDs are lowercase.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_password_policy" "test" {
  directory_id     = "d-demo00000001"
  max_password_age = 90
}

import {
  to = authpolicy_directory_password_policy.test
  id = "D-DEMO00000001"
}
