import {
  to       = authpolicy_directory_mfa_status.sso
  identity = { directory_id = "d-00fc2p61abcd" }
}
