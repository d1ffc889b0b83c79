# Someone relaxes the baseline outside Terraform: a refresh-only plan reports it through the
# module's checks, and the next apply puts the baseline back.

provider "authpolicy" {
  rackspace {
    username = "example-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
  cloudsso {
    access_key_id     = "example-ak"
    access_key_secret = "example-sk"
  }
}

variables {
  rackspace = { domain_id = "900001" }
  cloudsso  = { directory_id = "d-example00001" }
}

run "baseline" {
  assert {
    condition     = output.rackspace_domain.mfa_enforcement_level == "REQUIRED" && output.cloudsso_directory.mfa_enabled
    error_message = "The baseline was not applied."
  }
}

# The helper module changes both settings with its own resources, as a console user would.
run "someone_relaxes_the_settings" {
  module {
    source = "./tests/drift"
  }
  variables {
    domain_id    = "900001"
    directory_id = "d-example00001"
  }
}

run "refresh_only_plan_reports_the_drift" {
  command = plan
  plan_options {
    mode = refresh-only
  }
  expect_failures = [check.rackspace_domain, check.cloudsso_directory]

  # A check that could not be evaluated would satisfy expect_failures too: these show the twins
  # were read, and saw the drift.
  assert {
    condition     = data.authpolicy_domain_mfa_enforcement.live[0].enforcement_level == "OPTIONAL" && !data.authpolicy_directory_mfa_status.live[0].enabled
    error_message = "The refresh-only plan did not read the relaxed settings."
  }
}

run "apply_restores_the_baseline" {
  assert {
    condition     = data.authpolicy_domain_mfa_enforcement.live[0].enforcement_level == "REQUIRED" && data.authpolicy_directory_mfa_status.live[0].enabled
    error_message = "The apply did not restore the baseline."
  }
}
