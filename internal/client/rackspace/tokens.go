package rackspace

import (
	"context"
	"errors"
	"net/http"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

const (
	opAuthenticate = "authenticate"
	opPasscode     = "authenticate (multi-factor passcode)"
	opRevokeToken  = "revoke token"
	opGetDomain    = "get domain"

	opSetDomainMFA         = "set domain MFA enforcement"
	opSetPasswordPolicy    = "set password policy"
	opGetPasswordPolicy    = "get password policy"
	opDeletePasswordPolicy = "delete password policy"
)

const tokensPath = "/v2.0/tokens"

// Credentials are exactly one of Password, APIKey or Token (which cannot
// be renewed), and Username with the first two. TOTPSecret answers an
// OTPPASSCODE challenge, Passcode any challenge as given.
type Credentials struct {
	Username, Password, APIKey, Token string
	TOTPSecret, Passcode              string
	TenantID                          string
}

// String keeps secrets out of anything that formats Credentials with %v.
func (c Credentials) String() string {
	kind := "none"
	switch {
	case c.Password != "":
		kind = "password"
	case c.APIKey != "":
		kind = "api key"
	case c.Token != "":
		kind = "token"
	}
	return "{Username:" + c.Username + " Credential:" + kind + " TenantID:" + c.TenantID + "}"
}

// GoString does for %#v what String does for %v.
func (c Credentials) GoString() string { return "rackspace.Credentials" + c.String() }

func (c Credentials) secrets() []string {
	return []string{c.Password, c.APIKey, c.Token, c.TOTPSecret, c.Passcode}
}

// credential is each of Identity's credential objects; none is sent with
// an empty field.
type credential struct {
	Username string `json:"username,omitempty"`
	Password string `json:"password,omitempty"`
	APIKey   string `json:"apiKey,omitempty"`
	ID       string `json:"id,omitempty"`
	Passcode string `json:"passcode,omitempty"`
}

// authBody: Identity strips tenantId from inside the credential object.
type authBody struct {
	Password *credential `json:"passwordCredentials,omitempty"`
	APIKey   *credential `json:"RAX-KSKEY:apiKeyCredentials,omitempty"`
	Token    *credential `json:"token,omitempty"`
	Passcode *credential `json:"RAX-AUTH:passcodeCredentials,omitempty"`
	TenantID string      `json:"tenantId,omitempty"`
}

type authRequest struct {
	Auth authBody `json:"auth"`
}

// The rules Check applies, for callers that word them their own way.
var (
	ErrNoCredential    = errors.New("credentials must have one of a password, an API key or a token")
	ErrManyCredentials = errors.New("credentials must have only one of a password, an API key or a token")
	ErrNoUsername      = errors.New("a username is required with a password or an API key")
)

// Check reports the first rule of Credentials that c breaks, before any request.
func (c Credentials) Check() error {
	set := 0
	for _, v := range []string{c.Password, c.APIKey, c.Token} {
		if v != "" {
			set++
		}
	}
	switch {
	case set == 0:
		return ErrNoCredential
	case set > 1:
		return ErrManyCredentials
	case c.Token == "" && c.Username == "":
		return ErrNoUsername
	}
	return nil
}

func (c Credentials) firstRequest() (*authRequest, step, error) {
	if err := c.Check(); err != nil {
		return nil, 0, &Error{Service: APIName, Op: opAuthenticate, Kind: KindBadRequest, Message: err.Error()}
	}
	req := &authRequest{Auth: authBody{TenantID: c.TenantID}}
	switch {
	case c.Token != "":
		req.Auth.Token = &credential{ID: c.Token}
		return req, stepToken, nil
	case c.Password != "":
		req.Auth.Password = &credential{Username: c.Username, Password: c.Password}
	default:
		req.Auth.APIKey = &credential{Username: c.Username, APIKey: c.APIKey}
	}
	return req, stepCredentials, nil
}

// Authenticate logs in, answering a multi-factor challenge from
// creds.TOTPSecret or creds.Passcode.
func (c *Client) Authenticate(ctx context.Context, creds Credentials) (*Access, error) {
	first, st, err := creds.firstRequest()
	if err != nil {
		return nil, err
	}
	// Checked before any request: a bad secret found only after the
	// challenge would leave an SMS sent and a session dangling.
	var totpSecret string
	if creds.TOTPSecret != "" {
		if totpSecret, err = CheckTOTPSecret(creds.TOTPSecret); err != nil {
			return nil, &Error{Service: APIName, Op: opAuthenticate, Kind: KindInvalidTOTPSecret, Message: "TOTP secret: " + err.Error()}
		}
	}
	resp, err := c.send(ctx, opAuthenticate, http.MethodPost, tokensPath, nil, first)
	if err != nil {
		return nil, err
	}
	if isSuccess(resp.Status) {
		return accessFrom(opAuthenticate, resp, nil)
	}
	sessionID, factor, present, ok := challengeFrom(resp.Header)
	if resp.Status == http.StatusUnauthorized && ok {
		return c.secondFactor(ctx, creds, st, totpSecret, sessionID, factor, resp)
	}
	e := apiError(opAuthenticate, st, resp, creds.secrets()...)
	if resp.Status == http.StatusUnauthorized && present {
		e.Hint = "the multi-factor challenge header could not be parsed"
	}
	return nil, e
}

// RevokeToken revokes tokenID (DELETE /v2.0/tokens).
func (c *Client) RevokeToken(ctx context.Context, tokenID string) error {
	if tokenID == "" {
		return &Error{Service: APIName, Op: opRevokeToken, Kind: KindBadRequest, Message: "no token given"}
	}
	resp, err := c.send(ctx, opRevokeToken, http.MethodDelete, tokensPath, http.Header{"X-Auth-Token": {tokenID}}, nil)
	if err != nil {
		return err
	}
	if isSuccess(resp.Status) {
		return nil
	}
	return apiError(opRevokeToken, stepAPI, resp, tokenID)
}

// accessFrom: X-Password-Expiration may come with the challenge (fallback).
func accessFrom(op string, resp *httpx.Response, fallback http.Header) (*Access, error) {
	a, err := parseAccess(resp.Body, resp.Header)
	if err != nil {
		return nil, &Error{Service: APIName, Op: op, Status: resp.Status, Message: "unexpected response: " + err.Error()}
	}
	if a.PasswordExpiration == nil && fallback != nil {
		a.PasswordExpiration = passwordExpiration(fallback)
	}
	return a, nil
}

func isSuccess(status int) bool { return status >= 200 && status < 300 }
