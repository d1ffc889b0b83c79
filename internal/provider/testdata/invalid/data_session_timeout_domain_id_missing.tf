# summary: Missing required argument
# detail: The argument "domain_id" is required, but no definition was found.
# attribute: domain_id
#
# The twin reads one domain's timeout: it needs the domain.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_domain_session_timeout" "test" {}
