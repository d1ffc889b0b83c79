# The password policy of every domain the provider's user may change that has one.
list "authpolicy_domain_password_policy" "all" {
  provider         = authpolicy
  include_resource = true
}
