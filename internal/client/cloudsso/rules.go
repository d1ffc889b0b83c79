package cloudsso

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The rules of a Config that New applies, exported so that a caller can
// check its settings, in its own words, before it builds a Client.

const (
	// DefaultRegion is the region of a Config that names none.
	DefaultRegion = "cn-shanghai"
	// MaxRequestsPerSecond is CloudSSO's quota on these actions, per account.
	MaxRequestsPerSecond = 100
)

// regions have a CloudSSO endpoint, cloudsso.<region>.aliyuncs.com.
var regions = []string{"cn-shanghai", "cn-hongkong", "ap-northeast-2", "ap-southeast-1", "us-west-1", "eu-central-1"}

// Regions returns the regions with a CloudSSO endpoint,
// cloudsso.<region>.aliyuncs.com.
func Regions() []string { return slices.Clone(regions) }

// CheckRegion refuses a region without a CloudSSO endpoint. New applies it
// when the Config names no endpoint; with one, any region will do.
func CheckRegion(region string) error {
	if !slices.Contains(regions, region) {
		return fmt.Errorf("CloudSSO has no endpoint in region %q", region)
	}
	return nil
}

// The answers of CheckSTS.
var (
	ErrSTSWithoutToken = errors.New("an STS access key ID (STS.…) needs its security token")
	ErrTokenWithoutSTS = errors.New("a security token goes with an STS access key ID (STS.…) only")
)

// CheckSTS applies the rule of temporary credentials: an STS AccessKey,
// whose ID starts with "STS.", works only with the security token issued
// with it, and a permanent AccessKey takes none.
func CheckSTS(accessKeyID, securityToken string) error {
	switch temporary := strings.HasPrefix(accessKeyID, "STS."); {
	case temporary && securityToken == "":
		return ErrSTSWithoutToken
	case !temporary && securityToken != "":
		return ErrTokenWithoutSTS
	}
	return nil
}

// CheckDebugEnv refuses a DEBUG environment variable that switches on the
// debug output of Alibaba's tea or dara packages, on which this client is
// built: it prints every request header, signatures and security tokens
// included. Those packages read DEBUG once, when the process starts, so no
// Client can turn it off; the only safe course is not to make requests.
func CheckDebugEnv(getenv func(string) string) error {
	value := getenv("DEBUG")
	var found []string
	for _, flag := range []string{"tea", "dara"} {
		if slices.Contains(strings.Split(value, ","), flag) {
			found = append(found, flag)
		}
	}
	if len(found) == 0 {
		return nil
	}
	return fmt.Errorf("DEBUG=%s makes Alibaba Cloud's SDK print every request header, signatures and STS security "+
		"tokens included, and the SDK reads it when the process starts. Unset DEBUG (or remove %s from it)",
		value, strings.Join(found, " and "))
}
