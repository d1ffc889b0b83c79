package identity

// Demo credentials, published so people can try the provider offline.
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

// DemoFixture returns a fresh copy of the built-in demo state.
func DemoFixture() Fixture {
	enabled, disabled := true, false
	domain := func(id, name, desc, rcn, level string) DomainFixture {
		return DomainFixture{
			ID: id, Name: name, Description: "Built-in " + desc, Enabled: &enabled,
			Type: "RACKSPACE_CLOUD_US", RackspaceCustomerNumber: rcn, MFAEnforcementLevel: level,
		}
	}
	user := func(id, name, domainID, role, password, apiKey, region string) UserFixture {
		return UserFixture{
			ID: id, Username: name, DomainID: domainID, Role: role, Email: name + "@example.com",
			Password: password, APIKey: apiKey, DefaultRegion: region,
		}
	}
	otp := func(u UserFixture, secret string) UserFixture {
		u.MFA = &MFAFixture{Enabled: true, FactorType: FactorOTP, OTPSecret: secret}
		return u
	}
	sms := user("10003", DemoSMSUser, DemoDomainID, RoleDefault, DemoSMSPassword, DemoSMSAPIKey, "DFW")
	sms.MFA = &MFAFixture{Enabled: true, FactorType: FactorSMS, Phone: "+1 512-555-0100"}
	off := user("10004", DemoDisabledUser, DemoDomainID, RoleDefault, DemoDisabledPassword, DemoDisabledAPIKey, "DFW")
	off.Enabled = &disabled
	noMFA := user("10005", DemoNoMFAUser, DemoDomainID, RoleDefault, DemoNoMFAPassword, DemoNoMFAAPIKey, "DFW")
	noMFA.MFAEnforcementLevel = LevelRequired
	return Fixture{
		Domains: []DomainFixture{
			domain(DemoDomainID, "Demo Company", "demo domain of the authpolicy emulator", "RCN-000-000-001", ""),
			domain(DemoOtherDomainID, "Other Company", "second customer of the authpolicy emulator", "RCN-000-000-002", ""),
			domain(DemoMandatedDomainID, "Mandated Company", "customer whose MFA level only Rackspace can change",
				"RCN-000-000-003", LevelRackspaceMandated),
			{
				ID: DemoStaffDomainID, Name: "Rackspace", Enabled: &enabled,
				Description: "Built-in Rackspace staff domain of the authpolicy emulator",
			},
		},
		Tenants: []TenantFixture{
			{ID: DemoTenantID, Name: DemoTenantID, DomainID: DemoDomainID, Type: tenantCloud},
			{ID: DemoOtherTenantID, Name: DemoOtherTenantID, DomainID: DemoOtherDomainID, Type: tenantCloud},
			{ID: DemoMandatedTenantID, Name: DemoMandatedTenantID, DomainID: DemoMandatedDomainID, Type: tenantCloud},
		},
		Users: []UserFixture{
			otp(user("10001", DemoAdminUser, DemoDomainID, RoleUserAdmin, DemoAdminPassword, DemoAdminAPIKey, "DFW"), DemoAdminSecret),
			user("10002", DemoUser, DemoDomainID, RoleDefault, DemoUserPassword, DemoUserAPIKey, "DFW"),
			sms, off, noMFA,
			otp(user("10006", DemoManagerUser, DemoDomainID, RoleUserManage, DemoManagerPassword, DemoManagerAPIKey, "DFW"), DemoManagerSecret),
			otp(user("30001", DemoOtherAdminUser, DemoOtherDomainID, RoleUserAdmin, DemoOtherAdminPassword, DemoOtherAdminAPIKey, "ORD"), DemoOtherAdminSecret),
			otp(user("30002", DemoMandatedAdminUser, DemoMandatedDomainID, RoleUserAdmin, DemoMandatedAdminPassword, DemoMandatedAdminAPIKey, "DFW"),
				DemoMandatedAdminSecret),
			user("90001", DemoRackspaceAdminUser, DemoStaffDomainID, RoleAdmin, DemoRackspaceAdminPassword, DemoRackspaceAdminAPIKey, ""),
		},
	}
}
