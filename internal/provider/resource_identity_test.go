package provider

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccIdentity runs the identity of every settings resource through the CLI (Terraform and
// OpenTofu 1.12+): set by create, unchanged by an update and by a refresh, then used by an
// import block with an identity, whose plan must change nothing.
func TestAccIdentity(t *testing.T) {
	checkCovered(t, "the identity test", "give it identity in objectCases (helpers_test.go)",
		func(o string, c objectCase) bool { return strings.Contains(o, ".") || c.identity != nil })
	for _, o := range providerObjects(t) {
		c := objectCases[o]
		if c.identity == nil {
			continue
		}
		t.Run(o, func(t *testing.T) {
			e := newTestEmulator(t)
			address := o + ".test"
			provider := secretsCredentials[c.api][0].block(e)
			identity := statecheck.ExpectIdentity(address, identityChecks(c.identity))
			matches := statecheck.ExpectIdentityValueMatchesState(address, tfjsonpath.New(parentAttr(c.identity)))
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []acctest.TestStep{
					{Config: provider + c.settings(e, 0), ConfigStateChecks: []statecheck.StateCheck{identity, matches}},
					{Config: provider + c.settings(e, 1), ConfigStateChecks: []statecheck.StateCheck{identity, matches}},
					{
						Config:            provider + c.settings(e, 1),
						ConfigPlanChecks:  acctest.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						ConfigStateChecks: []statecheck.StateCheck{identity},
					},
					{
						Config:          provider + c.settings(e, 1),
						ResourceName:    address,
						ImportState:     true,
						ImportStateKind: acctest.ImportBlockWithResourceIdentity,
					},
				},
			})
		})
	}
}

// TestAccIdentity_malformed imports by an identity whose parent ID has the wrong form: the plan
// fails naming the attribute and what would be valid, before any request.
func TestAccIdentity_malformed(t *testing.T) {
	for _, o := range providerObjects(t) {
		c := objectCases[o]
		if c.identity == nil {
			continue
		}
		t.Run(o, func(t *testing.T) {
			e := newTestEmulator(t)
			attr := parentAttr(c.identity)
			config := secretsCredentials[c.api][0].block(e) + c.settings(e, 0) + fmt.Sprintf(`
import {
  to       = %s.test
  identity = { %s = "not/an id" }
}
`, o, attr)
			acctest.ParallelTest(t, acctest.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []acctest.TestStep{{
					Config:   config,
					PlanOnly: true,
					ExpectError: diagPattern("Invalid Import ID",
						`The identity's `+attr+` "not/an id" is not a valid `+attr+": it must be"),
				}},
			})
			e.checkNoRequests(t)
		})
	}
}

func identityChecks(identity map[string]string) map[string]knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range identity {
		checks[k] = knownvalue.StringExact(v)
	}
	return checks
}

// parentAttr is the one attribute of a settings resource's identity.
func parentAttr(identity map[string]string) string {
	attrs := make([]string, 0, len(identity))
	for k := range identity {
		attrs = append(attrs, k)
	}
	sort.Strings(attrs)
	return attrs[0]
}
