# The whole baseline against the emulator started with tests/fixture.json: what the plan finds,
# what the apply sets, and what the outputs report. Endpoints come from RS_AUTH_URL,
# ACRONIS_BASE_URL and ALIBABA_CLOUD_ENDPOINT_CLOUDSSO; the credentials are the fixture's.

provider "authpolicy" {
  rackspace {
    username = "example-admin"
    api_key  = "0123456789abcdef0123456789abcdef"
  }
  acronis {
    client_id     = "0c000000-0000-4000-8000-000000000001"
    client_secret = "example-client-secret"
  }
  cloudsso {
    access_key_id     = "example-ak"
    access_key_secret = "example-sk"
  }
}

variables {
  rackspace = {
    domain_id = "900001"
    password_policy = {
      password_duration            = "P90D"
      password_history_restriction = 5
    }
    session_inactivity_timeout = "PT30M"
    # build-bot signs in with an API key, which Identity never challenges for a second factor.
    user_mfa_exceptions = { "5a1d0c3e00000000000000000000a005" = "OPTIONAL" }
  }
  acronis = {
    # Legacy Customer's users are still enrolling.
    exclude_tenant_ids = ["0a000000-0000-4000-8000-000000000014"]
  }
  cloudsso = {
    directory_id = "d-example00001"
    password_policy = {
      min_password_length = 12
      max_login_attempts  = 5
    }
  }
}

run "plan_finds_the_customers_and_the_users" {
  command = plan
  # The checks read the live settings after the apply: a plan that changes them cannot evaluate
  # them, which terraform test reports as a failure of each.
  expect_failures = [check.rackspace_domain, check.acronis_tenants, check.cloudsso_directory]

  assert {
    condition     = { for shard, m in module.customers : shard => keys(m.tenants) } == { "11" = ["0a000000-0000-4000-8000-000000000011"], "12" = ["0a000000-0000-4000-8000-000000000012"], "13" = ["0a000000-0000-4000-8000-000000000013"] }
    error_message = "The module should manage the partner's three direct customers but the excluded one, each in the shard of its ID's last two characters."
  }
  assert {
    condition     = output.acronis_excluded_tenants == { "0a000000-0000-4000-8000-000000000014" = { name = "Legacy Customer", mfa_status = "disabled" } }
    error_message = "acronis_excluded_tenants: ${jsonencode(output.acronis_excluded_tenants)}."
  }
  assert {
    condition     = output.rackspace_users_without_mfa == ["bob", "build-bot"]
    error_message = "The enabled users without MFA are bob and build-bot, not ${jsonencode(output.rackspace_users_without_mfa)}."
  }
  assert {
    condition     = length(authpolicy_domain_user_mfa_enforcement.exception) == 1 && length(authpolicy_directory_password_policy.this) == 1
    error_message = "The plan should hold one user exception and one directory password policy."
  }
}

run "apply_sets_the_baseline" {
  assert {
    condition     = output.rackspace_domain.mfa_enforcement_level == "REQUIRED" && output.rackspace_domain.session_inactivity_timeout == "PT30M"
    error_message = "rackspace_domain: ${jsonencode(output.rackspace_domain)}."
  }
  assert {
    condition     = length(local.acronis_status) == 3 && alltrue([for s in values(local.acronis_status) : s.mfa_status == "enabled"])
    error_message = "Every managed customer should have two-factor authentication enabled."
  }
  # The live values, read back by the twins after the apply.
  assert {
    condition     = data.authpolicy_domain_mfa_enforcement.live[0].enforcement_level == "REQUIRED" && data.authpolicy_domain_password_policy.live[0].password_history_restriction == 5
    error_message = "The domain's live settings differ from the baseline."
  }
  assert {
    condition     = data.authpolicy_domain_user_mfa_enforcement.live["5a1d0c3e00000000000000000000a005"].enforcement_level == "OPTIONAL"
    error_message = "build-bot's own level should be OPTIONAL."
  }
  assert {
    condition     = data.authpolicy_directory_mfa_status.live[0].enabled && data.authpolicy_directory_password_policy.live[0].min_password_length == 12 && data.authpolicy_directory_password_policy.live[0].max_password_age == 90
    error_message = "The directory's live settings differ from the baseline (or a field left out was changed)."
  }
  assert {
    condition = output.acronis_tenants_not_fully_enrolled == {
      "0a000000-0000-4000-8000-000000000012" = { name = "Customer Bravo", users_count = 4, users_with_totp_enabled_count = 1 }
      "0a000000-0000-4000-8000-000000000013" = { name = "Customer Charlie", users_count = 3, users_with_totp_enabled_count = 0 }
    }
    error_message = "acronis_tenants_not_fully_enrolled: ${jsonencode(output.acronis_tenants_not_fully_enrolled)}."
  }
  assert {
    condition     = output.compliance == { rackspace_users_without_mfa = 2, acronis_tenants_not_fully_enrolled = 2, acronis_excluded_tenants = 1, compliant = false }
    error_message = "compliance: ${jsonencode(output.compliance)}."
  }
}

# The excluded tenant was never touched: read it with the resource's twin from a helper module.
run "the_excluded_tenant_is_left_alone" {
  module {
    source = "./tests/inspect"
  }
  variables {
    tenant_id = "0a000000-0000-4000-8000-000000000014"
  }
  assert {
    condition     = !output.tenant_mfa_enabled
    error_message = "Legacy Customer's two-factor authentication was switched on."
  }
}

run "include_nested_adds_the_customers_in_folders" {
  variables {
    acronis = {
      include_nested     = true
      exclude_tenant_ids = ["0a000000-0000-4000-8000-000000000014"]
    }
  }
  assert {
    condition     = output.acronis_managed_tenants["0a000000-0000-4000-8000-000000000022"] == "Customer Delta" && length(output.acronis_managed_tenants) == 4
    error_message = "acronis_managed_tenants: ${jsonencode(output.acronis_managed_tenants)}."
  }
}
