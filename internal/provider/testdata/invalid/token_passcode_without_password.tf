# summary: Invalid Attribute Combination
# detail: Attribute "password" must be specified when "passcode" is specified
# attribute: passcode
#
# A passcode is the second factor of a password login; with the provider's API key there is no
# password for it to follow.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  passcode = "123456"
}
