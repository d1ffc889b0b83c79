# Import by domain ID.
terraform import authpolicy_domain_session_timeout.account 123456
