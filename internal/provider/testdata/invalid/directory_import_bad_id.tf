# summary: Invalid Import ID
# detail: The import ID "demo-directory" is not a valid directory_id: it must be a CloudSSO directory ID: d- followed by 12 lowercase letters or digits, such as d-00fc2p61abcd.
# attribute: directory_id
#
# An import block with the directory's name instead of its ID.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

resource "authpolicy_directory_mfa_status" "test" {
  directory_id = "d-demo00000001"
  enabled      = false
}

import {
  to = authpolicy_directory_mfa_status.test
  id = "demo-directory"
}
