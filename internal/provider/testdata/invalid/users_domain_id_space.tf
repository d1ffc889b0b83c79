# summary: Invalid Attribute Value Match
# detail: Attribute domain_id must be a domain ID such as 123456 or dedicated:123456 (letters, digits, ':', '.', '_' and '-'), got: 123 456
# attribute: domain_id
#
# A space in the domain of a user listing.
provider "authpolicy" {
  rackspace {
    endpoint = "{{ENDPOINT}}"
    username = "rackspace-admin"
    api_key  = "efefefefefefefefefefefefefefefef"
  }
}

data "authpolicy_users" "test" {
  domain_id = "123 456"
}
