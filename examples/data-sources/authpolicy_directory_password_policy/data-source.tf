# The CloudSSO directory's passwords keep expiring within 90 days, and are at least 12 characters.
check "directory_password_policy" {
  data "authpolicy_directory_password_policy" "sso" {
    directory_id = "d-00fc2p61abcd"
  }

  assert {
    condition     = data.authpolicy_directory_password_policy.sso.max_password_age <= 90
    error_message = "Passwords of CloudSSO directory d-00fc2p61abcd may be used for more than 90 days."
  }

  assert {
    condition     = data.authpolicy_directory_password_policy.sso.min_password_length >= 12
    error_message = "Passwords of CloudSSO directory d-00fc2p61abcd may be shorter than 12 characters."
  }
}
