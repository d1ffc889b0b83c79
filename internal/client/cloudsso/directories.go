package cloudsso

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/internal/httpx"
)

const opListDirectories = "ListDirectories"

// Directory is a CloudSSO directory as ListDirectories describes it. Its MFA
// status is not part of it: only GetMFAAuthenticationStatus reads that.
type Directory struct {
	ID, Name, Region string
	// CreateTime and UpdateTime are as the API gives them, UTC in
	// RFC 3339 form such as 2021-06-30T08:35:26Z.
	CreateTime, UpdateTime string
}

// RAM actions of the calls this package makes, for the permissions a caller
// must be granted.
const (
	RAMActionListDirectories            = "cloudsso:" + opListDirectories
	RAMActionGetMFAAuthenticationStatus = "cloudsso:" + opGetMFAStatus
	RAMActionSetMFAAuthenticationStatus = "cloudsso:" + opSetMFAStatus
)

// ListDirectories returns every directory the credentials' account holds, in
// one request: the action has no parameters and no paging. The result is
// sorted by ID, so that it does not depend on the order the API uses.
func (c *Client) ListDirectories(ctx context.Context) ([]Directory, error) {
	var out struct {
		TotalCounts *int `json:"TotalCounts"`
		Directories []struct {
			DirectoryID   string `json:"DirectoryId"`
			DirectoryName string `json:"DirectoryName"`
			Region        string `json:"Region"`
			CreateTime    string `json:"CreateTime"`
			UpdateTime    string `json:"UpdateTime"`
		} `json:"Directories"`
	}
	if err := c.call(ctx, opListDirectories, map[string]string{}, &out); err != nil {
		return nil, err
	}
	unexpected := func(format string, args ...any) error {
		return &Error{Service: APIName, Op: opListDirectories,
			Message: "unexpected response: " + httpx.Redact(fmt.Sprintf(format, args...), c.secrets...)}
	}
	// Without paging, a count above the list means directories this answer
	// left out; returning the rest as if complete would hide them.
	if out.TotalCounts != nil && *out.TotalCounts != len(out.Directories) {
		return nil, unexpected("TotalCounts is %d but %d directories were listed", *out.TotalCounts, len(out.Directories))
	}
	dirs := make([]Directory, 0, len(out.Directories))
	seen := map[string]bool{}
	for i, d := range out.Directories {
		switch {
		case strings.TrimSpace(d.DirectoryID) == "":
			return nil, unexpected("directory %d of %d has no DirectoryId", i+1, len(out.Directories))
		case seen[d.DirectoryID]:
			return nil, unexpected("directory %s is listed twice", d.DirectoryID)
		}
		seen[d.DirectoryID] = true
		dirs = append(dirs, Directory{ID: d.DirectoryID, Name: d.DirectoryName, Region: d.Region, CreateTime: d.CreateTime, UpdateTime: d.UpdateTime})
	}
	slices.SortFunc(dirs, func(a, b Directory) int { return strings.Compare(a.ID, b.ID) })
	return dirs, nil
}
