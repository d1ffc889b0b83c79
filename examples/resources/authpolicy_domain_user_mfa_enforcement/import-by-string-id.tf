import {
  to = authpolicy_domain_user_mfa_enforcement.ci_bot
  id = "cc0068ca9558433bb14472dbd16dde2f"
}
