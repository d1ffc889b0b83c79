# summary: Missing Rackspace Username
# detail: Password and API-key logins need rackspace.username (or RS_USERNAME).
# attribute: rackspace.username
#
# Password logins need the user name.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    password = "demo-password-1"
  }
}

data "authpolicy_token" "test" {
}
