import {
  to       = authpolicy_domain_password_policy.account
  identity = { domain_id = "123456" }
}
