package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
)

// acronisAdvice says, for each failure the client can classify, what the user should do.
var acronisAdvice = map[acronis.Kind]advice{
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
	acronis.KindForbidden: {"Acronis Tenant Not Accessible",
		"An API client may only act on its own tenant and the tenants below it. Check tenant_id, or use an API client " +
			"created in this tenant or one of its ancestors."},
	acronis.KindNotFound: {"Acronis Tenant Not Found",
		"No tenant has this ID. Check tenant_id."},
	acronis.KindBusinessRule: {"Acronis Refused The Change",
		"Folder and unit tenants inherit two-factor authentication from their parent and can't be changed."},
	acronis.KindBadRequest: {"Acronis Rejected The Request",
		"The API found the request invalid; the message above says why."},
	acronis.KindUnsupportedMediaType: {"Acronis Rejected The Request",
		"The API did not accept the request's content type. This is a bug in the provider; please report it."},
	acronis.KindRateLimited: {"Acronis Rate Limit",
		"The API kept refusing requests as too many after several retries. Lower -parallelism or try again later."},
	acronis.KindServer: {"Acronis API Unavailable",
		"The API kept failing after several retries. Try again later."},
}

// acronisErrorDiag is apiErrorDiag for the Acronis account API.
func acronisErrorDiag(operation string, err error) diag.Diagnostic {
	return apiErrorDiag(operation, err, acronisKind, acronisAdvice, nil, "Acronis API Error")
}

func acronisKind(err error) (acronis.Kind, bool) {
	var apiErr *acronis.Error
	if errors.As(err, &apiErr) {
		return apiErr.Kind, true
	}
	return 0, false
}

func isAcronisKind(err error, kind acronis.Kind) bool {
	k, ok := acronisKind(err)
	return ok && k == kind
}
