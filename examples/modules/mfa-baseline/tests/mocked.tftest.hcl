# The module's own logic needs no API: with a mocked provider, a plan shows which resources the
# inputs make and with what values, and nothing is started or called. Mocks cannot say what the
# services would refuse, and (up to Terraform 1.16 at least, hashicorp/terraform#38369) they
# cannot fake the list attributes of authpolicy_tenants or authpolicy_users: the other files test
# all of that against the emulator.

mock_provider "authpolicy" {}

run "inputs_shape_the_rackspace_part" {
  command = plan
  # The check confirms the settings after an apply, so a plan cannot evaluate it.
  expect_failures = [check.rackspace_domain]

  variables {
    rackspace = {
      domain_id                  = "900001"
      session_inactivity_timeout = "PT8H"
      user_mfa_exceptions = {
        "5a1d0c3e00000000000000000000a005" = "OPTIONAL"
        "5a1d0c3e00000000000000000000a002" = "REQUIRED"
      }
    }
  }
  assert {
    condition     = authpolicy_domain_mfa_enforcement.this[0].enforcement_level == "REQUIRED"
    error_message = "The domain's level should default to REQUIRED."
  }
  assert {
    condition     = length(authpolicy_domain_password_policy.this) == 0 && authpolicy_domain_session_timeout.this[0].session_inactivity_timeout == "PT8H"
    error_message = "Without a password policy the module should manage none; the timeout should be PT8H."
  }
  assert {
    condition     = { for id, u in authpolicy_domain_user_mfa_enforcement.exception : id => u.enforcement_level } == { "5a1d0c3e00000000000000000000a005" = "OPTIONAL", "5a1d0c3e00000000000000000000a002" = "REQUIRED" }
    error_message = "Each exception should be one resource keyed by user ID."
  }
  assert {
    condition     = length(module.customers) == 0 && length(authpolicy_directory_mfa_status.this) == 0
    error_message = "The parts left out should manage nothing."
  }
}
