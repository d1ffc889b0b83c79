package conformance

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/acronis"
	acronisemu "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// TestAcronisReadMFAStatus reads the two demo customers as the fixture has
// them.
func TestAcronisReadMFAStatus(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	wantMFA(t, "demo customer", readMFA(t, c, acCustomerID), customerStatus)
	wantMFA(t, "enrolled customer", readMFA(t, c, acEnrolledID),
		acronis.MFAStatus{Status: "enabled", UsersCount: 3, UsersWithTOTPEnabledCount: 3, UpdateAllowed: true})
	e.wantCounts(acGetMFARoute, map[int]int{200: 2})
}

// TestAcronisToggleCustomerMFA turns MFA on and off again on the demo
// customer; each answer and each later read agree with the emulator's
// state.
func TestAcronisToggleCustomerMFA(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	v0 := e.tenant(acCustomerID).Version
	wantMFA(t, "before", readMFA(t, c, acCustomerID), customerStatus)

	enabled := customerStatus
	enabled.Status = "enabled"
	for i, step := range []struct {
		enable bool
		want   acronis.MFAStatus
	}{
		{true, enabled},
		{false, customerStatus},
	} {
		got, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, step.enable)
		if err != nil {
			t.Fatalf("SetTenantMFAStatus(%v): %v", step.enable, err)
		}
		wantMFA(t, fmt.Sprintf("PUT enabled=%v answer", step.enable), got, step.want)
		wantMFA(t, fmt.Sprintf("GET after PUT enabled=%v", step.enable), readMFA(t, c, acCustomerID), step.want)
		ts := e.tenant(acCustomerID)
		if ts.MFAEnabled != step.enable || ts.MFAStatus != step.want.Status || ts.Version != v0+int64(i)+1 {
			t.Errorf("emulator after PUT enabled=%v: mfa_enabled %v, status %q, version %d; want %v, %q, %d",
				step.enable, ts.MFAEnabled, ts.MFAStatus, ts.Version, step.enable, step.want.Status, v0+int64(i)+1)
		}
	}
	e.wantCounts(acPutMFARoute, map[int]int{200: 2})
	e.wantCounts(acGetMFARoute, map[int]int{200: 3})
}

// TestAcronisGetTenant: the tenant object's kind and parent for every kind
// the demo client can see, and its version, which a real change bumps and
// a PUT of the current value does not.
func TestAcronisGetTenant(t *testing.T) {
	e := newAcronisEnv(t)
	c := e.client()
	get := func(id string) *acronis.Tenant {
		t.Helper()
		tn, err := c.GetTenant(t.Context(), id)
		if err != nil {
			t.Fatalf("GetTenant(%s): %v", id, err)
		}
		return tn
	}
	for _, want := range []acronis.Tenant{
		{ID: acPartnerID, Name: "Demo Partner", Kind: "partner", ParentID: acRootID},
		{ID: acCustomerID, Name: "Demo Customer", Kind: "customer", ParentID: acPartnerID},
		{ID: acUnitID, Name: "Demo Unit", Kind: "unit", ParentID: acCustomerID},
		{ID: acFolderID, Name: "Demo Folder", Kind: "folder", ParentID: acPartnerID},
		{ID: acEnrolledID, Name: "Enrolled Customer", Kind: "customer", ParentID: acPartnerID, MFAStatus: "enabled"},
	} {
		want.Enabled = true
		if want.MFAStatus == "" {
			want.MFAStatus = "disabled"
		}
		want.Version = e.tenant(want.ID).Version
		if got := get(want.ID); *got != want {
			t.Errorf("GetTenant(%s)\n got %+v\nwant %+v", want.ID, *got, want)
		}
	}

	v0 := get(acCustomerID).Version
	set := func(enabled bool) {
		t.Helper()
		if _, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, enabled); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []struct {
		name    string
		enable  bool
		version int64
		status  string
	}{
		{"disable while disabled (no-op)", false, v0, "disabled"},
		{"enable", true, v0 + 1, "enabled"},
		{"enable again (no-op)", true, v0 + 1, "enabled"},
		{"disable", false, v0 + 2, "disabled"},
	} {
		set(step.enable)
		got := get(acCustomerID)
		if got.Version != step.version || got.MFAStatus != step.status {
			t.Errorf("%s: version %d, mfa_status %q; want %d, %q", step.name, got.Version, got.MFAStatus, step.version, step.status)
		}
		if ev := e.tenant(acCustomerID).Version; ev != got.Version {
			t.Errorf("%s: client read version %d, emulator holds %d", step.name, got.Version, ev)
		}
	}
	e.wantCounts(acGetTenantRoute, map[int]int{200: 10})
}

// TestAcronisInheritedMFAStatus: a unit and a folder show the status of
// the tenant they inherit from, may not be updated (update_allowed false),
// and a PUT on them is refused as a broken business rule, with nothing
// changed.
func TestAcronisInheritedMFAStatus(t *testing.T) {
	tests := []struct {
		name, id, kind, source string
	}{
		{"unit", acUnitID, "unit", acCustomerID},
		{"folder", acFolderID, "folder", acPartnerID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newAcronisEnv(t)
			c := e.client()
			wantMFA(t, "inherited disabled", readMFA(t, c, tt.id), acronis.MFAStatus{Status: "disabled"})

			// Users of the unit or folder itself, so the counts are its own.
			users, totp := 4, 1
			if _, err := e.emu().UpdateTenant(tt.id, acronisemu.TenantPatch{UsersCount: &users, UsersWithTOTPCount: &totp}); err != nil {
				t.Fatal(err)
			}
			on := true
			if _, err := e.emu().UpdateTenant(tt.source, acronisemu.TenantPatch{MFAEnabled: &on}); err != nil {
				t.Fatal(err)
			}
			inherited := acronis.MFAStatus{Status: "enabled", UsersCount: 4, UsersWithTOTPEnabledCount: 1}
			wantMFA(t, "inherited enabled", readMFA(t, c, tt.id), inherited)

			before, sourceBefore := e.tenant(tt.id), e.tenant(tt.source)
			for _, enable := range []bool{false, true} {
				_, err := c.SetTenantMFAStatus(t.Context(), tt.id, enable)
				re := acErrOf(t, err, acronis.KindBusinessRule)
				wantWire(t, re, acWire{
					Op: "set tenant MFA status", Status: 400, Code: "1027", Domain: acDomain,
					Message: fmt.Sprintf("MFA status cannot be changed for tenants of kind '%s'.", tt.kind),
					Info:    fmt.Sprintf("Tenant %s inherits its MFA status from tenant %s.", tt.id, tt.source),
				})
			}
			// A business-rule refusal is an answer, not a failure: no retry.
			e.wantCounts(acPutMFARoute, map[int]int{400: 2})
			if after, sourceAfter := e.tenant(tt.id), e.tenant(tt.source); after != before || sourceAfter != sourceBefore {
				t.Errorf("emulator state changed by refused PUTs:\n%+v -> %+v\n%+v -> %+v", before, after, sourceBefore, sourceAfter)
			}
			wantMFA(t, "after refused PUTs", readMFA(t, c, tt.id), inherited)

			tn, err := c.GetTenant(t.Context(), tt.id)
			if err != nil {
				t.Fatal(err)
			}
			if tn.Kind != tt.kind || tn.ParentID != tt.source || tn.MFAStatus != "enabled" {
				t.Errorf("GetTenant: kind %q, parent %s, mfa_status %q; want %q, %s, enabled", tn.Kind, tn.ParentID, tn.MFAStatus, tt.kind, tt.source)
			}
		})
	}
}

// TestAcronisUnitUsersCountTowardCustomer: a customer's counts include its
// unit's users (A.2.3), as the client reports them.
func TestAcronisUnitUsersCountTowardCustomer(t *testing.T) {
	e := newAcronisEnv(t)
	users, totp := 3, 1
	if _, err := e.emu().UpdateTenant(acUnitID, acronisemu.TenantPatch{UsersCount: &users, UsersWithTOTPCount: &totp}); err != nil {
		t.Fatal(err)
	}
	want := customerStatus
	want.UsersCount, want.UsersWithTOTPEnabledCount = 8, 3
	wantMFA(t, "customer with unit users", readMFA(t, e.client(), acCustomerID), want)
}

// acOps are the three tenant operations, for tests that expect the same
// refusal from each.
var acOps = []struct {
	op, route string
	call      func(t *testing.T, c *acronis.Client, id string) error
}{
	{"get tenant MFA status", acGetMFARoute, func(t *testing.T, c *acronis.Client, id string) error {
		_, err := c.GetTenantMFAStatus(t.Context(), id)
		return err
	}},
	{"set tenant MFA status", acPutMFARoute, func(t *testing.T, c *acronis.Client, id string) error {
		_, err := c.SetTenantMFAStatus(t.Context(), id, true)
		return err
	}},
	{"get tenant", acGetTenantRoute, func(t *testing.T, c *acronis.Client, id string) error {
		_, err := c.GetTenant(t.Context(), id)
		return err
	}},
}

// TestAcronisOutsideSubtree: tenants that exist but are not below the demo
// client's partner are refused with 403 and platform code 1002, and a PUT
// changes nothing.
func TestAcronisOutsideSubtree(t *testing.T) {
	for _, id := range []string{acOtherCustID, acRootID} {
		for _, op := range acOps {
			t.Run(op.op+" "+id[:8], func(t *testing.T) {
				e := newAcronisEnv(t)
				before := e.tenant(id)
				err := op.call(t, e.client(), id)
				re := acErrOf(t, err, acronis.KindForbidden)
				wantWire(t, re, acWire{
					Op: op.op, Status: 403, Code: "1002", Domain: acDomain,
					Message: "The account does not own a tenant being accessed",
					Info:    fmt.Sprintf("Tenant %s is outside the subtree of the API client's tenant.", id),
				})
				e.wantCounts(op.route, map[int]int{403: 1})
				if after := e.tenant(id); after != before {
					t.Errorf("emulator state changed: %+v -> %+v", before, after)
				}
			})
		}
	}
}

// TestAcronisUnknownTenant: a well-formed UUID no tenant has is a 404 with
// platform code 1005.
func TestAcronisUnknownTenant(t *testing.T) {
	for _, op := range acOps {
		t.Run(op.op, func(t *testing.T) {
			e := newAcronisEnv(t)
			id := randomUUID(t)
			err := op.call(t, e.client(), id)
			re := acErrOf(t, err, acronis.KindNotFound)
			wantWire(t, re, acWire{
				Op: op.op, Status: 404, Code: "1005", Domain: acDomain,
				Message: "Tenant not found.",
				Info:    fmt.Sprintf("No tenant with ID %s exists.", id),
			})
			e.wantCounts(op.route, map[int]int{404: 1})
		})
	}
}

// TestAcronisMalformedTenantID: the client sends the ID as given and the
// server's UUID pattern (lowercase only) refuses it with 400; an empty ID
// is refused by the client without a request.
func TestAcronisMalformedTenantID(t *testing.T) {
	for _, id := range []string{strings.ToUpper(randomUUID(t)), "not-a-uuid"} {
		t.Run(id, func(t *testing.T) {
			e := newAcronisEnv(t)
			_, err := e.client().GetTenantMFAStatus(t.Context(), id)
			re := acErrOf(t, err, acronis.KindBadRequest)
			wantWire(t, re, acWire{
				Op: "get tenant MFA status", Status: 400, Code: "400", Domain: acDomain,
				Message: "Bad request.",
				Info:    fmt.Sprintf("tenant_id %q is not a UUID in lowercase 8-4-4-4-12 form.", id),
			})
			e.wantCounts(acGetMFARoute, map[int]int{400: 1})
		})
	}
	t.Run("empty", func(t *testing.T) {
		e := newAcronisEnv(t)
		c := e.client()
		_, err := c.GetTenantMFAStatus(t.Context(), "")
		if re := acErrOf(t, err, acronis.KindBadRequest); re.Status != 0 {
			t.Errorf("status %d, want 0 (no request)", re.Status)
		}
		if n := e.srv.Total(); n != 0 {
			t.Errorf("emulator served %d requests, want 0", n)
		}
		e.wantTokenRequests(c, map[int]int{}, 0)
	})
}

// TestAcronisPutContentType: the client declares its PUT body as JSON,
// which the server requires; with the header stripped on the way (as a
// misbehaving proxy might) the server's 415 reaches the caller as
// KindUnsupportedMediaType, unretried.
func TestAcronisPutContentType(t *testing.T) {
	e := newAcronisEnv(t)
	var seen []string
	hc := hookedHTTPClient(t, func(r *http.Request, next http.RoundTripper) (*http.Response, error) {
		if r.Method == http.MethodPut {
			seen = append(seen, r.Header.Get("Content-Type"))
			if len(seen) > 1 {
				r = r.Clone(r.Context())
				r.Header.Del("Content-Type")
			}
		}
		return next.RoundTrip(r)
	})
	c := e.client(func(cfg *acronis.Config) { cfg.HTTPClient = hc })
	if _, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, true); err != nil {
		t.Fatal(err)
	}
	_, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, false)
	re := acErrOf(t, err, acronis.KindUnsupportedMediaType)
	wantWire(t, re, acWire{
		Op: "set tenant MFA status", Status: 415, Code: "415", Domain: acDomain,
		Message: "Unsupported media type.", Info: "Content-Type must be application/json.",
	})
	if len(seen) != 2 || seen[0] != "application/json" {
		t.Errorf("Content-Type sent: %q, want application/json twice", seen)
	}
	e.wantCounts(acPutMFARoute, map[int]int{200: 1, 415: 1})
	if !e.tenant(acCustomerID).MFAEnabled {
		t.Error("emulator: the refused PUT changed MFA")
	}
}

// TestAcronisDisableInProgress: with disable_in_progress_reads=2, turning
// MFA off answers disable_in_progress, and so do the next two reads; the
// third read finds it disabled.
func TestAcronisDisableInProgress(t *testing.T) {
	e := newAcronisEnv(t)
	reads := 2
	if _, err := e.emu().UpdateTenant(acCustomerID, acronisemu.TenantPatch{DisableInProgressReads: &reads}); err != nil {
		t.Fatal(err)
	}
	// A negative DisableWait.Total makes the client pass the raw answers on.
	c := e.client(func(cfg *acronis.Config) { cfg.DisableWait.Total = -1 })
	if st, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, true); err != nil || st.Status != "enabled" {
		t.Fatalf("enable: %+v, %v", st, err)
	}
	v := e.tenant(acCustomerID).Version

	inProgress := customerStatus
	inProgress.Status = acronis.MFADisableInProgress
	got, err := c.SetTenantMFAStatus(t.Context(), acCustomerID, false)
	if err != nil {
		t.Fatal(err)
	}
	wantMFA(t, "PUT enabled=false answer", got, inProgress)
	for i, want := range []acronis.MFAStatus{inProgress, inProgress, customerStatus, customerStatus} {
		wantMFA(t, fmt.Sprintf("read %d", i+1), readMFA(t, c, acCustomerID), want)
		if left, wantLeft := e.tenant(acCustomerID).DisableInProgressLeft, max(reads-i-1, 0); left != wantLeft {
			t.Errorf("after read %d the emulator has %d in-progress reads left, want %d", i+1, left, wantLeft)
		}
	}
	if ts := e.tenant(acCustomerID); ts.MFAEnabled || ts.Version != v+1 {
		t.Errorf("emulator: mfa_enabled %v, version %d; want false, %d", ts.MFAEnabled, ts.Version, v+1)
	}
	e.wantCounts(acPutMFARoute, map[int]int{200: 2})
	e.wantCounts(acGetMFARoute, map[int]int{200: 4})
}

// randomUUID returns a fresh lowercase version-4 UUID, which no fixture
// tenant has.
func randomUUID(t *testing.T) string {
	t.Helper()
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
