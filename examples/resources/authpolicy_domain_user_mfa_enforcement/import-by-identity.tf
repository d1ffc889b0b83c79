import {
  to       = authpolicy_domain_user_mfa_enforcement.ci_bot
  identity = { user_id = "cc0068ca9558433bb14472dbd16dde2f" }
}
