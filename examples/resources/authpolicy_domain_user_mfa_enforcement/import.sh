# Import by user ID.
terraform import authpolicy_domain_user_mfa_enforcement.ci_bot cc0068ca9558433bb14472dbd16dde2f
