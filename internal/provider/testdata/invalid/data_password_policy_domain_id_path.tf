# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-'), got: 123456/password-policy
# attribute: domain_id
#
# A slash would change the request path: the twin checks the ID as the resource does.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "demo-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
}

data "authpolicy_domain_password_policy" "test" {
  domain_id = "123456/password-policy"
}
