import {
  to       = authpolicy_domain_session_timeout.account
  identity = { domain_id = "123456" }
}
