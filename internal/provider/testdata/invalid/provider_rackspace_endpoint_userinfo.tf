# summary: Invalid Endpoint
# detail: rackspace.endpoint: the URL must not carry credentials; use the provider's credential attributes.
# attribute: rackspace.endpoint
#
# Credentials belong in their attributes, not in the URL, where logs would show them.
provider "authpolicy" {
  rackspace {
    endpoint = "https://demo-admin:demo-password-1@identity.api.rackspacecloud.com"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_token" "test" {
}
