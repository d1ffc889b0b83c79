package acronis

// Demo ids and credentials, published so people can try the provider offline.
const (
	DemoRootTenantID = "00000000-0000-4000-8000-000000000000"

	// The demo API client and the partner tenant it belongs to.
	DemoClientID        = "44444444-4444-4444-8444-444444444444"
	DemoClientSecret    = "demo-secret"
	DemoPartnerTenantID = "11111111-1111-4111-8111-111111111111"

	// A customer with MFA disabled: 5 users, 2 of them with TOTP (DemoUserID is one without).
	DemoCustomerTenantID = "22222222-2222-4222-8222-222222222222"
	// A unit of that customer; it inherits the customer's MFA status.
	DemoUnitTenantID = "33333333-3333-4333-8333-333333333333"
	// A folder of the demo partner; it inherits the partner's MFA status.
	DemoFolderTenantID = "55555555-5555-4555-8555-555555555555"
	// A customer with MFA enabled and all 3 users enrolled in TOTP.
	DemoEnrolledCustomerTenantID = "88888888-8888-4888-8888-888888888888"

	// A second partner and its customer, outside the demo client's subtree.
	DemoOtherPartnerTenantID  = "66666666-6666-4666-8666-666666666666"
	DemoOtherCustomerTenantID = "77777777-7777-4777-8777-777777777777"

	// A user of the demo customer, without TOTP; mfa_status disabled while the customer's
	// MFA is off; one of the customer's 5 users.
	DemoUserID    = "12121212-1212-4212-8212-121212121212"
	DemoUserLogin = "demo-user"
	// A user of the enrolled customer, with TOTP: mfa_status enabled. The customer's 3 users
	// are all enrolled; this is one of them.
	DemoEnrolledUserID    = "13131313-1313-4313-8313-131313131313"
	DemoEnrolledUserLogin = "enrolled-user"
	// A user of the other customer, outside the demo client's subtree.
	DemoOtherUserID    = "17171717-1717-4717-8717-171717171717"
	DemoOtherUserLogin = "other-user"
)

// DemoFixture returns a fresh copy of the built-in demo state.
func DemoFixture() Fixture {
	return Fixture{
		Tenants: []TenantFixture{
			{ID: DemoRootTenantID, Name: "Root", Kind: KindRoot},
			{ID: DemoPartnerTenantID, Name: "Demo Partner", Kind: KindPartner, ParentID: DemoRootTenantID},
			{
				ID: DemoCustomerTenantID, Name: "Demo Customer", Kind: KindCustomer, ParentID: DemoPartnerTenantID,
				UsersCount: 5, UsersWithTOTPCount: 2,
			},
			{ID: DemoUnitTenantID, Name: "Demo Unit", Kind: KindUnit, ParentID: DemoCustomerTenantID},
			{ID: DemoFolderTenantID, Name: "Demo Folder", Kind: KindFolder, ParentID: DemoPartnerTenantID},
			{
				ID: DemoEnrolledCustomerTenantID, Name: "Enrolled Customer", Kind: KindCustomer, ParentID: DemoPartnerTenantID,
				MFAEnabled: true, UsersCount: 3, UsersWithTOTPCount: 3,
			},
			{ID: DemoOtherPartnerTenantID, Name: "Other Partner", Kind: KindPartner, ParentID: DemoRootTenantID},
			{ID: DemoOtherCustomerTenantID, Name: "Other Customer", Kind: KindCustomer, ParentID: DemoOtherPartnerTenantID, UsersCount: 1},
		},
		Clients: []ClientFixture{
			{ID: DemoClientID, Secret: DemoClientSecret, TenantID: DemoPartnerTenantID, Status: ClientEnabled},
		},
		Users: []UserFixture{
			{ID: DemoUserID, TenantID: DemoCustomerTenantID, Login: DemoUserLogin},
			{ID: DemoEnrolledUserID, TenantID: DemoEnrolledCustomerTenantID, Login: DemoEnrolledUserLogin, TOTP: true},
			{ID: DemoOtherUserID, TenantID: DemoOtherCustomerTenantID, Login: DemoOtherUserLogin},
		},
	}
}
