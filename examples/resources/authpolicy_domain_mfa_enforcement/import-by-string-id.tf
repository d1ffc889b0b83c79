import {
  to = authpolicy_domain_mfa_enforcement.account
  id = "123456"
}
