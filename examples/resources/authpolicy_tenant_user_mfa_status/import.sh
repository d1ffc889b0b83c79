# Import by user ID.
terraform import authpolicy_tenant_user_mfa_status.admin 13131313-1313-4313-8313-131313131313
