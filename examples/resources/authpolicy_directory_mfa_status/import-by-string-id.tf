import {
  to = authpolicy_directory_mfa_status.sso
  id = "d-00fc2p61abcd"
}
