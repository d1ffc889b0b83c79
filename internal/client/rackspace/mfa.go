package rackspace

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// totpOpts: Identity's keyUri names no parameters, so the RFC 6238 defaults.
var totpOpts = totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

var secretGrouping = strings.NewReplacer(" ", "", "\t", "", "\n", "", "\r", "", "-", "")

// CheckTOTPSecret accepts a base32 secret as apps show it (any case, grouped
// by spaces, tabs, newlines or dashes, padded or not) and returns it
// normalized. The error never repeats the secret.
func CheckTOTPSecret(secret string) (string, error) {
	s := strings.ToUpper(strings.TrimRight(secretGrouping.Replace(secret), "="))
	if s == "" {
		return "", errors.New("the secret is empty")
	}
	if _, err := totp.GenerateCodeCustom(s, time.Unix(0, 0), totpOpts); err != nil {
		return "", errors.New("the secret is not valid base32 (letters A-Z and digits 2-7, as shown when the authenticator device was added)")
	}
	return s, nil
}

var passcodePattern = regexp.MustCompile(`^[0-9]{6,10}$`)

// CheckPasscode accepts 6-digit codes and Identity's longer bypass codes.
// The error never repeats the passcode.
func CheckPasscode(passcode string) error {
	if !passcodePattern.MatchString(passcode) {
		return errors.New("a passcode is 6 to 10 digits")
	}
	return nil
}

// secondFactor repeats POST /v2.0/tokens with X-SessionId and a passcode.
func (c *Client) secondFactor(ctx context.Context, creds Credentials, st step, totpSecret, sessionID, factor string, challenge *httpx.Response) (*Access, error) {
	passcode, source, hint := c.passcodeFor(creds, totpSecret, factor)
	if passcode == "" {
		e := apiError(opAuthenticate, st, challenge, creds.secrets()...)
		e.Kind, e.Factor, e.Hint = KindPasscodeRequired, factor, hint
		return nil, e
	}
	c.logger.Debug(ctx, "rackspace identity multi-factor challenge",
		map[string]any{"factor": factor, "source": source})
	body := &authRequest{Auth: authBody{
		Passcode: &credential{Passcode: passcode},
		TenantID: creds.TenantID,
	}}
	resp, err := c.send(ctx, opPasscode, http.MethodPost, tokensPath, http.Header{"X-SessionId": {sessionID}}, body)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Factor = factor
		}
		return nil, err
	}
	if isSuccess(resp.Status) {
		return accessFrom(opPasscode, resp, challenge.Header)
	}
	secrets := append(creds.secrets(), sessionID, passcode)
	e := apiError(opPasscode, stepPasscode, resp, secrets...)
	e.Factor = factor
	return nil, e
}

// passcodeFor picks the answer to a challenge and names its source, or says
// what is missing. A TOTP code is never sent for an SMS (PASSCODE)
// challenge: it cannot be right, and every wrong passcode counts towards
// the three that lock the account.
func (c *Client) passcodeFor(creds Credentials, totpSecret, factor string) (passcode, source, hint string) {
	switch {
	case factor == factorSMS && creds.Passcode != "":
		return creds.Passcode, "passcode", ""
	case factor == factorSMS && totpSecret != "":
		return "", "", "the account uses SMS passcodes (factor PASSCODE), which a TOTP secret cannot produce; supply a passcode or bypass code"
	case factor == factorSMS:
		return "", "", "the account uses SMS passcodes (factor PASSCODE); supply a passcode or bypass code"
	case totpSecret != "":
		code, _ := totp.GenerateCodeCustom(totpSecret, c.now(), totpOpts)
		return code, "totp", ""
	case creds.Passcode != "":
		return creds.Passcode, "passcode", ""
	case factor != "":
		return "", "", "the account requires a multi-factor passcode (factor " + factor + "); supply a TOTP secret or a passcode"
	}
	return "", "", "the account requires a multi-factor passcode; supply a TOTP secret or a passcode"
}
