package cloudsso

import (
	"regexp"
	"time"
)

// APIVersion is the only Version this emulator answers (B.0).
const APIVersion = "2021-05-15"

// Actions the emulator implements (B.1, B.2, C.1).
const (
	ActionCreateDirectory            = "CreateDirectory"
	ActionGetDirectory               = "GetDirectory"
	ActionListDirectories            = "ListDirectories"
	ActionDeleteDirectory            = "DeleteDirectory"
	ActionGetMFAAuthenticationStatus = "GetMFAAuthenticationStatus"
	ActionSetMFAAuthenticationStatus = "SetMFAAuthenticationStatus"
	ActionGetPasswordPolicy          = "GetPasswordPolicy"
	ActionSetPasswordPolicy          = "SetPasswordPolicy"
)

// Values of MFAAuthenticationStatus, case-sensitive (B.1).
const (
	MFAEnabled  = "Enabled"
	MFADisabled = "Disabled"
)

// DefaultRegion is the region of the notes' examples and TF-ALI's tests (B.0).
const DefaultRegion = "cn-shanghai"

// regions are the directory regions CloudSSO offers (B.0).
var regions = []string{"cn-shanghai", "cn-hongkong", "ap-northeast-2", "ap-southeast-1", "us-west-1", "eu-central-1"}

const (
	defaultCallsPerSecond = 100              // the documented per-account limit (seed 002)
	skew                  = 15 * time.Minute // timestamp tolerance and nonce memory (B.3)
	quotaWindow           = time.Second
	timeLayout            = "2006-01-02T15:04:05Z" // requests and responses (B.2, B.4)
	stsPrefix             = "STS."                 // keys that need a security token (B.4.1)
)

var (
	// Inferred from the masked examples (B.2).
	directoryIDRE = regexp.MustCompile(`^d-[0-9a-z]{12}$`)
	// The rest of the name rule (B.2) is in validName.
	directoryNameRE = regexp.MustCompile(`^[0-9a-z]([0-9a-z-]*[0-9a-z])?$`)
	// Inferred: real ids are 16 digits; any length keeps fixtures short.
	accountIDRE = regexp.MustCompile(`^[0-9]+$`)
)

// account keeps its view; accountState fills Expired.
type account struct {
	AccountState
}

type credential struct {
	id, secret string
	accountID  string
	sts        bool
	token      string
	expires    time.Time // zero: never
}

type directory struct {
	DirectoryState
	seq int // load or creation order, for listings
}
