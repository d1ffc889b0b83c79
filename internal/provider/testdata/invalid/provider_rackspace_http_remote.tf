# summary: Invalid Endpoint
# detail: rackspace.endpoint: plain http is accepted only for loopback addresses (localhost, 127.0.0.0/8, ::1); use https for identity.api.rackspacecloud.com.
# attribute: rackspace.endpoint
#
# Credentials must never cross a network in clear text.
provider "authpolicy" {
  rackspace {
    endpoint = "http://identity.api.rackspacecloud.com"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
