package cloudsso

import (
	"regexp"
	"time"
)

// APIVersion is the only Version this emulator answers (B.0).
const APIVersion = "2021-05-15"

// Actions the emulator implements (B.1, B.2).
const (
	ActionCreateDirectory            = "CreateDirectory"
	ActionGetDirectory               = "GetDirectory"
	ActionListDirectories            = "ListDirectories"
	ActionDeleteDirectory            = "DeleteDirectory"
	ActionGetMFAAuthenticationStatus = "GetMFAAuthenticationStatus"
	ActionSetMFAAuthenticationStatus = "SetMFAAuthenticationStatus"
)

// Values of MFAAuthenticationStatus (B.1). They are case-sensitive.
const (
	MFAEnabled  = "Enabled"
	MFADisabled = "Disabled"
)

// DefaultRegion is where a directory lands when nothing names a region:
// the region the notes' examples and TF-ALI's tests use (B.0).
const DefaultRegion = "cn-shanghai"

// regions are the directory regions CloudSSO offers (B.0).
var regions = []string{"cn-shanghai", "cn-hongkong", "ap-northeast-2", "ap-southeast-1", "us-west-1", "eu-central-1"}

const (
	// defaultCallsPerSecond is the documented per-account limit (seed 002).
	defaultCallsPerSecond = 100
	// skew is how far a request's timestamp may be from the emulator
	// clock, and how long a nonce stays used (B.3).
	skew = 15 * time.Minute
	// quotaWindow is the length of the sliding window of the call quota.
	quotaWindow = time.Second
	// timeLayout is the UTC ISO 8601 form of Timestamp, x-acs-date and of
	// every time in a response (B.2, B.4).
	timeLayout = "2006-01-02T15:04:05Z"
	// stsPrefix marks access keys issued by STS, which need their
	// security token (B.4.1).
	stsPrefix = "STS."
)

var (
	// directoryIDRE is "d-" plus 12 lowercase letters or digits. Inferred
	// from the masked examples (B.2).
	directoryIDRE = regexp.MustCompile(`^d-[0-9a-z]{12}$`)
	// directoryNameRE is the documented name rule (B.2) without the
	// length, double-hyphen and "d-" checks, which validName adds.
	directoryNameRE = regexp.MustCompile(`^[0-9a-z]([0-9a-z-]*[0-9a-z])?$`)
	// accountIDRE accepts the numeric account ids Alibaba Cloud uses.
	// Inferred: real ids are 16 digits; any length is allowed here so
	// fixtures stay short.
	accountIDRE = regexp.MustCompile(`^[0-9]+$`)
)

type account struct {
	id string
	// keyIDs and stsIDs list the account's access keys in fixture order,
	// for the admin view.
	keyIDs, stsIDs []string
}

// credential is one access key: a permanent one, or an STS one with its
// security token and expiry.
type credential struct {
	id, secret string
	accountID  string
	sts        bool
	token      string
	expires    time.Time // zero: never
}

type directory struct {
	id, name, region string
	accountID        string
	mfa              string
	created, updated time.Time
	seq              int // load or creation order, for listings
}

type settings struct {
	callsPerSecond int
}
