package perf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// addFleet leaves the demo partner with exactly the customers ids and nothing else below it, so
// a listing of its children is the fleet: the demo's own customers, unit and folder would add
// objects a benchmark per object does not count, and a customer whose users lack TOTP, whose
// enabling warns. Each new customer has 4 users, all with TOTP.
func addFleet(fx *emulator.Fixture, ids ...string) {
	below := map[string]bool{emuacronis.DemoPartnerTenantID: true}
	kept := fx.Acronis.Tenants[:0]
	// The fixture lists every parent before its children.
	for _, t := range fx.Acronis.Tenants {
		if below[t.ParentID] {
			below[t.ID] = true
			continue
		}
		kept = append(kept, t)
	}
	fx.Acronis.Tenants = kept
	// The demo's user objects live in the tenants just removed.
	fx.Acronis.Users = slices.DeleteFunc(fx.Acronis.Users, func(u emuacronis.UserFixture) bool { return below[u.TenantID] })
	fx.AddCustomers(ids...)
}

// fleetIDs are the fleet's customer IDs, as floor_tenants answers them too.
var fleetIDs = numberedIDs("99999999-0000-4000-8000-%012d")

// tenantsQuery is the configuration of authpolicy_tenants, and of the floor's floor_tenants,
// that lists the fleet: the customers directly below the demo partner.
var tenantsQuery = fmt.Sprintf(`
  tenant_id = %q
  subtree   = false
  kinds     = ["customer"]
`, emuacronis.DemoPartnerTenantID)

var (
	// fleetStatic manages the fleet by a for_each over the IDs written in the configuration.
	fleetStatic = kind{
		name:      "tenant_mfa_status_static",
		httpState: true,
		provider:  "authpolicy",
		api:       emuacronis.Name,
		logins:    1,
		ids:       fleetIDs,
		fixture:   addFleet,
		blocks:    tenantMFAStatus.blocks,
		resource: `
resource "authpolicy_tenant_mfa_status" "r" {
  for_each  = toset(local.ids)
  tenant_id = each.key
  enabled   = var.variant == 0
}
`,
	}
	// fleetListed discovers the fleet with authpolicy_tenants and feeds its IDs to for_each.
	fleetListed = kind{
		name:      "tenant_mfa_status_listed",
		httpState: true,
		provider:  "authpolicy",
		api:       emuacronis.Name,
		logins:    1,
		ids:       fleetIDs,
		fixture:   addFleet,
		blocks:    tenantMFAStatus.blocks,
		listed:    true,
		resource: `
data "authpolicy_tenants" "fleet" {` + tenantsQuery + `}

resource "authpolicy_tenant_mfa_status" "r" {
  for_each  = toset(data.authpolicy_tenants.fleet.tenants[*].id)
  tenant_id = each.key
  enabled   = var.variant == 0
}
`,
	}
	// fleetFloor is the same configuration on the floor provider: floor_tenants has the schema
	// of authpolicy_tenants and floor_wide_setting that of authpolicy_tenant_mfa_status.
	fleetFloor = kind{
		name:      "plugin_floor_fleet",
		httpState: true,
		provider:  "floor",
		ids:       fleetIDs,
		blocks:    func(string) string { return "" },
		listed:    true,
		env:       func(n int) map[string]string { return map[string]string{"FLOOR_TENANTS": strconv.Itoa(n)} },
		resource: `
data "floor_tenants" "fleet" {` + tenantsQuery + `}

resource "floor_wide_setting" "r" {
  for_each  = toset(data.floor_tenants.fleet.tenants[*].id)
  parent_id = each.key
  enabled   = var.variant == 0
}
`,
	}
)

// sharded is k, a listed fleet, spread over module instances, one per last two characters of
// the tenant ID (a hundred here, where the IDs end in decimal digits; up to 256 for real UUIDs),
// each with one resource block of its share. Terraform's own time per instance grows with the
// number of instances of the same resource block in the same module instance, which makes one
// block of 5,000 cost Terraform about 75 times what one of 500 does (see the performance guide);
// shards keep each block small. source is k's provider source; dataSource, resourceType and
// attribute name the listing, the resource and its parent ID.
func sharded(k kind, source, dataSource, resourceType, attribute string) kind {
	k.name += "_sharded"
	k.resource = fmt.Sprintf(`
data %q "fleet" {%s}

module "shard" {
  source   = "./shard"
  for_each = { for id in data.%s.fleet.tenants[*].id : substr(id, -2, 2) => id... }
  ids      = each.value
  variant  = var.variant
}
`, dataSource, tenantsQuery, dataSource)
	k.files = map[string]string{"shard/main.tf": fmt.Sprintf(`terraform {
  required_providers {
    %s = { source = %q }
  }
}

variable "ids" {
  type = list(string)
}

variable "variant" {
  type = number
}

resource %q "r" {
  for_each = toset(var.ids)
  %s = each.key
  enabled   = var.variant == 0
}
`, k.provider, source, resourceType, attribute)}
	return k
}

var (
	fleetListedSharded = sharded(fleetListed, "authpolicy/authpolicy", "authpolicy_tenants", "authpolicy_tenant_mfa_status", "tenant_id")
	fleetFloorSharded  = sharded(fleetFloor, "bench/floor", "floor_tenants", "floor_wide_setting", "parent_id")
)

// singleBlockMax is the largest fleet BenchmarkFleet manages with one resource block: past it,
// Terraform's own time per instance makes a cycle take hours (one plan of 5,000 on the floor
// alone took 10 minutes), so larger fleets are measured sharded only.
const singleBlockMax = 1000

// fleetKinds are the configurations BenchmarkFleet measures at n customers, each floor before
// the configurations compared with it.
func fleetKinds(n int) []kind {
	sharded := []kind{fleetFloorSharded, fleetListedSharded}
	if n > singleBlockMax {
		return sharded
	}
	return append([]kind{fleetFloor, fleetListed, fleetStatic}, sharded...)
}

// fleetSizes are the fleet benchmark's numbers of customers; AUTHPOLICY_PERF_FLEET_SIZES
// (e.g. "50,200") picks others, for a quick run. The fleet benchmarks take long enough to run
// only when asked, with AUTHPOLICY_PERF_FLEET=1 (make bench-fleet).
func fleetSizes(b *testing.B) []int {
	checkFleet(b)
	v := os.Getenv("AUTHPOLICY_PERF_FLEET_SIZES")
	if v == "" {
		return []int{500, 5000}
	}
	var out []int
	for f := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("AUTHPOLICY_PERF_FLEET_SIZES=%q: want sizes such as 500,5000", v)
		}
		out = append(out, n)
	}
	return out
}

// fleetParallelism are the -parallelism values of the fleet benchmark.
var fleetParallelism = []int{10, 50}

// BenchmarkFleet runs the cycle on a partner's N customers, discovered by authpolicy_tenants
// and fed to the for_each of authpolicy_tenant_mfa_status, at -parallelism=10 and 50. Next to it
// in the same run: the same-schema floor (floor_tenants feeding floor_wide_setting), first, and
// the same resources over IDs written in the configuration, which tells what the discovery
// costs; then the same discovery feeding shards (sharded), after its own floor. Fleets
// larger than singleBlockMax are measured sharded only. It reports per phase: wall time (-s) and its ratio to the floor (-x-floor), API
// requests per object (-calls/obj, logins apart), pages of the tenant listing (-pages), and the
// provider processes' peak resident memory (-rss-MB).
func BenchmarkFleet(b *testing.B) {
	for _, n := range fleetSizes(b) {
		for _, p := range fleetParallelism {
			var floor []phaseResult
			for _, k := range fleetKinds(n) {
				b.Run(fmt.Sprintf("N=%d/parallelism=%d/%s", n, p, k.name), func(b *testing.B) {
					results := benchCycles(b, k, n, p)
					for i, r := range results {
						b.ReportMetric(r.wall.Seconds(), r.name+"-s")
						b.ReportMetric(float64(r.rssKiB)/1024, r.name+"-rss-MB")
						if k.api != "" {
							b.ReportMetric(float64(r.total()-r.calls[opLogin]-r.calls[opList])/float64(n), r.name+"-calls/obj")
							b.ReportMetric(float64(r.calls[opList]), r.name+"-pages")
							b.ReportMetric(float64(r.failed), r.name+"-failed")
						}
						if floor != nil && k.api != "" {
							b.ReportMetric(r.wall.Seconds()/floor[i].wall.Seconds(), r.name+"-x-floor")
						}
					}
					// Each floor serves the configurations after it, up to the next floor.
					if k.api == "" {
						floor = results
					}
					report.addFleet(k, n, p, results)
				})
			}
		}
	}
}

// queryObjects is how many tenants BenchmarkQuery lists.
const queryObjects = 5000

// BenchmarkQuery runs `terraform query` of the list resource authpolicy_tenant_mfa_status over
// a partner's 5000 customers, identities only, on Terraform 1.14 or later. It reports the wall
// time (query-s), the API requests (query-calls, logins apart), the pages (query-pages) and the
// provider's peak resident memory (query-rss-MB).
func BenchmarkQuery(b *testing.B) {
	tfPath := queryTerraform(b)
	var all [][]phaseResult
	for range b.N {
		b.StopTimer()
		w := newWorkspace(b, fleetListed, queryObjects)
		query := fmt.Sprintf(`list "authpolicy_tenant_mfa_status" "fleet" {
  provider = authpolicy
  limit    = %d

  config {%s  }
}
`, 2*queryObjects, tenantsQuery)
		if err := os.WriteFile(filepath.Join(w.dir, "fleet.tfquery.hcl"), []byte(query), 0o600); err != nil {
			b.Fatal(err)
		}
		// Only the provider block: the fleet's resources are what the query finds.
		if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(fmt.Sprintf(`terraform {
  required_providers {
    authpolicy = { source = "authpolicy/authpolicy" }
  }
}
%s`, tenantMFAStatus.blocks(w.url))), 0o600); err != nil {
			b.Fatal(err)
		}
		tf, err := tfexec.NewTerraform(w.dir, tfPath)
		if err == nil {
			err = tf.SetEnv(w.env)
		}
		if err != nil {
			b.Fatal(err)
		}
		w.tf = tf
		b.StartTimer()
		r, err := w.runPhase(context.Background(), queryPhase, 0)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, []phaseResult{r})
	}
	r := medianPhases(all)[0]
	b.ReportMetric(r.wall.Seconds(), "query-s")
	b.ReportMetric(float64(r.total()-r.calls[opLogin]), "query-calls")
	b.ReportMetric(float64(r.calls[opList]), "query-pages")
	b.ReportMetric(float64(r.rssKiB)/1024, "query-rss-MB")
	report.addQuery(r)
}

// queryPhase runs `terraform query -json` and fails unless it found every tenant of the fleet.
var queryPhase = phase{"query", func(ctx context.Context, tf *tfexec.Terraform, _ string, _ int) error {
	msgs, err := tf.QueryJSON(ctx)
	if err != nil {
		return err
	}
	found := 0
	for m := range msgs {
		if m.Err != nil {
			return m.Err
		}
		switch msg := m.Msg.(type) {
		case tfjson.ListResourceFoundMessage:
			found++
		case tfjson.DiagnosticLogMessage:
			if msg.Severity == tfjson.DiagnosticSeverityError {
				return fmt.Errorf("terraform query: %s: %s", msg.Summary, msg.Detail)
			}
		}
	}
	if found != queryObjects {
		return fmt.Errorf("terraform query found %d tenants, want %d", found, queryObjects)
	}
	return nil
}}

// queryTerraform is a CLI with `terraform query` (1.14 or later): AUTHPOLICY_PERF_QUERY_TERRAFORM,
// else the Terraform 1.16.4 of make terraform-versions.
func queryTerraform(b *testing.B) string {
	checkFleet(b)
	terraformPath(b)
	if p := os.Getenv("AUTHPOLICY_PERF_QUERY_TERRAFORM"); p != "" {
		return p
	}
	p, err := filepath.Abs("../../.tools/terraform-1.16.4/terraform")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		b.Skipf("no Terraform 1.14 or later for terraform query: run make terraform-versions, or set "+
			"AUTHPOLICY_PERF_QUERY_TERRAFORM (%v)", err)
	}
	return p
}

// checkFleet skips a fleet benchmark unless AUTHPOLICY_PERF_FLEET is set.
func checkFleet(b *testing.B) {
	if os.Getenv("AUTHPOLICY_PERF_FLEET") == "" {
		b.Skip("set AUTHPOLICY_PERF_FLEET=1 to run the fleet benchmarks (make bench-fleet)")
	}
}
