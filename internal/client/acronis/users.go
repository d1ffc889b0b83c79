package acronis

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

const (
	opGetUser       = "get user"
	opSetUserMFA    = "set user MFA status"
	errNoUserIDText = "no user ID given"
)

// The values of User.MFAStatus (B.4). The spec names them without saying what they mean; the
// reading this package goes by: disabled, the tenant does not require two-factor
// authentication; forcibly_disabled, it does, but an administrator switched it off for the
// user; setup_required, switched on, the user has not set up TOTP yet; enabled, switched on
// and set up.
const (
	UserMFADisabled         = "disabled"
	UserMFAForciblyDisabled = "forcibly_disabled"
	UserMFASetupRequired    = "setup_required"
	UserMFAEnabled          = "enabled"
)

// UserMFAStatuses are the documented values of User.MFAStatus.
var UserMFAStatuses = []string{UserMFADisabled, UserMFAForciblyDisabled, UserMFASetupRequired, UserMFAEnabled}

// UserMFAOn tells whether a user's status means two-factor authentication is switched on for
// the user, set up or not: what SetUserMFAStatus(…, true) asks for.
func UserMFAOn(status string) bool {
	return status == UserMFAEnabled || status == UserMFASetupRequired
}

// User is the part of a user object this provider uses.
type User struct {
	ID        string `json:"id"`
	TenantID  string `json:"tenant_id"`
	Login     string `json:"login"`
	Enabled   bool   `json:"enabled"`
	Version   int64  `json:"version"`
	MFAStatus string `json:"mfa_status"`
}

// GetUser reads a user (FetchUser); its MFAStatus is the only place the API shows a user's
// two-factor status.
func (c *Client) GetUser(ctx context.Context, userID string) (*User, error) {
	if strings.TrimSpace(userID) == "" {
		return nil, &Error{Service: APIName, Op: opGetUser, Kind: KindBadRequest, Message: errNoUserIDText}
	}
	u := &User{}
	status, err := c.call(ctx, opGetUser, http.MethodGet, userPath(userID), userID, nil, u)
	if err != nil {
		return nil, err
	}
	if u.ID == "" || u.MFAStatus == "" {
		return nil, &Error{Service: APIName, Op: opGetUser, Status: status, Message: "unexpected response: no user id or mfa_status"}
	}
	return u, nil
}

// SetUserMFAStatus switches two-factor authentication on or off for one user
// (ManageUserMFAStatus). The API answers with no content, so the status that results is read
// with GetUser.
func (c *Client) SetUserMFAStatus(ctx context.Context, userID string, enabled bool) error {
	if strings.TrimSpace(userID) == "" {
		return &Error{Service: APIName, Op: opSetUserMFA, Kind: KindBadRequest, Message: errNoUserIDText}
	}
	_, err := c.call(ctx, opSetUserMFA, http.MethodPut, userPath(userID)+"/mfa/status", userID, map[string]bool{"enabled": enabled}, nil)
	return err
}

// userPath escapes the ID so that it names one user and no other route.
func userPath(userID string) string {
	return "/users/" + url.PathEscape(userID)
}
