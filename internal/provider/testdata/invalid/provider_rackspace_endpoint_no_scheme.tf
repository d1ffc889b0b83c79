# summary: Invalid Endpoint
# detail: rackspace.endpoint: "identity.api.rackspacecloud.com" is not an absolute http(s) URL such as https://identity.api.rackspacecloud.com.
# attribute: rackspace.endpoint
#
# A host name without https://.
provider "authpolicy" {
  rackspace {
    endpoint = "identity.api.rackspacecloud.com"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
