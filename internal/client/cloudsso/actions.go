package cloudsso

import (
	"context"
	"fmt"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

const (
	opGetMFAStatus = "GetMFAAuthenticationStatus"
	opSetMFAStatus = "SetMFAAuthenticationStatus"
)

// The values of MFAAuthenticationStatus; the API is case-sensitive.
const (
	MFAEnabled  = "Enabled"
	MFADisabled = "Disabled"
)

// MFAStatus is the MFAAuthenticationStatus value for enabled.
func MFAStatus(enabled bool) string {
	if enabled {
		return MFAEnabled
	}
	return MFADisabled
}

// GetMFAAuthenticationStatus reports whether the directory's users must use
// MFA.
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
	case MFAEnabled, MFADisabled:
		return out.MFAAuthenticationStatus == MFAEnabled, nil
	case "":
		return false, &Error{Service: APIName, Op: opGetMFAStatus, Message: "unexpected response: no MFAAuthenticationStatus"}
	}
	return false, &Error{Service: APIName, Op: opGetMFAStatus, Message: fmt.Sprintf("unexpected response: MFAAuthenticationStatus %q is neither %s nor %s",
		httpx.Redact(out.MFAAuthenticationStatus, c.secrets...), MFAEnabled, MFADisabled)}
}

// SetMFAAuthenticationStatus turns MFA on or off for the directory's users.
func (c *Client) SetMFAAuthenticationStatus(ctx context.Context, directoryID string, enabled bool) error {
	if err := checkDirectoryID(opSetMFAStatus, directoryID); err != nil {
		return err
	}
	var out struct{}
	return c.call(ctx, opSetMFAStatus, map[string]string{
		"DirectoryId": directoryID,
		// Documented as optional, with no word on what its absence does.
		"MFAAuthenticationStatus": MFAStatus(enabled),
	}, &out)
}

func checkDirectoryID(op, id string) error {
	if strings.TrimSpace(id) == "" {
		return &Error{Service: APIName, Op: op, Kind: KindBadRequest, Message: "no directory ID given"}
	}
	return nil
}
