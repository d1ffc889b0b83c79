package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// cloudSSOAdvice says, for each failure the client can classify, what the user should do.
var cloudSSOAdvice = map[cloudsso.Kind]advice{
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
	cloudsso.KindNotFound: {"CloudSSO Directory Not Found",
		"No directory with this ID exists in the account of the AccessKey. Check directory_id and the region " +
			"(cloudsso.region): a directory is served by its own region's endpoint."},
	cloudsso.KindForbidden: {"CloudSSO Permission Denied",
		"The RAM identity of the AccessKey needs cloudsso:GetMFAAuthenticationStatus and " +
			"cloudsso:SetMFAAuthenticationStatus on the directory."},
	cloudsso.KindThrottled: {"CloudSSO Rate Limit",
		"CloudSSO kept throttling requests until the operation's time ran out. Lower cloudsso.max_requests_per_second, " +
			"or run when other tools are not using the account."},
	cloudsso.KindServer: {"CloudSSO Unavailable",
		"CloudSSO kept failing until the operation's time ran out. Try again later."},
	cloudsso.KindBadRequest: {"CloudSSO Rejected The Request",
		"CloudSSO found the request invalid; the message above says why."},
}

// cloudSSOErrorDiag is apiErrorDiag for CloudSSO.
func cloudSSOErrorDiag(operation string, err error) diag.Diagnostic {
	return apiErrorDiag(operation, err, cloudSSOKind, cloudSSOAdvice, nil, "CloudSSO Error")
}

func cloudSSOKind(err error) (cloudsso.Kind, bool) {
	var apiErr *cloudsso.Error
	if errors.As(err, &apiErr) {
		return apiErr.Kind, true
	}
	return 0, false
}

func isCloudSSOKind(err error, kind cloudsso.Kind) bool {
	k, ok := cloudSSOKind(err)
	return ok && k == kind
}
