package cloudsso

import (
	"context"
	"fmt"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

// The API actions this package calls; they also name the operations in
// errors and logs.
const (
	opGetMFAStatus = "GetMFAAuthenticationStatus"
	opSetMFAStatus = "SetMFAAuthenticationStatus"
)

// The values of MFAAuthenticationStatus; the API is case-sensitive.
const (
	MFAEnabled  = "Enabled"
	MFADisabled = "Disabled"
)

// MFAStatus is the MFAAuthenticationStatus value that says whether MFA is
// enabled.
func MFAStatus(enabled bool) string {
	if enabled {
		return MFAEnabled
	}
	return MFADisabled
}

// GetMFAAuthenticationStatus reports whether users of the directory must
// use multi-factor authentication. A new directory has it enabled.
func (c *Client) GetMFAAuthenticationStatus(ctx context.Context, directoryID string) (enabled bool, err error) {
	if err := checkDirectoryID(opGetMFAStatus, directoryID); err != nil {
		return false, err
	}
	var out struct {
		MFAAuthenticationStatus string `json:"MFAAuthenticationStatus"`
	}
	if err := c.call(ctx, opGetMFAStatus, map[string]string{"DirectoryId": directoryID}, &out); err != nil {
		return false, err
	}
	switch out.MFAAuthenticationStatus {
	case MFAEnabled:
		return true, nil
	case MFADisabled:
		return false, nil
	}
	if out.MFAAuthenticationStatus == "" {
		return false, &Error{Service: APIName, Op: opGetMFAStatus, Message: "unexpected response: no MFAAuthenticationStatus"}
	}
	return false, &Error{Service: APIName, Op: opGetMFAStatus, Message: fmt.Sprintf("unexpected response: MFAAuthenticationStatus %q is neither %s nor %s",
		httpx.Redact(out.MFAAuthenticationStatus, c.secrets...), MFAEnabled, MFADisabled)}
}

// SetMFAAuthenticationStatus turns multi-factor authentication on or off
// for the users of the directory. The answer does not echo the status.
func (c *Client) SetMFAAuthenticationStatus(ctx context.Context, directoryID string, enabled bool) error {
	if err := checkDirectoryID(opSetMFAStatus, directoryID); err != nil {
		return err
	}
	var out struct{}
	return c.call(ctx, opSetMFAStatus, map[string]string{
		"DirectoryId": directoryID,
		// Always sent: the API documents it as optional, and what it does
		// without it is not documented.
		"MFAAuthenticationStatus": MFAStatus(enabled),
	}, &out)
}

// checkDirectoryID refuses an empty ID before any request: the API would
// only answer MissingParameter.DirectoryId. Other forms are the API's to
// judge.
func checkDirectoryID(op, id string) error {
	if strings.TrimSpace(id) == "" {
		return &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no directory ID given"}
	}
	return nil
}
