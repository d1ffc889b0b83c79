# Passwords of the CloudSSO directory's users: at least 12 characters, 8 of them different,
# changed every 60 days, none of the last 5 reused. The other settings (user name in the
# password, logon attempts) are left as the directory has them.
resource "authpolicy_directory_password_policy" "sso" {
  directory_id                 = "d-00fc2p61abcd"
  min_password_length          = 12
  min_password_different_chars = 8
  max_password_age             = 60
  password_reuse_prevention    = 5
}
