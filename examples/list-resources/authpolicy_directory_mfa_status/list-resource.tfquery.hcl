# The MFA status of every CloudSSO directory the credentials can see.
list "authpolicy_directory_mfa_status" "all" {
  provider         = authpolicy
  include_resource = true
}
