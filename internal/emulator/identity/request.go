package identity

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const (
	credPassword = "passwordCredentials"
	credAPIKey   = "RAX-KSKEY:apiKeyCredentials"
	credPasscode = "RAX-AUTH:passcodeCredentials"
	credToken    = "token"
)

type authRequest struct {
	kind       string // one of the cred* keys
	username   string
	secret     string // password or API key
	passcode   string
	tokenID    string
	tenantID   string
	tenantName string
	scope      string
	hasScope   bool
}

type badRequest string

// parseAuth decodes the body as Identity's JSON reader does.
func parseAuth(r *http.Request) (*authRequest, badRequest) {
	auth, ok := bodyMember(r, "auth")
	if !ok {
		return nil, msgInvalidJSON
	}

	req := &authRequest{}
	creds, unknown := 0, false
	for key, raw := range auth {
		var err error
		if slices.Contains([]string{credPassword, credAPIKey, credPasscode, credToken}, key) {
			req.kind = key
			creds++
		}
		switch key {
		case credPassword:
			var c struct{ Username, Password string }
			err = decodeObject(raw, &c)
			req.username, req.secret = c.Username, c.Password
		case credAPIKey:
			var c struct{ Username, APIKey string }
			err = decodeObject(raw, &c)
			req.username, req.secret = c.Username, c.APIKey
		case credPasscode:
			var c struct{ Passcode string }
			err = decodeObject(raw, &c)
			req.passcode = c.Passcode
		case credToken:
			var c struct{ ID string }
			err = decodeObject(raw, &c)
			req.tokenID = c.ID
		case "tenantId":
			err = json.Unmarshal(raw, &req.tenantID)
		case "tenantName":
			err = json.Unmarshal(raw, &req.tenantName)
		case "RAX-AUTH:scope":
			err = json.Unmarshal(raw, &req.scope)
			req.hasScope = true
		case "RAX-AUTH:domainId":
			// Inferred: accepted and ignored; every emulated user has one domain.
			var s string
			err = json.Unmarshal(raw, &s)
		default:
			unknown = unknown || isObject(raw)
		}
		if err != nil {
			return nil, msgInvalidJSON
		}
	}
	switch {
	case creds == 0 && unknown:
		return nil, msgUnknownCredential
	case creds != 1:
		// Inferred: two credentials at once are as unreadable as none.
		return nil, msgUnparsableAuth
	case req.tenantID != "" && req.tenantName != "":
		return nil, msgTenantIDAndName
	}
	return req, validateCredential(req)
}

func isObject(raw json.RawMessage) bool { return bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) }

func decodeObject(raw json.RawMessage, v any) error {
	if !isObject(raw) {
		return errors.New("not an object")
	}
	return json.Unmarshal(raw, v)
}

// bodyMember reads the object at key of the JSON object in the body.
func bodyMember(r *http.Request, key string) (map[string]json.RawMessage, bool) {
	body, err := emuhttp.ReadBody(r)
	var root, member map[string]json.RawMessage
	if err != nil || json.Unmarshal(body, &root) != nil {
		return nil, false
	}
	return member, decodeObject(root[key], &member) == nil
}

// validateCredential mirrors Identity's Validator20 checks.
func validateCredential(req *authRequest) badRequest {
	switch req.kind {
	case credPassword, credAPIKey:
		if strings.TrimSpace(req.username) == "" {
			return msgExpectUsername
		}
		if strings.ContainsAny(req.username, " \t\r\n") {
			return msgUsernameSpaces
		}
		if strings.TrimSpace(req.secret) == "" {
			if req.kind == credPassword {
				return msgExpectPassword
			}
			return msgExpectAPIKey
		}
	}
	return ""
}
