import {
  to       = authpolicy_directory_password_policy.sso
  identity = { directory_id = "d-00fc2p61abcd" }
}
