import {
  to = authpolicy_tenant_user_mfa_status.admin
  id = "13131313-1313-4313-8313-131313131313"
}
