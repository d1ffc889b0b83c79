package identity

// Identity-type levels from IdentityUserTypeEnum; lower outranks higher.
const (
	levelServiceAdmin = 0
	levelAdmin        = 100
	levelUserAdmin    = 750
	levelUserManage   = 900
	levelDefault      = 2000
)

// Identity role names.
const (
	RoleServiceAdmin = "identity:service-admin"
	RoleAdmin        = "identity:admin"
	RoleUserAdmin    = "identity:user-admin"
	RoleUserManage   = "identity:user-manage"
	RoleDefault      = "identity:default"
)

type roleInfo struct {
	id, description string
	level           int
}

// identityRoles uses the ids of Identity's dev seed. Inferred: only the
// user-admin description is documented; the others are plausible stand-ins.
var identityRoles = map[string]roleInfo{
	RoleServiceAdmin: {id: "4", description: "Service Admin Role.", level: levelServiceAdmin},
	RoleAdmin:        {id: "1", description: "Admin Role.", level: levelAdmin},
	RoleUserAdmin:    {id: "3", description: "User Admin Role.", level: levelUserAdmin},
	RoleUserManage:   {id: "7", description: "User Manage Role.", level: levelUserManage},
	RoleDefault:      {id: "2", description: "Default Role.", level: levelDefault},
}

// tenantRoleCatalog. Inferred: compute:default's id is from a documented
// sample, the rest are made up but stable.
var tenantRoleCatalog = map[string]roleInfo{
	"compute:default":      {id: "6", description: "A Role that allows a user access to compute services."},
	"object-store:default": {id: "5", description: "A Role that allows a user access to object storage."},
	"checkmate":            {id: "10000150", description: "Checkmate Access role."},
}

func defaultTenantRole(kind string) string {
	if kind == tenantFiles {
		return "object-store:default"
	}
	return "compute:default"
}

// expandIdentityRole: a user-manage sub-user also holds identity:default.
func expandIdentityRole(role string) []string {
	if role == RoleUserManage {
		return []string{RoleUserManage, RoleDefault}
	}
	return []string{role}
}
