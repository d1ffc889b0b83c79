package acronis

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

// fuzzAccess is where each demo tenant stands for the demo API client: in
// its subtree or not, and inheriting its MFA status (folder, unit) or not.
// Written out from the demo fixture's description, not read from the
// emulator, so the fuzz targets' expectations do not come from the code
// under test.
var fuzzAccess = map[string]struct{ inSubtree, inherits bool }{
	DemoRootTenantID:             {false, false},
	DemoPartnerTenantID:          {true, false},
	DemoCustomerTenantID:         {true, false},
	DemoUnitTenantID:             {true, true},
	DemoFolderTenantID:           {true, true},
	DemoEnrolledCustomerTenantID: {true, false},
	DemoOtherPartnerTenantID:     {false, false},
	DemoOtherCustomerTenantID:    {false, false},
}

// fuzzUUID is the spec's tenant_id pattern (A.0).
var fuzzUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// FuzzPutMFAStatus sends PUT /api/2/tenants/{tenant_id}/mfa/status with a
// valid token and an arbitrary path id, Content-Type and body, through the
// API's own handler. The answer must be the one status the documented
// rules (A.2.2, A.4) give, checked in the emulator's documented order:
// 400 for an id that is not a lowercase UUID, 415 for a type other than
// application/json, 400 for any body but {"enabled": <boolean>}, 404 for an
// unknown tenant, 403 outside the client's subtree, 400 for a folder or
// unit, else 200 with the new status, which the emulator's state must then
// hold. Errors come in the error envelope; nothing panics.
func FuzzPutMFAStatus(f *testing.F) {
	for _, s := range []struct{ id, contentType, body string }{
		{DemoCustomerTenantID, "application/json", `{"enabled": true}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": false}`},
		{DemoEnrolledCustomerTenantID, "application/json; charset=utf-8", `{"enabled":false}`},
		{DemoPartnerTenantID, "Application/JSON", " {\"enabled\" :true}\n"},
		{DemoUnitTenantID, "application/json", `{"enabled": true}`},
		{DemoFolderTenantID, "application/json", `{"enabled": true}`},
		{DemoOtherCustomerTenantID, "application/json", `{"enabled": true}`},
		{DemoRootTenantID, "application/json", `{"enabled": true}`},
		{"99999999-9999-4999-8999-999999999999", "application/json", `{"enabled": true}`},
		{strings.ToUpper(DemoCustomerTenantID), "application/json", `{"enabled": true}`},
		{"not-a-uuid", "application/json", `{"enabled": true}`},
		{"", "application/json", `{"enabled": true}`},
		{DemoCustomerTenantID, "", `{"enabled": true}`},
		{DemoCustomerTenantID, "text/plain", `{"enabled": true}`},
		{DemoCustomerTenantID, "application/json; charset", `{"enabled": true}`},
		{DemoCustomerTenantID, "application/x-www-form-urlencoded", "enabled=true"},
		{DemoCustomerTenantID, "application/json", `{"enabled": "true"}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": 1}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": null}`},
		{DemoCustomerTenantID, "application/json", `{"Enabled": true}`},
		{DemoCustomerTenantID, "application/json", `{"\u0065nabled": true}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": true, "version": 3}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": true, "enabled": false}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": true}{}`},
		{DemoCustomerTenantID, "application/json", `{"enabled": true} x`},
		{DemoCustomerTenantID, "application/json", `{}`},
		{DemoCustomerTenantID, "application/json", `[]`},
		{DemoCustomerTenantID, "application/json", `null`},
		{DemoCustomerTenantID, "application/json", `true`},
		{DemoCustomerTenantID, "application/json", ``},
		{DemoCustomerTenantID, "application/json", "\xef\xbb\xbf{\"enabled\": true}"},
		{DemoCustomerTenantID, "application/json", "{\"enabled\xff\": true}"},
	} {
		f.Add(s.id, s.contentType, s.body)
	}

	clock := emutest.NewClock()
	api, err := New(DemoFixture(), clock.Now)
	if err != nil {
		f.Fatal(err)
	}
	routes := api.Routes()

	f.Fuzz(func(t *testing.T, tenantID, contentType, body string) {
		// Every input starts from the fixture, so a failure replays alone.
		api.Reset()
		tok := fuzzToken(t, routes[RouteToken])

		req := httptest.NewRequest(http.MethodPut, "/api/2/tenants/x/mfa/status", strings.NewReader(body))
		// The path value is set directly, so that any string reaches the
		// handler as an id, not only those ServeMux would route.
		req.SetPathValue("tenant_id", tenantID)
		req.Header.Set("Authorization", "Bearer "+tok)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		routes[RoutePutMFAStatus].ServeHTTP(rec, req)

		enabled, bodyOK := fuzzMFABody(body)
		mt, _, mtErr := mime.ParseMediaType(contentType)
		access, known := fuzzAccess[tenantID]
		want := http.StatusOK
		switch {
		case !fuzzUUID.MatchString(tenantID):
			want = http.StatusBadRequest
		case mtErr != nil || mt != "application/json":
			want = http.StatusUnsupportedMediaType
		case !bodyOK:
			want = http.StatusBadRequest
		case !known:
			want = http.StatusNotFound
		case !access.inSubtree:
			want = http.StatusForbidden
		case access.inherits:
			want = http.StatusBadRequest
		}
		if rec.Code != want {
			t.Fatalf("PUT %q, Content-Type %q, body %q: status %d, want %d; answer %q",
				tenantID, contentType, body, rec.Code, want, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("status %d with Content-Type %q", rec.Code, ct)
		}
		if rec.Code != http.StatusOK {
			fuzzWantEnvelope(t, rec)
			return
		}

		var got mfaStatusJSON
		dec := json.NewDecoder(rec.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("200 body: %v", err)
		}
		wantStatus := MFADisabled
		if enabled {
			wantStatus = MFAEnabled
		}
		st, _ := api.Tenant(tenantID)
		if got.MFAStatus != wantStatus || !got.UpdateAllowed || st.MFAEnabled != enabled {
			t.Fatalf("PUT enabled=%v answered %+v; emulator holds mfa_enabled=%v", enabled, got, st.MFAEnabled)
		}
	})
}

// fuzzMFABody decides, with a generic JSON decoding rather than the
// handler's, whether body is an mfaTenantStatusPut: an object whose only
// property is the boolean "enabled" (A.2.2, additionalProperties false).
// A repeated name counts with its last value, as encoding/json has it.
func fuzzMFABody(body string) (enabled, ok bool) {
	if !json.Valid([]byte(body)) {
		return false, false
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		return false, false
	}
	obj, isObject := v.(map[string]any)
	if !isObject || len(obj) != 1 {
		return false, false
	}
	enabled, ok = obj["enabled"].(bool)
	return enabled, ok
}

// fuzzWantEnvelope checks the error envelope of A.4.
func fuzzWantEnvelope(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	var env struct {
		Error *struct {
			Code    *int                   `json:"code"`
			Domain  string                 `json:"domain"`
			Message string                 `json:"message"`
			Details *struct{ Info string } `json:"details"`
		} `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &env); err != nil || env.Error == nil || env.Error.Code == nil ||
		env.Error.Domain == "" || env.Error.Message == "" || env.Error.Details == nil || env.Error.Details.Info == "" {
		t.Fatalf("status %d: %q is not the error envelope (%v)", rec.Code, rec.Body, err)
	}
}

// fuzzToken gets an access token for the demo client from the token
// handler.
func fuzzToken(t *testing.T, h http.Handler) string {
	t.Helper()
	rec := fuzzPostToken(h, "", formContentType, basic(DemoClientID, DemoClientSecret), "grant_type=client_credentials")
	var tok tokenJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("no token: %d %q", rec.Code, rec.Body)
	}
	return tok.AccessToken
}

func fuzzPostToken(h http.Handler, rawQuery, contentType, authorization, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/2/idp/token", strings.NewReader(body))
	// Set after NewRequest, which would refuse a query it cannot parse.
	req.URL.RawQuery = rawQuery
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// fuzzTokenErrorCodes are the token endpoint's error codes: the published enum
// (A.1.2) and the RFC 6749 codes it answers beyond it.
var fuzzTokenErrorCodes = []string{
	"totp_setup_required", "totp_required", "invalid_totp", "access_denied", "invalid_request",
	"invalid_client", "unsupported_grant_type",
}

// FuzzTokenRequest sends POST /api/2/idp/token with an arbitrary query
// string, Content-Type, Authorization header and body. The answer must be
// 200, 400, 401 or 415 (A.1.2, A.4), marked no-store, with a token body of
// its five fields or a tokenError body with a known code and a
// description; nothing panics. A 200 needs credentials, by HTTP Basic or
// in the form, and the client_credentials grant somewhere in the request.
func FuzzTokenRequest(f *testing.F) {
	demoBasic := basic(DemoClientID, DemoClientSecret)
	for _, s := range []struct{ query, contentType, authorization, body string }{
		{"", formContentType, demoBasic, "grant_type=client_credentials"},
		{"grant_type=client_credentials", "", demoBasic, ""},
		{"grant_type=password", formContentType, demoBasic, "grant_type=client_credentials"},
		{"", formContentType + "; charset=UTF-8", "", "grant_type=client_credentials&client_id=" + DemoClientID + "&client_secret=" + DemoClientSecret},
		{"", formContentType, demoBasic, "grant_type=client_credentials&client_id=" + DemoClientID},
		{"", formContentType, demoBasic, "grant_type=client_credentials&client_secret=x"},
		{"", formContentType, basic(url.QueryEscape(DemoClientID), url.QueryEscape(DemoClientSecret)), "grant_type=client_credentials"},
		{"", formContentType, basic(DemoClientID, "wrong"), "grant_type=client_credentials"},
		{"", formContentType, "Bearer abc", "grant_type=client_credentials"},
		{"", formContentType, "Basic !!!", "grant_type=client_credentials"},
		{"", formContentType, demoBasic, "grant_type=password&username=a&password=b"},
		{"", formContentType, demoBasic, "grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer"},
		{"", formContentType, demoBasic, "grant_type=magic"},
		{"", formContentType, demoBasic, ""},
		{"", formContentType, demoBasic, "grant_type=%zz"},
		{"", "application/json", demoBasic, `{"grant_type":"client_credentials"}`},
		{"", "", demoBasic, "grant_type=client_credentials"},
		{"a=%", "", "", ""},
	} {
		f.Add(s.query, s.contentType, s.authorization, s.body)
	}

	clock := emutest.NewClock()
	api, err := New(DemoFixture(), clock.Now)
	if err != nil {
		f.Fatal(err)
	}
	h := api.Routes()[RouteToken]

	f.Fuzz(func(t *testing.T, rawQuery, contentType, authorization, body string) {
		api.Reset()
		rec := fuzzPostToken(h, rawQuery, contentType, authorization, body)
		if !slices.Contains([]int{http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusUnsupportedMediaType}, rec.Code) {
			t.Fatalf("status %d is not documented; body %q", rec.Code, rec.Body)
		}
		if rec.Header().Get("Content-Type") != "application/json" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("status %d with headers %v", rec.Code, rec.Header())
		}
		var fields map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &fields); err != nil {
			t.Fatalf("status %d: body %q is not a JSON object: %v", rec.Code, rec.Body, err)
		}
		if rec.Code != http.StatusOK {
			code, _ := fields["error"].(string)
			desc, _ := fields["error_description"].(string)
			if len(fields) != 2 || !slices.Contains(fuzzTokenErrorCodes, code) || desc == "" {
				t.Fatalf("status %d: %q is not a tokenError body", rec.Code, rec.Body)
			}
			return
		}
		for _, k := range []string{"access_token", "token_type", "expires_in", "expires_on", "id_token"} {
			if _, ok := fields[k]; !ok || len(fields) != 5 {
				t.Fatalf("200 body %q, want exactly the five token fields", rec.Body)
			}
		}
		if len(api.Tokens()) != 1 {
			t.Fatalf("200 but the emulator holds %d tokens", len(api.Tokens()))
		}
		_, _, viaBasic := (&http.Request{Header: http.Header{"Authorization": {authorization}}}).BasicAuth()
		credentials := viaBasic || strings.Contains(body, "client_secret")
		if !credentials || !strings.Contains(rawQuery+"&"+body, "client_credentials") {
			t.Fatalf("200 for query %q, body %q, Authorization %q without credentials or grant", rawQuery, body, authorization)
		}
	})
}
