package cloudsso

// Demo ids and credentials, published so people can try the provider offline.
const (
	// The demo account, its AccessKey pair and its directory.
	DemoAccountID       = "1234567890123456"
	DemoAccessKeyID     = "demo-ak"
	DemoAccessKeySecret = "demo-sk"
	DemoDirectoryID     = "d-demo00000001"
	DemoDirectoryName   = "demo-directory"

	// An STS credential of the demo account, valid until 2099.
	DemoSTSAccessKeyID     = "STS.demo-sts-ak"
	DemoSTSAccessKeySecret = "demo-sts-sk"
	DemoSecurityToken      = "demo-security-token"
	DemoSTSExpires         = "2099-12-31T23:59:59Z"

	// A second account with a directory of its own, which the demo
	// credentials cannot see.
	DemoOtherAccountID       = "6543210987654321"
	DemoOtherAccessKeyID     = "other-ak"
	DemoOtherAccessKeySecret = "other-sk"
	DemoOtherDirectoryID     = "d-other0000001"
	DemoOtherDirectoryName   = "other-directory"
)

// DemoFixture returns a fresh copy of the built-in demo state.
func DemoFixture() Fixture {
	return Fixture{
		Accounts: []AccountFixture{
			{
				ID:         DemoAccountID,
				AccessKeys: []AccessKeyFixture{{ID: DemoAccessKeyID, Secret: DemoAccessKeySecret}},
				STSTokens: []STSTokenFixture{{
					AccessKeyID: DemoSTSAccessKeyID, Secret: DemoSTSAccessKeySecret,
					SecurityToken: DemoSecurityToken, Expires: DemoSTSExpires,
				}},
			},
			{
				ID:         DemoOtherAccountID,
				AccessKeys: []AccessKeyFixture{{ID: DemoOtherAccessKeyID, Secret: DemoOtherAccessKeySecret}},
			},
		},
		Directories: []DirectoryFixture{
			{
				ID: DemoDirectoryID, Name: DemoDirectoryName, AccountID: DemoAccountID,
				Region: DefaultRegion, MFAAuthenticationStatus: MFAEnabled,
			},
			{
				ID: DemoOtherDirectoryID, Name: DemoOtherDirectoryName, AccountID: DemoOtherAccountID,
				Region: DefaultRegion, MFAAuthenticationStatus: MFAEnabled,
			},
		},
	}
}
