import {
  to = authpolicy_tenant_mfa_status.customer
  id = "22222222-2222-4222-8222-222222222222"
}
