package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// rackspaceAdvice says, for each failure the client can classify, what the user should do.
var rackspaceAdvice = map[rackspace.Kind]advice{
	rackspace.KindWrongPassword: {"Rackspace Password Rejected",
		"Check the password of this user (rackspace.password or " + envRackspacePassword + ")."},
	rackspace.KindWrongAPIKey: {"Rackspace API Key Rejected",
		"Check the user name and API key (rackspace.api_key or " + envRackspaceAPIKey + "); the API key is shown " +
			"in the Cloud Control Panel under the user's account settings."},
	rackspace.KindUserDisabled: {"Rackspace User Disabled",
		"The user, or its whole domain, is disabled. Ask the account's user-admin to enable it, or log in as another user."},
	rackspace.KindPasswordExpired: {"Rackspace Password Expired",
		"The domain's password policy expired this password. Change it in the Cloud Control Panel, then update " +
			"the provider configuration; or log in with an API key, which password expiry does not affect."},
	rackspace.KindMFASetupRequired: {"Multi-Factor Authentication Setup Required",
		"Multi-factor authentication is required for this user (by the domain or the user's own enforcement " +
			"level) but the user has no multi-factor device enabled. Add an authenticator-app device (OTP) or a phone " +
			"to the user in the Cloud Control Panel and enable multi-factor authentication, then set totp_secret to " +
			"the device's secret; or log in with an API key, which multi-factor enforcement does not block."},
	rackspace.KindPasscodeRequired: {"Multi-Factor Passcode Required",
		"Identity challenged this password login for a second factor, but neither totp_secret nor passcode is " +
			"configured. Set totp_secret (or " + envRackspaceTOTPSecret + ") to the base32 secret of the user's " +
			"authenticator-app device, or passcode (or " + envRackspacePasscode + ") to a current passcode; or log in " +
			"with an API key, which is never challenged."},
	rackspace.KindWrongPasscode: {"Multi-Factor Passcode Rejected",
		"Check that totp_secret belongs to the user's enabled authenticator device and that this machine's clock " +
			"is right (a passcode is valid for 30 seconds either side), or supply a fresh passcode. Identity locks " +
			"the account after three wrong passcodes."},
	rackspace.KindSessionExpired: {"Multi-Factor Session Expired",
		"The passcode reached Identity after the 5-minute multi-factor session had expired. Run the command again."},
	rackspace.KindAccountLocked: {"Rackspace Account Locked",
		"Identity locked multi-factor logins of this user after too many wrong passcodes. An administrator of the " +
			"account can unlock it; otherwise wait for the lock to lapse. Fix totp_secret or passcode before retrying, " +
			"or log in with an API key."},
	rackspace.KindTokenInvalid: {"Rackspace Token Rejected",
		"The token is invalid, expired or revoked. Tokens can't be renewed: supply a new one (rackspace.token or " +
			envRackspaceToken + "), or log in with a password or API key."},
	rackspace.KindInvalidTOTPSecret: {"Invalid TOTP Secret",
		"totp_secret must be the base32 secret shown when the authenticator device was added."},
	rackspace.KindMFAPrecondition: {"Multi-Factor Authentication Required For The Caller",
		"Identity requires the caller to have multi-factor authentication enabled, or its own enforcement level set to OPTIONAL."},
	rackspace.KindRackspaceMandated: {"Domain Enforcement Is RACKSPACE_MANDATED",
		"Only Rackspace can change this domain's multi-factor enforcement: open a Rackspace support ticket."},
	rackspace.KindForbidden: {"Rackspace Identity Refused The Request",
		"The user's role does not allow this operation. Use a user with a higher identity role."},
	rackspace.KindRateLimited: {"Rackspace Identity Rate Limit",
		"Identity kept refusing requests as over its rate limit after several retries. Lower -parallelism or try again later."},
	rackspace.KindServer: {"Rackspace Identity Unavailable",
		"Identity kept failing after several retries. Try again later."},
}

// rackspaceErrorDiag is apiErrorDiag for Rackspace Identity.
func rackspaceErrorDiag(operation string, err error, specific map[rackspace.Kind]string) diag.Diagnostic {
	return apiErrorDiag(operation, err, rackspaceKind, rackspaceAdvice, specific, "Rackspace Identity Error")
}

func rackspaceKind(err error) (rackspace.Kind, bool) {
	var apiErr *rackspace.Error
	if errors.As(err, &apiErr) {
		return apiErr.Kind, true
	}
	return 0, false
}

func isRackspaceKind(err error, kind rackspace.Kind) bool {
	k, ok := rackspaceKind(err)
	return ok && k == kind
}
