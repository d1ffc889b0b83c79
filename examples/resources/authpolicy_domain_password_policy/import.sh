# Import by domain ID.
terraform import authpolicy_domain_password_policy.account 123456
