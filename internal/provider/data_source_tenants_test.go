package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// tenantsConfig is the data source below tenant (none: the API client's own), of kinds.
func tenantsConfig(tenant string, subtree bool, kinds ...string) string {
	var b strings.Builder
	b.WriteString("data \"authpolicy_tenants\" \"test\" {\n")
	if tenant != "" {
		fmt.Fprintf(&b, "  tenant_id = %q\n", tenant)
	}
	if subtree {
		b.WriteString("  subtree = true\n")
	}
	if len(kinds) > 0 {
		fmt.Fprintf(&b, "  kinds = [\"%s\"]\n", strings.Join(kinds, `", "`))
	}
	b.WriteString("}\n")
	return b.String()
}

// tunedProviders are the test providers with an Acronis client of small pages and fast retries,
// so that a listing of a few tenants takes several pages, and a page that keeps failing fails
// in milliseconds.
func tunedProviders(pageSize int) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"authpolicy": providerserver.NewProtocol6WithError(&authPolicyProvider{version: "test", tuneAcronis: func(c *acronis.Config) {
			c.TenantsPageSize = pageSize
			c.RetryMax, c.RetryWaitMin, c.RetryWaitMax = 2, time.Millisecond, 5*time.Millisecond
		}}),
	}
}

// listingLog records the query of every GET /api/2/tenants, to count the pages of each read.
type listingLog struct {
	mu      sync.Mutex
	queries []string
}

func (l *listingLog) wrap(srv *emulator.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.URL.Path == "/api/2/tenants" {
			l.mu.Lock()
			l.queries = append(l.queries, r.URL.RawQuery)
			l.mu.Unlock()
		}
		srv.ServeHTTP(w, r)
	})
}

// expectPages checks that every read listed in exactly pages requests: a first page with the
// filters, then the cursor alone.
func (l *listingLog) expectPages(pages int) acctest.TestCheckFunc {
	return func(*terraform.State) error {
		l.mu.Lock()
		defer l.mu.Unlock()
		if len(l.queries) == 0 || len(l.queries)%pages != 0 {
			return fmt.Errorf("%d listing requests, want a positive multiple of %d: %q", len(l.queries), pages, l.queries)
		}
		for i, q := range l.queries {
			v, err := url.ParseQuery(q)
			first := i%pages == 0
			if err != nil || first == v.Has("after") || !first && len(v) != 1 {
				return fmt.Errorf("request %d of a read of %d pages was %q: %q", i%pages+1, pages, q, l.queries)
			}
		}
		return nil
	}
}

func tenantObject(id, name, kind, parent, mfa string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id": knownvalue.StringExact(id), "name": knownvalue.StringExact(name), "kind": knownvalue.StringExact(kind),
		"parent_id": knownvalue.StringExact(parent), "enabled": knownvalue.Bool(true), "mfa_status": knownvalue.StringExact(mfa),
	})
}

// TestAccTenantsDataSource_children lists the demo partner's customers, 5 of them generated,
// 3 to a page: every read takes 3 requests for its 8 children, and the state holds the 7
// customers sorted by name.
func TestAccTenantsDataSource_children(t *testing.T) {
	var fleet []string
	var log listingLog
	e := startEmulator(t, func(fx *emulator.Fixture) { fleet = fx.AddCustomerFleet(5) }, log.wrap)
	address := "data.authpolicy_tenants.test"
	var want []knownvalue.Check
	for i, id := range fleet {
		want = append(want, tenantObject(id, fmt.Sprintf("Customer %d", i+1), "customer", acronisPartner, "disabled"))
	}
	want = append(want,
		tenantObject(acronisCustomer, "Demo Customer", "customer", acronisPartner, "disabled"),
		tenantObject(acronisEnrolled, "Enrolled Customer", "customer", acronisPartner, "enabled"))
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: tunedProviders(3),
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantsConfig(acronisPartner, false, "customer"),
			Check:  log.expectPages(3),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("tenants"), knownvalue.ListExact(want)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("tenant_id"), knownvalue.StringExact(acronisPartner)),
			},
		}},
	})
	if n := e.count(emuacronis.RouteGetClient, 0); n != 0 {
		t.Errorf("%d requests for the API client's tenant, want 0: tenant_id was given", n)
	}
}

// TestAccTenantsDataSource_subtreeOfOwnTenant lists below the API client's own tenant, found
// with GET /clients/{id}, at every depth, folders and units only.
func TestAccTenantsDataSource_subtreeOfOwnTenant(t *testing.T) {
	e := newTestEmulator(t)
	address := "data.authpolicy_tenants.test"
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantsConfig("", true, "unit", "folder"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, tfjsonpath.New("tenant_id"), knownvalue.StringExact(acronisPartner)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("tenants"), knownvalue.ListExact([]knownvalue.Check{
					tenantObject(acronisFolder, "Demo Folder", "folder", acronisPartner, "disabled"),
					tenantObject(acronisUnit, "Demo Unit", "unit", acronisCustomer, "disabled"),
				})),
			},
		}},
	})
	// One request for the client's tenant and one page per read, nothing else.
	if c, l := e.count(emuacronis.RouteGetClient, http.StatusOK), e.count(emuacronis.RouteListTenants, http.StatusOK); c == 0 || c != l ||
		e.srv.Total() != c+l+e.count(acronisTokenRoute, 0) {
		t.Errorf("%d client reads, %d listings, %d requests in all: %+v", c, l, e.srv.Total(), e.srv.Counts())
	}
}

// TestAccTenantsDataSource_pageRetried: page 2 answered 503 once is retried, and the result
// is whole.
func TestAccTenantsDataSource_pageRetried(t *testing.T) {
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddCustomerFleet(4) })
	if _, err := e.srv.AddFault(emulator.Fault{API: emuacronis.Name, Route: emuacronis.RouteListTenants,
		Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, After: 1, Count: 1}); err != nil {
		t.Fatal(err)
	}
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: tunedProviders(4),
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantsConfig(acronisPartner, false),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.authpolicy_tenants.test", tfjsonpath.New("tenants"), knownvalue.ListSizeExact(7)),
			},
		}},
	})
	if n := e.count(emuacronis.RouteListTenants, http.StatusServiceUnavailable); n != 1 {
		t.Errorf("%d answers 503, want 1", n)
	}
}

// TestAccTenantsDataSource_pageKeepsFailing: a page that fails on every retry fails the data
// source with the page and its cursor named.
func TestAccTenantsDataSource_pageKeepsFailing(t *testing.T) {
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddCustomerFleet(4) })
	if _, err := e.srv.AddFault(emulator.Fault{API: emuacronis.Name, Route: emuacronis.RouteListTenants,
		Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, After: 1}); err != nil {
		t.Fatal(err)
	}
	acctest.ParallelTest(t, acctest.TestCase{
		ProtoV6ProviderFactories: tunedProviders(4),
		Steps: []acctest.TestStep{{
			Config: e.acronisConfig(acronisClientSecret) + tenantsConfig(acronisPartner, false),
			ExpectError: regexp.MustCompile(`(?s)Acronis API Unavailable.*Listing the children of tenant\s+` + acronisPartner +
				`\s+failed:\s+acronis:\s+list\s+tenants\s+below\s+` + acronisPartner + `,\s+page\s+2\s+\(after=\S+\):\s+HTTP\s+503`),
		}},
	})
}

// TestTenantsDataSourceNothingPartial reads the data source in-process with page 2 failing for
// good: the error names the page, and the state stays empty, not half a listing.
func TestTenantsDataSourceNothingPartial(t *testing.T) {
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddCustomerFleet(4) })
	if _, err := e.srv.AddFault(emulator.Fault{API: emuacronis.Name, Route: emuacronis.RouteListTenants,
		Kind: emulator.FaultStatus, Status: http.StatusServiceUnavailable, After: 1}); err != nil {
		t.Fatal(err)
	}
	c, err := acronis.New(acronis.Config{Endpoint: e.URL, ClientID: acronisClientID, ClientSecret: acronisClientSecret,
		TenantsPageSize: 4, RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds := &tenantsDataSource{data: &providerData{acronis: c}}
	var sch datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	obj, _ := typ.(tftypes.Object)
	config := tftypes.NewValue(typ, map[string]tftypes.Value{
		"tenant_id": tftypes.NewValue(tftypes.String, acronisPartner),
		"subtree":   tftypes.NewValue(tftypes.Bool, nil),
		"kinds":     tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil),
		"tenants":   tftypes.NewValue(obj.AttributeTypes["tenants"], nil),
	})
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
	ds.Read(ctx, datasource.ReadRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: config}}, &resp)
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "page 2 (after=") {
		t.Errorf("diagnostics %v, want page 2 named", resp.Diagnostics)
	}
	if !resp.State.Raw.IsNull() {
		t.Errorf("state %v, want none", resp.State.Raw)
	}
	if n := e.count(emuacronis.RouteListTenants, http.StatusOK); n != 1 {
		t.Errorf("%d pages answered, want 1", n)
	}
}
