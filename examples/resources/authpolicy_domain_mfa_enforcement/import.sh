# Import by domain ID.
terraform import authpolicy_domain_mfa_enforcement.account 123456
