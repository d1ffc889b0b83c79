import {
  to = authpolicy_domain_session_timeout.account
  id = "123456"
}
