package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// checkTOTPSecret is the client's rule, so that a secret the login accepts passes the plan.
func checkTOTPSecret(secret string) error {
	_, err := rackspace.CheckTOTPSecret(secret)
	return err
}

// checkValidator runs one of the checks the provider shares with its clients at validate and plan
// time. Its message is the check's error alone, so a sensitive value is never echoed.
type checkValidator struct {
	description, summary string
	check                func(string) error
}

var _ validator.String = checkValidator{}

func totpSecretValidator() validator.String {
	return checkValidator{description: "must be a base32 TOTP secret", summary: "Invalid Value", check: checkTOTPSecret}
}

func passcodeValidator() validator.String {
	return checkValidator{description: "must be 6 to 10 digits", summary: "Invalid Value", check: rackspace.CheckPasscode}
}

func endpointValidator() validator.String {
	return checkValidator{description: "must be an https URL, or an http URL on a loopback address",
		summary: "Invalid Endpoint", check: checkEndpoint}
}

func (v checkValidator) Description(_ context.Context) string { return v.description }

func (v checkValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v checkValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, fmt.Sprintf("%s: %s.", req.Path, err))
	}
}
