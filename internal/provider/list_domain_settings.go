package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
)

// noListConfig is the configuration of a list resource that takes none.
type noListConfig struct{}

// NewDomainMFAEnforcementListResource returns the list resource of authpolicy_domain_mfa_enforcement.
func NewDomainMFAEnforcementListResource() list.ListResource {
	l := managedDomainsList("authpolicy_domain_mfa_enforcement", func(d rackspace.Domain) bool {
		return d.MultiFactorEnforcementLevel != mfaLevelRackspaceMandated
	})
	l.description += " Domains at `RACKSPACE_MANDATED` are left out: only Rackspace can change their level, " +
		"so a configuration could not state it."
	return newSettingsList(domainMFAEnforcementSpec(), l)
}

// NewDomainPasswordPolicyListResource returns the list resource of authpolicy_domain_password_policy.
func NewDomainPasswordPolicyListResource() list.ListResource {
	l := managedDomainsList("authpolicy_domain_password_policy", nil)
	l.description += " Only domains that have a password policy are listed: each domain's policy is read " +
		"(`GET /v2.0/RAX-AUTH/domains/{domainId}/password-policy`), as a domain without one has nothing to import."
	return newSettingsList(domainPasswordPolicySpec(), l)
}

// managedDomainsList finds the domains a domain setting can be managed on: those the caller may
// change that keep, when set, accepts, from the listing alone.
func managedDomainsList(resourceType string, keep func(rackspace.Domain) bool) listSpec[*rackspace.Session, noListConfig] {
	return listSpec[*rackspace.Session, noListConfig]{
		description: "The Rackspace Cloud Identity domains whose settings the provider's user may change, each as an `" +
			resourceType + "` to import: every domain for an `identity:admin` or `identity:service-admin` user, " +
			"else the user's own domain only. The listing is one request (`GET /v2.0/RAX-AUTH/domains`, " +
			"a page of 1000 domains per request for identity admins).",
		discover: func(ctx context.Context, s *rackspace.Session, _ *noListConfig) ([]listedParent, error) {
			domains, err := s.ManagedDomains(ctx)
			out := make([]listedParent, 0, len(domains))
			for _, d := range domains {
				if keep != nil && !keep(d) {
					continue
				}
				name := d.Name
				if name == "" {
					name = "domain " + d.ID
				}
				out = append(out, listedParent{id: d.ID, displayName: name})
			}
			return out, err
		},
		operation: func(*noListConfig) string { return "Listing the Rackspace Identity domains" },
	}
}
