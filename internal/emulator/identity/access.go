package identity

import (
	"fmt"
	"slices"
	"strings"
)

type accessOptions struct {
	catalog   bool // false for SETUP-MFA tokens, which carry no catalog
	endpoints bool // include_endpoints query parameter
}

type accessJSON struct {
	Token tokenJSON `json:"token"`
	// A pointer so "no catalog" (omitted) differs from an empty catalog.
	ServiceCatalog *[]serviceJSON `json:"serviceCatalog,omitempty"`
	User           userJSON       `json:"user"`
}

type tokenJSON struct {
	ID              string      `json:"id"`
	Expires         string      `json:"expires"`
	Tenant          *tenantJSON `json:"tenant,omitempty"`
	AuthenticatedBy []string    `json:"RAX-AUTH:authenticatedBy"`
	Issued          string      `json:"RAX-AUTH:issued"`
}

type tenantJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type serviceJSON struct {
	Name      string         `json:"name"`
	Type      string         `json:"type"`
	Endpoints []endpointJSON `json:"endpoints"`
}

type endpointJSON struct {
	Region      string `json:"region,omitempty"`
	TenantID    string `json:"tenantId"`
	PublicURL   string `json:"publicURL"`
	InternalURL string `json:"internalURL,omitempty"`
}

type userJSON struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	Email             string     `json:"email,omitempty"`
	Roles             []roleJSON `json:"roles"`
	DefaultRegion     string     `json:"RAX-AUTH:defaultRegion"`
	DomainID          string     `json:"RAX-AUTH:domainId"`
	SessionInactivity string     `json:"RAX-AUTH:sessionInactivityTimeout,omitempty"`
}

type roleJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	TenantID    string `json:"tenantId,omitempty"`
}

// accessBody renders the §1.5 access object.
func (a *API) accessBody(u *user, t *token, tenantID string, opts accessOptions) map[string]accessJSON {
	out := accessJSON{
		Token: tokenJSON{
			ID:              t.ID,
			Expires:         formatTime(t.Expires),
			AuthenticatedBy: append([]string(nil), t.AuthenticatedBy...),
			Issued:          formatTime(t.Issued),
		},
		User: userJSON{
			ID: u.ID, Name: u.Username, Email: u.email,
			Roles:         a.userRoles(u),
			DefaultRegion: u.DefaultRegion,
			DomainID:      u.DomainID,
		},
	}
	if d := a.St.domains[u.DomainID]; d != nil {
		out.User.SessionInactivity = d.SessionInactivityTimeout
	}
	if tn := a.St.tenants[tenantID]; tn != nil {
		out.Token.Tenant = &tenantJSON{ID: tn.id, Name: tn.name}
	}
	if opts.catalog {
		catalog := []serviceJSON{}
		if opts.endpoints {
			catalog = a.catalog(u)
		}
		out.ServiceCatalog = &catalog
	}
	return map[string]accessJSON{"access": out}
}

func (a *API) userRoles(u *user) []roleJSON {
	var roles []roleJSON
	for _, name := range u.Roles {
		info := identityRoles[name]
		roles = append(roles, roleJSON{ID: info.id, Name: name, Description: info.description})
	}
	for _, tr := range u.tenantRoles {
		info := tenantRoleCatalog[tr.role]
		roles = append(roles, roleJSON{ID: info.id, Name: tr.role, Description: info.description, TenantID: tr.tenantID})
	}
	return roles
}

// catalog: the services of each of the user's tenants' kind in every region.
// Inferred: a fixed, plausible subset of Rackspace's real catalog.
func (a *API) catalog(u *user) []serviceJSON {
	out := []serviceJSON{}
	seen := map[string]bool{}
	for _, tr := range u.tenantRoles {
		t := a.St.tenants[tr.tenantID]
		if t == nil || seen[t.id] {
			continue
		}
		seen[t.id] = true
		for _, tmpl := range serviceTemplates[t.kind] {
			i := slices.IndexFunc(out, func(s serviceJSON) bool { return s.Name == tmpl.name })
			if i < 0 {
				i, out = len(out), append(out, serviceJSON{Name: tmpl.name, Type: tmpl.kind, Endpoints: []endpointJSON{}})
			}
			svc := &out[i]
			for _, region := range a.St.regions {
				rl := strings.ToLower(region)
				ep := endpointJSON{Region: region, TenantID: t.id, PublicURL: fmt.Sprintf(tmpl.public, rl, t.id)}
				if tmpl.internal != "" {
					ep.InternalURL = fmt.Sprintf(tmpl.internal, rl, t.id)
				}
				svc.Endpoints = append(svc.Endpoints, ep)
			}
		}
	}
	return out
}

type serviceTemplate struct {
	name, kind       string
	public, internal string // printf formats: lower-case region, tenant id
}

var serviceTemplates = map[string][]serviceTemplate{
	tenantCloud: {
		{name: "cloudServersOpenStack", kind: "compute", public: "https://%s.servers.api.rackspacecloud.com/v2/%s"},
		{name: "cloudBlockStorage", kind: "volume", public: "https://%s.blockstorage.api.rackspacecloud.com/v1/%s"},
	},
	tenantFiles: {
		{
			name: "cloudFiles", kind: "object-store",
			public:   "https://storage101.%s1.clouddrive.com/v1/%s",
			internal: "https://snet-storage101.%s1.clouddrive.com/v1/%s",
		},
	},
}
