import {
  to = authpolicy_directory_password_policy.sso
  id = "d-00fc2p61abcd"
}
