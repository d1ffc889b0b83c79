# Bad inputs fail at plan time with the module's own messages, before any request.

run "rejects_an_unknown_mfa_level" {
  command = plan
  variables {
    rackspace = {
      domain_id             = "900001"
      mfa_enforcement_level = "RACKSPACE_MANDATED"
    }
  }
  expect_failures = [var.rackspace]
}

run "rejects_an_unknown_user_level" {
  command = plan
  variables {
    rackspace = {
      domain_id           = "900001"
      user_mfa_exceptions = { "5a1d0c3e00000000000000000000a005" = "NEVER" }
    }
  }
  expect_failures = [var.rackspace]
}

run "rejects_a_tenant_name_as_an_exclusion" {
  command = plan
  variables {
    acronis = { exclude_tenant_ids = ["Legacy Customer"] }
  }
  expect_failures = [var.acronis]
}

run "rejects_a_malformed_directory_id" {
  command = plan
  variables {
    cloudsso = { directory_id = "example-sso" }
  }
  expect_failures = [var.cloudsso]
}

# With no part enabled the module manages nothing and reports nothing to fix.
run "every_part_is_optional" {
  command = plan
  assert {
    condition     = output.rackspace_domain == null && output.cloudsso_directory == null && length(output.acronis_managed_tenants) == 0
    error_message = "The module should manage nothing without inputs."
  }
  assert {
    condition     = output.compliance.compliant
    error_message = "compliance: ${jsonencode(output.compliance)}."
  }
}
