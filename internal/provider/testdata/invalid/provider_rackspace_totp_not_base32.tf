# summary: Invalid Value
# detail: rackspace.totp_secret: the secret is not valid base32
# attribute: rackspace.totp_secret
#
# The otpauth:// URL instead of the secret in it.
provider "authpolicy" {
  rackspace {
    endpoint    = "{{ENDPOINT}}"
    username    = "demo-admin"
    password    = "demo-password-1"
    totp_secret = "otpauth://totp/demo-admin?secret=JBSWY3DPEHPK3PXP"
  }
}

data "authpolicy_token" "test" {
}
