# summary: Invalid Value
# detail: totp_secret: the secret is not valid base32
# attribute: totp_secret
# terraform: >= 1.10.0
#
# A TOTP secret is base32, as the authenticator app showed it.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

ephemeral "authpolicy_token" "test" {
  username    = "demo-admin"
  password    = "demo-password-1"
  totp_secret = "not-base32!"
}

provider "echo" {
  data = ephemeral.authpolicy_token.test
}

resource "echo" "test" {}
