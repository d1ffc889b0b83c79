package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// kind is the kind of any client's error: the three clients share the type, each with its
// own constants.
type kind = acronis.Kind

// advice is what a diagnostic says about one kind of API failure: a summary that names the
// failure, and what the user can do about it. An object's own advice may leave the summary
// empty to keep its service's.
type advice struct{ summary, text string }

// serviceAdvice says, per service and kind of failure, what the user should do, and the
// summary of a failure its advice does not name. It must be true of every object of the service:
// what is true of one object only goes in that object's own advice, passed to apiErrorDiag.
var serviceAdvice = map[string]struct {
	fallback string
	kinds    map[kind]advice
}{
	rackspace.APIName: {"Rackspace Identity Error", rackspaceAdvice},
	acronis.APIName:   {"Acronis API Error", acronisAdvice},
	cloudsso.APIName:  {"CloudSSO Error", cloudSSOAdvice},
}

// apiErrorDiag turns a client error into one diagnostic that names the operation, the status
// and the API's own message (all in err's text, which never holds a secret), followed by
// advice: the object's own for that kind of failure when it has some (resourceAdvice may be
// nil), else its service's.
func apiErrorDiag(operation string, err error, resourceAdvice map[kind]advice) diag.Diagnostic {
	detail := fmt.Sprintf("%s failed: %s", operation, err)
	var apiErr *acronis.Error
	if !errors.As(err, &apiErr) {
		return diag.NewErrorDiagnostic("Request Failed", detail)
	}
	service := serviceAdvice[apiErr.Service]
	a, known := service.kinds[apiErr.Kind]
	if !known {
		a.summary = service.fallback
	}
	if own, ok := resourceAdvice[apiErr.Kind]; ok {
		a.text = own.text
		if own.summary != "" {
			a.summary = own.summary
		}
	}
	if a.text != "" {
		detail += "\n\n" + a.text
	}
	return diag.NewErrorDiagnostic(a.summary, detail)
}

// isNotFound reports whether err is a client error saying the object does not exist: the
// three clients share the kind.
func isNotFound(err error) bool {
	var apiErr *acronis.Error
	return errors.As(err, &apiErr) && apiErr.Kind == acronis.KindNotFound
}

var rackspaceAdvice = map[kind]advice{
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

var acronisAdvice = map[kind]advice{
	acronis.KindInvalidClient: {"Acronis API Client Rejected",
		"The token endpoint did not accept the API client. Check acronis.client_id and acronis.client_secret (or " +
			envAcronisClientID + " and " + envAcronisClientSecret + "), and that acronis.endpoint is the data center " +
			"where the API client was created."},
	acronis.KindAccessDenied: {"Acronis API Client Denied",
		"The API client exists but may not get a token: it may be disabled. Check it under Settings > API clients."},
	acronis.KindTokenRequest: {"Acronis Token Request Failed",
		"The token endpoint refused the client-credentials request. Check the acronis block."},
	acronis.KindUnauthorized: {"Acronis Token Rejected",
		"The API rejected the access token even after a new one was fetched. Check that the API client is enabled."},
	acronis.KindForbidden: {"Acronis Permission Denied",
		"An API client may only act within its own tenant and the tenants below it, as far as its role allows. Use an " +
			"API client created in the object's tenant or one of its ancestors."},
	acronis.KindNotFound: {"Acronis Object Not Found",
		"The API found nothing with this ID. Check the ID."},
	acronis.KindBusinessRule: {"Acronis Refused The Change",
		"The platform's rules forbid this change; the message above says which."},
	acronis.KindBadRequest: {"Acronis Rejected The Request",
		"The API found the request invalid; the message above says why."},
	acronis.KindUnsupportedMediaType: {"Acronis Rejected The Request",
		"The API did not accept the request's content type. This is a bug in the provider; please report it."},
	acronis.KindRateLimited: {"Acronis Rate Limit",
		"The API kept refusing requests as too many after several retries. Lower -parallelism or try again later."},
	acronis.KindServer: {"Acronis API Unavailable",
		"The API kept failing after several retries. Try again later."},
}

var cloudSSOAdvice = map[kind]advice{
	cloudsso.KindSignature: {"CloudSSO Rejected The Request Signature",
		"CloudSSO computed another signature (SignatureDoesNotMatch): the AccessKey secret does not belong to the " +
			"AccessKey ID. Check cloudsso.access_key_secret (or " + envCloudSSOAccessKeySecret + "), and that no " +
			"proxy rewrites the request."},
	cloudsso.KindAccessKey: {"CloudSSO AccessKey Not Found",
		"Check cloudsso.access_key_id (or " + envCloudSSOAccessKeyID + "): the AccessKey does not exist, or was " +
			"deleted or disabled."},
	cloudsso.KindSecurityToken: {"CloudSSO Security Token Rejected",
		"The STS security token is invalid or has expired. Get a new temporary credential (AccessKey ID, secret and " +
			"token together)."},
	cloudsso.KindTimestamp: {"CloudSSO Rejected The Request Time",
		"CloudSSO accepts requests signed within 15 minutes of its own clock. Check this machine's clock."},
	// The client reports KindNotFound only for EntityNotExists.Directory, and every CloudSSO
	// object lives in a directory.
	cloudsso.KindNotFound: {"CloudSSO Directory Not Found",
		"No directory with this ID exists in the account of the AccessKey. Check directory_id and the region " +
			"(cloudsso.region): a directory is served by its own region's endpoint."},
	cloudsso.KindForbidden: {"CloudSSO Permission Denied",
		"The RAM identity of the AccessKey lacks a permission this operation needs. Grant it the CloudSSO actions " +
			"the object's documentation lists, in a RAM policy."},
	cloudsso.KindThrottled: {"CloudSSO Rate Limit",
		"CloudSSO kept throttling requests until the operation's time ran out. Lower cloudsso.max_requests_per_second, " +
			"or run when other tools are not using the account."},
	cloudsso.KindServer: {"CloudSSO Unavailable",
		"CloudSSO kept failing until the operation's time ran out. Try again later."},
	cloudsso.KindBadRequest: {"CloudSSO Rejected The Request",
		"CloudSSO found the request invalid; the message above says why."},
}
