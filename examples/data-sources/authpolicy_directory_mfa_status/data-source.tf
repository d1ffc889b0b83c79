# The CloudSSO directory keeps requiring MFA at password logins.
check "directory_enforces_mfa" {
  data "authpolicy_directory_mfa_status" "sso" {
    directory_id = "d-00fc2p61abcd"
  }

  assert {
    condition     = data.authpolicy_directory_mfa_status.sso.enabled
    error_message = "CloudSSO directory d-00fc2p61abcd lets users log in with a password alone: MFA is Disabled."
  }
}
