package provider

import (
	"context"
	"encoding/base32"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// checkTOTPSecret accepts the base32 secrets authenticator apps show: any case, with spaces
// between groups and with or without padding. The error never repeats the secret.
func checkTOTPSecret(secret string) error {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	s = strings.TrimRight(s, "=")
	if s == "" {
		return errors.New("the secret is empty")
	}
	if _, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s); err != nil {
		return errors.New("the secret is not valid base32 (letters A-Z and digits 2-7, as shown when the authenticator device was added)")
	}
	return nil
}

var passcodePattern = regexp.MustCompile(`^[0-9]{6,10}$`)

// checkPasscode accepts the 6-digit codes of phones and authenticator apps and the longer
// numeric bypass codes Identity issues.
func checkPasscode(passcode string) error {
	if !passcodePattern.MatchString(passcode) {
		return errors.New("a passcode is 6 to 10 digits")
	}
	return nil
}

// secretValidator runs one of the checks above on a sensitive string without echoing it.
type secretValidator struct {
	description string
	check       func(string) error
}

var _ validator.String = secretValidator{}

func totpSecretValidator() validator.String {
	return secretValidator{description: "must be a base32 TOTP secret", check: checkTOTPSecret}
}

func passcodeValidator() validator.String {
	return secretValidator{description: "must be 6 to 10 digits", check: checkPasscode}
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
