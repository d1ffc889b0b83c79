package cloudsso

import (
	"cmp"
	"fmt"
	"maps"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// directoryJSON is a directory in answers (B.2), without MFA: only
// GetMFAAuthenticationStatus reads that.
type directoryJSON struct {
	DirectoryID   string `json:"DirectoryId"`
	DirectoryName string `json:"DirectoryName"`
	Region        string `json:"Region"`
	CreateTime    string `json:"CreateTime"`
	UpdateTime    string `json:"UpdateTime"`
}

func toJSON(d *directory) directoryJSON {
	return directoryJSON{
		DirectoryID: d.ID, DirectoryName: d.Name, Region: d.Region,
		CreateTime: d.CreateTime.UTC().Format(timeLayout),
		UpdateTime: d.UpdateTime.UTC().Format(timeLayout),
	}
}

// dispatch runs a verified action; the caller adds RequestId.
func (a *API) dispatch(req *request, accountID string, now time.Time) (map[string]any, *apiError) {
	switch req.action() {
	case ActionCreateDirectory:
		return a.createDirectory(req, accountID, now)
	case ActionListDirectories:
		return a.listDirectories(accountID), nil
	case ActionSetMFAAuthenticationStatus:
		return a.setMFA(req, accountID, now)
	case ActionSetPasswordPolicy:
		return a.setPasswordPolicy(req, accountID)
	}
	d, e := a.ownDirectory(req, accountID)
	if e != nil {
		return nil, e
	}
	switch req.action() {
	case ActionGetDirectory:
		return map[string]any{"Directory": toJSON(d)}, nil
	case ActionDeleteDirectory:
		delete(a.St.directories, d.ID)
		return map[string]any{}, nil
	case ActionGetMFAAuthenticationStatus:
		return map[string]any{"MFAAuthenticationStatus": d.MFAAuthenticationStatus}, nil
	case ActionGetPasswordPolicy:
		return map[string]any{"PasswordPolicy": passwordPolicyJSON(d.PasswordPolicy)}, nil
	}
	// verify has already refused every other action.
	return nil, errInvalidAction()
}

// listDirectories answers ListDirectories (C.2): no parameters, no paging,
// every directory of the caller's account. Inferred: the listing is
// account-wide whatever regional endpoint answers it, since each item
// carries its Region and the notes tie a directory to an account (B.0), not
// an endpoint; the order is creation order; parameters other than the
// common ones are ignored.
func (a *API) listDirectories(accountID string) map[string]any {
	list := []directoryJSON{}
	for _, d := range a.St.sortedDirectories() {
		if d.AccountID == accountID {
			list = append(list, toJSON(d))
		}
	}
	return map[string]any{"TotalCounts": len(list), "Directories": list}
}

// ownDirectory. Inferred (B.3, open question 6): another account's directory
// is as unknown as a missing one, so ids of others never leak.
func (a *API) ownDirectory(req *request, accountID string) (*directory, *apiError) {
	id := req.param("DirectoryId")
	if id == "" {
		e := errMissing("DirectoryId")
		e.code = codeMissingDirectoryID
		return nil, e
	}
	d := a.St.directories[id]
	if d == nil || d.AccountID != accountID {
		return nil, errDirectoryNotFound()
	}
	return d, nil
}

// setMFA: the value is case-sensitive (B.1). Inferred: a bad value is refused
// before the lookup, an empty one changes nothing, a change moves UpdateTime.
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
	if v != "" && v != d.MFAAuthenticationStatus {
		d.MFAAuthenticationStatus = v
		d.UpdateTime = now.UTC().Truncate(time.Second)
	}
}

// createDirectory: one directory per account, unique names (B.0, B.2).
// Inferred: checks name, limit, uniqueness in that order; codes and 409s are ours.
func (a *API) createDirectory(req *request, accountID string, now time.Time) (map[string]any, *apiError) {
	name := req.param("DirectoryName")
	if name != "" {
		if err := validName(name); err != nil {
			return nil, errBadRequest(codeInvalidName, "The specified DirectoryName is invalid: "+err.Error()+".")
		}
	}
	for _, d := range a.St.directories {
		if d.AccountID == accountID {
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
	d := a.St.addDirectory(DirectoryState{ID: a.generateID(), Name: name, Region: regionFromHost(req.host), AccountID: accountID, CreateTime: now.UTC().Truncate(time.Second)})
	return map[string]any{"Directory": toJSON(d)}, nil
}

// addDirectory stores a directory; MFA is Enabled by default (B.1), and the
// password policy, unless d has one, is the console's default (C.1).
func (st *state) addDirectory(d DirectoryState) *directory {
	st.seq++
	if d.PasswordPolicy == (PasswordPolicyState{}) {
		d.PasswordPolicy = defaultPasswordPolicy()
	}
	d.Region, d.MFAAuthenticationStatus = cmp.Or(d.Region, DefaultRegion), cmp.Or(d.MFAAuthenticationStatus, MFAEnabled)
	d.UpdateTime = d.CreateTime
	st.directories[d.ID] = &directory{d, st.seq}
	return st.directories[d.ID]
}

func (a *API) nameTaken(name string) bool {
	for _, d := range a.St.directories {
		if d.Name == name {
			return true
		}
	}
	return false
}

func (st *state) sortedDirectories() []*directory {
	return slices.SortedFunc(maps.Values(st.directories), func(x, y *directory) int { return x.seq - y.seq })
}

func (a *API) generateID() string {
	return unused("d-", 12, func(id string) bool { return a.St.directories[id] != nil })
}

// generateName. Inferred: the real scheme for omitted names is unknown.
func (a *API) generateName() string { return unused("directory-", 10, a.nameTaken) }

// unused draws prefix and n random lowercase letters or digits until taken
// says no.
func unused(prefix string, n int, taken func(string) bool) string {
	const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
	for {
		b := emuhttp.RandomBytes(n)
		for i := range b {
			b[i] = alphabet[int(b[i])%len(alphabet)]
		}
		if s := prefix + string(b); !taken(s) {
			return s
		}
	}
}

// regionFromHost reads cloudsso.<region>.aliyuncs.com (B.0). Inferred: any
// other host, such as the emulator's, means cn-shanghai.
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
