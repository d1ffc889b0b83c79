package conformance

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

const (
	acListRoute      = "GET /api/2/tenants"
	acGetClientRoute = "GET /api/2/clients/{client_id}"
)

// TestAcronisListTenants: the client pages through the emulator's GET /tenants with the cursor
// alone, one request a page, in both modes, and learns its own tenant from its client record.
func TestAcronisListTenants(t *testing.T) {
	fx := emulator.DemoFixture()
	fleet := fx.AddCustomerFleet(45)
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &acEnv{t: t, srv: srv, url: ts.URL}
	c := e.client()

	own, err := c.OwnTenantID(t.Context())
	if err != nil || own != acPartnerID {
		t.Fatalf("OwnTenantID = %q, %v", own, err)
	}
	children := append([]string{acCustomerID, acFolderID, acEnrolledID}, fleet...)
	got, err := c.ListTenants(t.Context(), acronis.TenantListing{RootID: own, PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tn := range got {
		ids = append(ids, tn.ID)
	}
	if !slices.Equal(ids, children) {
		t.Errorf("children %v, want %v", ids, children)
	}
	if got[2].Name != "Enrolled Customer" || got[2].Kind != "customer" || got[2].MFAStatus != "enabled" || !got[2].Enabled ||
		got[2].ParentID != acPartnerID || got[3].Name != "Customer 01" {
		t.Errorf("tenants %+v %+v", got[2], got[3])
	}
	e.wantCounts(acListRoute, map[int]int{200: 5}) // 48 children, 10 a page
	e.wantCounts(acGetClientRoute, map[int]int{200: 1})

	got, err = c.ListTenants(t.Context(), acronis.TenantListing{RootID: acCustomerID, Subtree: true})
	if err != nil || len(got) != 1 || got[0].ID != acUnitID || got[0].Kind != "unit" {
		t.Errorf("subtree of the customer: %+v, %v", got, err)
	}
	_, err = c.ListTenants(t.Context(), acronis.TenantListing{RootID: acOtherCustID})
	if e, ok := err.(*acronis.Error); !ok || e.Kind != acronis.KindForbidden || !strings.Contains(err.Error(), "page 1") {
		t.Errorf("outside the subtree: %v", err)
	}
}

// TestAcronisListFleetOnePage: 5,000 customers below the partner come in one request, the
// API's default page, and the 3 demo children in a second.
func TestAcronisListFleetOnePage(t *testing.T) {
	fx := emulator.DemoFixture()
	fleet := fx.AddCustomerFleet(5000)
	srv, err := emulator.New(fx)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &acEnv{t: t, srv: srv, url: ts.URL}
	got, err := e.client().ListTenants(t.Context(), acronis.TenantListing{RootID: acPartnerID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5003 || got[3].ID != fleet[0] || got[5002].Name != "Customer 5000" {
		t.Fatalf("%d tenants", len(got))
	}
	e.wantCounts(acListRoute, map[int]int{200: 2})
}
