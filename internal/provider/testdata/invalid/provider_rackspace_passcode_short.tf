# summary: Invalid Value
# detail: rackspace.passcode: a passcode is 6 to 10 digits.
# attribute: rackspace.passcode
#
# Passcodes have at least six digits.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    password = "demo-password-1"
    passcode = "1234"
  }
}

data "authpolicy_token" "test" {
}
