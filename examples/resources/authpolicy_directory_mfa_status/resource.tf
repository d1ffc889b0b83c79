# Users of the CloudSSO directory must use MFA when they log in with a password.
resource "authpolicy_directory_mfa_status" "sso" {
  directory_id = "d-00fc2p61abcd"
  enabled      = true
}
