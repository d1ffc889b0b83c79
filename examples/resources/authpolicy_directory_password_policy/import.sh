# Import by directory ID.
terraform import authpolicy_directory_password_policy.sso d-00fc2p61abcd
