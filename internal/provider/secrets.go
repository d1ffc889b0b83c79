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

// secretValidator runs one of the client's checks on a sensitive string without echoing it.
type secretValidator struct {
	description string
	check       func(string) error
}

var _ validator.String = secretValidator{}

func totpSecretValidator() validator.String {
	return secretValidator{description: "must be a base32 TOTP secret", check: checkTOTPSecret}
}

func passcodeValidator() validator.String {
	return secretValidator{description: "must be 6 to 10 digits", check: rackspace.CheckPasscode}
}

func (v secretValidator) Description(_ context.Context) string { return v.description }

func (v secretValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v secretValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Value", fmt.Sprintf("%s: %s.", req.Path, err))
	}
}
