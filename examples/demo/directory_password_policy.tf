# The demo CloudSSO directory's passwords: at least 12 characters, changed every 60 days
# (destroy puts the console's defaults back: 8 characters, 90 days).
resource "authpolicy_directory_password_policy" "demo" {
  directory_id        = "d-demo00000001"
  min_password_length = 12
  max_password_age    = 60
}

output "directory_password_policy" {
  value = "directory ${authpolicy_directory_password_policy.demo.directory_id}: passwords of at least ${authpolicy_directory_password_policy.demo.min_password_length} characters, expiring after ${authpolicy_directory_password_policy.demo.max_password_age} days"
}
