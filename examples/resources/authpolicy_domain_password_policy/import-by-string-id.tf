import {
  to = authpolicy_domain_password_policy.account
  id = "123456"
}
