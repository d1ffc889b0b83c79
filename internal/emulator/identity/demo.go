package identity

// Demo credentials. They are published on purpose: the demo fixture exists
// so people can try the provider against the emulator offline.
const (
	DemoDomainID = "123456"
	DemoTenantID = "123456"

	DemoAdminUser     = "demo-admin"
	DemoAdminPassword = "demo-password-1"
	DemoAdminAPIKey   = "0123456789abcdef0123456789abcdef"
	DemoAdminSecret   = "JBSWY3DPEHPK3PXP"

	DemoUser         = "demo-user"
	DemoUserPassword = "demo-password-2"
	DemoUserAPIKey   = "fedcba9876543210fedcba9876543210"

	DemoSMSUser     = "demo-sms"
	DemoSMSPassword = "demo-password-3"
	DemoSMSAPIKey   = "5555aaaa5555aaaa5555aaaa5555aaaa"

	DemoDisabledUser     = "demo-disabled"
	DemoDisabledPassword = "demo-password-4"
	DemoDisabledAPIKey   = "d15ab1edd15ab1edd15ab1edd15ab1ed"

	DemoNoMFAUser     = "demo-nomfa"
	DemoNoMFAPassword = "demo-password-5"
	DemoNoMFAAPIKey   = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f"

	DemoManagerUser     = "demo-manager"
	DemoManagerPassword = "demo-password-6"
	DemoManagerAPIKey   = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c"
	DemoManagerSecret   = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF"

	// A second customer, so "another customer's domain" can be tested.
	DemoOtherDomainID      = "654321"
	DemoOtherTenantID      = "654321"
	DemoOtherAdminUser     = "other-admin"
	DemoOtherAdminPassword = "other-password-1"
	DemoOtherAdminAPIKey   = "abababababababababababababababab"
	DemoOtherAdminSecret   = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

	// A customer whose MFA level Rackspace has set to RACKSPACE_MANDATED.
	DemoMandatedDomainID      = "777777"
	DemoMandatedTenantID      = "777777"
	DemoMandatedAdminUser     = "mandated-admin"
	DemoMandatedAdminPassword = "mandated-password-1"
	DemoMandatedAdminAPIKey   = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
	DemoMandatedAdminSecret   = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"

	// Rackspace staff: an identity:admin without MFA, who may act on any
	// domain and is exempt from the domain-MFA precondition.
	DemoStaffDomainID          = "rackspace"
	DemoRackspaceAdminUser     = "rackspace-admin"
	DemoRackspaceAdminPassword = "admin-password-1"
	DemoRackspaceAdminAPIKey   = "efefefefefefefefefefefefefefefef"
)

// DemoFixture returns a fresh copy of the built-in demo state: the demo
// domain with its cloud tenant, its account owner and five test users; a
// second customer domain and one at RACKSPACE_MANDATED, each with a cloud
// tenant and its account owner; and a Rackspace staff domain with an
// identity:admin.
func DemoFixture() Fixture {
	enabled, disabled := true, false
	return Fixture{
		Domains: []DomainFixture{
			{
				ID:                      DemoDomainID,
				Name:                    "Demo Company",
				Description:             "Built-in demo domain of the authpolicy emulator",
				Enabled:                 &enabled,
				Type:                    "RACKSPACE_CLOUD_US",
				RackspaceCustomerNumber: "RCN-000-000-001",
			},
			{
				ID:                      DemoOtherDomainID,
				Name:                    "Other Company",
				Description:             "Built-in second customer of the authpolicy emulator",
				Enabled:                 &enabled,
				Type:                    "RACKSPACE_CLOUD_US",
				RackspaceCustomerNumber: "RCN-000-000-002",
			},
			{
				ID:                      DemoMandatedDomainID,
				Name:                    "Mandated Company",
				Description:             "Built-in customer whose MFA level only Rackspace can change",
				Enabled:                 &enabled,
				Type:                    "RACKSPACE_CLOUD_US",
				RackspaceCustomerNumber: "RCN-000-000-003",
				MFAEnforcementLevel:     LevelRackspaceMandated,
			},
			{
				ID:          DemoStaffDomainID,
				Name:        "Rackspace",
				Description: "Built-in Rackspace staff domain of the authpolicy emulator",
				Enabled:     &enabled,
			},
		},
		Tenants: []TenantFixture{
			{ID: DemoTenantID, Name: DemoTenantID, DomainID: DemoDomainID, Type: tenantCloud},
			{ID: DemoOtherTenantID, Name: DemoOtherTenantID, DomainID: DemoOtherDomainID, Type: tenantCloud},
			{ID: DemoMandatedTenantID, Name: DemoMandatedTenantID, DomainID: DemoMandatedDomainID, Type: tenantCloud},
		},
		Users: []UserFixture{
			{
				ID: "10001", Username: DemoAdminUser, DomainID: DemoDomainID, Role: RoleUserAdmin,
				Email: "demo-admin@example.com", Password: DemoAdminPassword, APIKey: DemoAdminAPIKey,
				DefaultRegion: "DFW",
				MFA:           &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: DemoAdminSecret},
			},
			{
				ID: "10002", Username: DemoUser, DomainID: DemoDomainID, Role: RoleDefault,
				Email: "demo-user@example.com", Password: DemoUserPassword, APIKey: DemoUserAPIKey,
				DefaultRegion: "DFW",
			},
			{
				ID: "10003", Username: DemoSMSUser, DomainID: DemoDomainID, Role: RoleDefault,
				Email: "demo-sms@example.com", Password: DemoSMSPassword, APIKey: DemoSMSAPIKey,
				DefaultRegion: "DFW",
				MFA:           &MFAFixture{Enabled: true, FactorType: FactorSMS, Phone: "+1 512-555-0100"},
			},
			{
				ID: "10004", Username: DemoDisabledUser, DomainID: DemoDomainID, Role: RoleDefault,
				Email: "demo-disabled@example.com", Password: DemoDisabledPassword, APIKey: DemoDisabledAPIKey,
				DefaultRegion: "DFW", Enabled: &disabled,
			},
			{
				ID: "10005", Username: DemoNoMFAUser, DomainID: DemoDomainID, Role: RoleDefault,
				Email: "demo-nomfa@example.com", Password: DemoNoMFAPassword, APIKey: DemoNoMFAAPIKey,
				DefaultRegion: "DFW", MFAEnforcementLevel: LevelRequired,
			},
			{
				ID: "10006", Username: DemoManagerUser, DomainID: DemoDomainID, Role: RoleUserManage,
				Email: "demo-manager@example.com", Password: DemoManagerPassword, APIKey: DemoManagerAPIKey,
				DefaultRegion: "DFW",
				MFA:           &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: DemoManagerSecret},
			},
			{
				ID: "30001", Username: DemoOtherAdminUser, DomainID: DemoOtherDomainID, Role: RoleUserAdmin,
				Email: "other-admin@example.com", Password: DemoOtherAdminPassword, APIKey: DemoOtherAdminAPIKey,
				DefaultRegion: "ORD",
				MFA:           &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: DemoOtherAdminSecret},
			},
			{
				ID: "30002", Username: DemoMandatedAdminUser, DomainID: DemoMandatedDomainID, Role: RoleUserAdmin,
				Email: "mandated-admin@example.com", Password: DemoMandatedAdminPassword, APIKey: DemoMandatedAdminAPIKey,
				DefaultRegion: "DFW",
				MFA:           &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: DemoMandatedAdminSecret},
			},
			{
				ID: "90001", Username: DemoRackspaceAdminUser, DomainID: DemoStaffDomainID, Role: RoleAdmin,
				Email: "rackspace-admin@example.com", Password: DemoRackspaceAdminPassword, APIKey: DemoRackspaceAdminAPIKey,
			},
		},
	}
}
