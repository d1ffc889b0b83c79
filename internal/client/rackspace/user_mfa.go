package rackspace

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
)

const opSetUserMFA = "set user MFA enforcement"

// The levels a user's multi-factor enforcement can be set to (§2.3): DEFAULT follows the
// domain's level, OPTIONAL exempts the user from it, REQUIRED forces multi-factor
// authentication whatever the domain says. Identity matches them case-sensitively.
const (
	UserMFALevelDefault  = "DEFAULT"
	UserMFALevelOptional = "OPTIONAL"
	UserMFALevelRequired = "REQUIRED"
)

// UserMFALevels are the levels SetUserMFAEnforcement accepts, in the order the docs list them.
var UserMFALevels = []string{UserMFALevelDefault, UserMFALevelRequired, UserMFALevelOptional}

// CheckUserMFALevel reports whether Identity accepts level as a user's enforcement level.
func CheckUserMFALevel(level string) error {
	if !slices.Contains(UserMFALevels, level) {
		return fmt.Errorf("enforcement level %q is not DEFAULT, REQUIRED or OPTIONAL", level)
	}
	return nil
}

// SetUserMFAEnforcement sets one user's multi-factor enforcement level (PUT
// /v2.0/users/{userId}/RAX-AUTH/multi-factor; 204, no body). Identity refuses it with 403 to
// identity:default callers (even on themselves), to identity:admin callers on themselves, to
// user-admins and user-managers on users of another domain or of a higher level, and while the
// user's domain is at RACKSPACE_MANDATED (KindRackspaceMandated).
func (c *Client) SetUserMFAEnforcement(ctx context.Context, tokenID, userID, level string) error {
	if err := CheckUserMFALevel(level); err != nil {
		return &Error{Service: APIName, Op: opSetUserMFA, Kind: KindBadRequest, Message: err.Error()}
	}
	switch {
	case tokenID == "":
		return &Error{Service: APIName, Op: opSetUserMFA, Kind: KindBadRequest, Message: "no token given"}
	case userID == "":
		return &Error{Service: APIName, Op: opSetUserMFA, Kind: KindBadRequest, Message: "no user ID given"}
	}
	body := map[string]any{"RAX-AUTH:multiFactor": map[string]string{"userMultiFactorEnforcementLevel": level}}
	path := "/v2.0/users/" + url.PathEscape(userID) + "/RAX-AUTH/multi-factor"
	resp, err := c.send(ctx, opSetUserMFA, http.MethodPut, path, http.Header{"X-Auth-Token": {tokenID}}, body)
	if err != nil {
		return err
	}
	if !isSuccess(resp.Status) {
		return apiError(opSetUserMFA, stepAPI, resp, tokenID)
	}
	return nil
}

// SetUserMFAEnforcement is Client.SetUserMFAEnforcement with the session's token.
func (s *Session) SetUserMFAEnforcement(ctx context.Context, userID, level string) error {
	return s.Do(ctx, func(ctx context.Context, t string) error {
		return s.client.SetUserMFAEnforcement(ctx, t, userID, level)
	})
}
