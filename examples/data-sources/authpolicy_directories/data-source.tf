# Every CloudSSO directory of the AccessKey's account, with its MFA status.
data "authpolicy_directories" "all" {}

output "directories_without_mfa" {
  value = [for d in data.authpolicy_directories.all.directories : d.name if d.mfa_status == "Disabled"]
}

# Require MFA in each of them.
resource "authpolicy_directory_mfa_status" "all" {
  for_each     = { for d in data.authpolicy_directories.all.directories : d.id => d }
  directory_id = each.key
  enabled      = true
}
