package cloudsso

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

const (
	// DefaultRegion is the region of a Config that names none.
	DefaultRegion = "cn-shanghai"
	// MaxRequestsPerSecond is CloudSSO's quota on these actions, per account.
	MaxRequestsPerSecond = 100
)

var regions = []string{"cn-shanghai", "cn-hongkong", "ap-northeast-2", "ap-southeast-1", "us-west-1", "eu-central-1"}

// Regions returns the regions with a CloudSSO endpoint,
// cloudsso.<region>.aliyuncs.com.
func Regions() []string { return slices.Clone(regions) }

// CheckRegion refuses a region without a CloudSSO endpoint; with an
// explicit endpoint, any region will do.
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

// CheckSTS: an "STS." AccessKey needs its security token, a permanent one
// takes none.
func CheckSTS(accessKeyID, securityToken string) error {
	switch temporary := strings.HasPrefix(accessKeyID, "STS."); {
	case temporary && securityToken == "":
		return ErrSTSWithoutToken
	case !temporary && securityToken != "":
		return ErrTokenWithoutSTS
	}
	return nil
}

// CheckDebugEnv refuses DEBUG=tea or dara: Alibaba's packages then print
// every request header, signatures and security tokens included, and they
// read DEBUG at process start, so no Client can turn it off.
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
