# summary: Invalid Value
# detail: passcode: a passcode is 6 to 10 digits.
# attribute: passcode
#
# Passcodes are digits.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
  username = "demo-admin"
  password = "demo-password-1"
  passcode = "12ab56"
}
