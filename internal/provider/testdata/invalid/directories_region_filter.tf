# summary: Unsupported argument
# detail: An argument named "region" is not expected here.
# attribute: region
#
# The data source has no filter: ListDirectories has no parameters, and an account has few
# directories. The region is the provider block's (cloudsso.region), and the listing covers
# every region anyway.
provider "authpolicy" {
  cloudsso {
    endpoint          = "{{ENDPOINT}}"
    access_key_id     = "demo-ak"
    access_key_secret = "demo-sk"
  }
}

data "authpolicy_directories" "test" {
  region = "cn-shanghai"
}
