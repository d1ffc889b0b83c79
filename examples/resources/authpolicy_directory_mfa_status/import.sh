# Import by directory ID.
terraform import authpolicy_directory_mfa_status.sso d-00fc2p61abcd
