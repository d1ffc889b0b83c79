package cloudsso

import (
	"crypto/rand"
	"fmt"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// directoryJSON is a directory in GetDirectory, ListDirectories and
// CreateDirectory answers (B.2). It has no MFA field: MFA is read with
// GetMFAAuthenticationStatus only.
type directoryJSON struct {
	DirectoryID   string `json:"DirectoryId"`
	DirectoryName string `json:"DirectoryName"`
	Region        string `json:"Region"`
	CreateTime    string `json:"CreateTime"`
	UpdateTime    string `json:"UpdateTime"`
}

func toJSON(d *directory) directoryJSON {
	return directoryJSON{
		DirectoryID: d.id, DirectoryName: d.name, Region: d.region,
		CreateTime: d.created.UTC().Format(timeLayout),
		UpdateTime: d.updated.UTC().Format(timeLayout),
	}
}

// dispatch runs a verified action for an account. The caller holds a.Mu
// and adds RequestId to the answer.
func (a *API) dispatch(req *request, accountID string, now time.Time) (map[string]any, *apiError) {
	switch req.action() {
	case ActionCreateDirectory:
		return a.createDirectory(req, accountID, now)
	case ActionGetDirectory:
		d, e := a.ownDirectory(req, accountID)
		if e != nil {
			return nil, e
		}
		return map[string]any{"Directory": toJSON(d)}, nil
	case ActionListDirectories:
		list := []directoryJSON{}
		for _, d := range a.St.sortedDirectories() {
			if d.accountID == accountID {
				list = append(list, toJSON(d))
			}
		}
		return map[string]any{"TotalCounts": len(list), "Directories": list}, nil
	case ActionDeleteDirectory:
		d, e := a.ownDirectory(req, accountID)
		if e != nil {
			return nil, e
		}
		delete(a.St.directories, d.id)
		return map[string]any{}, nil
	case ActionGetMFAAuthenticationStatus:
		d, e := a.ownDirectory(req, accountID)
		if e != nil {
			return nil, e
		}
		return map[string]any{"MFAAuthenticationStatus": d.mfa}, nil
	case ActionSetMFAAuthenticationStatus:
		return a.setMFA(req, accountID, now)
	}
	// verify has already refused every other action.
	return nil, errInvalidAction()
}

// ownDirectory finds the DirectoryId parameter's directory among the
// account's own. Inferred (B.3, open question 6): a missing id is
// MissingParameter.DirectoryId; another account's directory is as unknown
// as one that does not exist, so ids of others never leak.
func (a *API) ownDirectory(req *request, accountID string) (*directory, *apiError) {
	id := req.param("DirectoryId")
	if id == "" {
		return nil, &apiError{
			status: http.StatusBadRequest, code: codeMissingDirectoryID,
			message: `The input parameter "DirectoryId" that is mandatory for processing this request is not supplied.`,
		}
	}
	d := a.St.directories[id]
	if d == nil || d.accountID != accountID {
		return nil, errDirectoryNotFound()
	}
	return d, nil
}

// setMFA serves SetMFAAuthenticationStatus. The value is case-sensitive
// (B.1). Inferred: a bad value is refused before the directory is looked
// up, an absent or empty one changes nothing (the parameter is optional),
// and a real change moves the directory's UpdateTime.
func (a *API) setMFA(req *request, accountID string, now time.Time) (map[string]any, *apiError) {
	if req.param("DirectoryId") == "" {
		_, e := a.ownDirectory(req, accountID)
		return nil, e
	}
	v := req.param("MFAAuthenticationStatus")
	if v != "" && v != MFAEnabled && v != MFADisabled {
		return nil, errBadRequest(codeInvalidMFAStatus,
			fmt.Sprintf("The specified MFAAuthenticationStatus %q is invalid; valid values are Enabled and Disabled.", v))
	}
	d, e := a.ownDirectory(req, accountID)
	if e != nil {
		return nil, e
	}
	a.setDirectoryMFA(d, v, now)
	return map[string]any{}, nil
}

func (a *API) setDirectoryMFA(d *directory, v string, now time.Time) {
	if v != "" && v != d.mfa {
		d.mfa = v
		d.updated = now.UTC().Truncate(time.Second)
	}
}

// createDirectory serves CreateDirectory. CloudSSO allows one directory per
// account and globally unique names (B.0, B.2). Inferred: the name is
// checked first, then the account's limit, then uniqueness; the codes and
// 409 statuses are ours.
func (a *API) createDirectory(req *request, accountID string, now time.Time) (map[string]any, *apiError) {
	name := req.param("DirectoryName")
	if name != "" {
		if err := validName(name); err != nil {
			return nil, errBadRequest(codeInvalidName, "The specified DirectoryName is invalid: "+err.Error()+".")
		}
	}
	for _, d := range a.St.directories {
		if d.accountID == accountID {
			return nil, &apiError{
				status: http.StatusConflict, code: codeDirectoryLimit,
				message: "The account already has a directory; CloudSSO allows one directory per account.",
			}
		}
	}
	if name == "" {
		name = a.generateName()
	} else if a.nameTaken(name) {
		return nil, &apiError{status: http.StatusConflict, code: codeNameTaken, message: "The specified directory name already exists."}
	}
	d := a.addDirectory(a.generateID(), name, regionFromHost(req.host), accountID, MFAEnabled, now)
	return map[string]any{"Directory": toJSON(d)}, nil
}

// addDirectory stores a new directory; new directories have MFA Enabled
// unless told otherwise (B.1).
func (a *API) addDirectory(id, name, region, accountID, mfa string, now time.Time) *directory {
	now = now.UTC().Truncate(time.Second)
	a.St.seq++
	d := &directory{
		id: id, name: name, region: region, accountID: accountID, mfa: mfa,
		created: now, updated: now, seq: a.St.seq,
	}
	a.St.directories[id] = d
	return d
}

func (a *API) nameTaken(name string) bool {
	for _, d := range a.St.directories {
		if d.name == name {
			return true
		}
	}
	return false
}

// sortedDirectories lists directories in the order they were loaded or
// created.
func (st *state) sortedDirectories() []*directory {
	return slices.SortedFunc(maps.Values(st.directories), func(x, y *directory) int { return x.seq - y.seq })
}

// generateID returns an unused "d-" + 12 lowercase letters and digits.
func (a *API) generateID() string {
	for {
		id := "d-" + randomLower(12)
		if a.St.directories[id] == nil {
			return id
		}
	}
}

// generateName picks an unused name that obeys the naming rules. Inferred:
// the real service's scheme for omitted names is unknown.
func (a *API) generateName() string {
	for {
		name := "directory-" + randomLower(10)
		if !a.nameTaken(name) {
			return name
		}
	}
}

func randomLower(n int) string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// regionFromHost reads the region of a regional endpoint
// (cloudsso.<region>.aliyuncs.com, B.0). Inferred: any other host, such as
// the emulator's own address, means cn-shanghai.
func regionFromHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	if r, ok := strings.CutPrefix(host, "cloudsso."); ok {
		if r, ok = strings.CutSuffix(r, ".aliyuncs.com"); ok && slices.Contains(regions, r) {
			return r
		}
	}
	return DefaultRegion
}
