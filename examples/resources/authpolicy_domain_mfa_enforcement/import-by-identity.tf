import {
  to       = authpolicy_domain_mfa_enforcement.account
  identity = { domain_id = "123456" }
}
