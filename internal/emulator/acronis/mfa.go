package acronis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"slices"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

// mfaStatusJSON is mfaTenantStatus (A.2.3) with real answers' _count names.
type mfaStatusJSON struct {
	MFAStatus                 string `json:"mfa_status"`
	UsersCount                int    `json:"users_count"`
	UsersWithTOTPEnabledCount int    `json:"users_with_totp_enabled_count"`
	UpdateAllowed             bool   `json:"update_allowed"`
}

func (a *API) handleGetMFAStatus(w http.ResponseWriter, r *http.Request) {
	a.serveTenant(w, r, nil, func(t *tenant) (any, *apiError) { return a.mfaStatus(t, true), nil })
}

// handlePutMFAStatus: inferred order token, path id, content type, body,
// tenant access, then the business rule on folders and units.
func (a *API) handlePutMFAStatus(w http.ResponseWriter, r *http.Request) {
	var enabled bool
	schema := func() (e *apiError) {
		if e = checkJSONContentType(r); e == nil {
			enabled, e = parseMFAPut(r)
		}
		return e
	}
	a.serveTenant(w, r, schema, func(t *tenant) (any, *apiError) {
		if t.inherits() {
			return nil, errInherits(t, a.mfaSource(t))
		}
		// Inferred: setting the current value is a successful no-op (A.2.2).
		a.setMFA(t, enabled)
		return a.mfaStatus(t, false), nil
	})
}

// mfaStatus counts folder and unit descendants' users (A.2.3); only they
// have update_allowed false (A.2.4). A read spends a disable_in_progress.
func (a *API) mfaStatus(t *tenant, read bool) mfaStatusJSON {
	out := mfaStatusJSON{MFAStatus: MFADisabled, UpdateAllowed: !t.inherits()}
	src := a.mfaSource(t)
	switch {
	case src.mfaEnabled:
		out.MFAStatus = MFAEnabled
	case src.DisableInProgressLeft > 0:
		out.MFAStatus = MFADisableInProgress
		if read {
			src.DisableInProgressLeft--
		}
	}
	out.UsersCount, out.UsersWithTOTPEnabledCount = a.userCounts(t)
	return out
}

// userCounts adds the tenant's user objects to the users it only counts, and stops at customers: one below a folder is another organisation.
func (a *API) userCounts(t *tenant) (users, totp int) {
	listed, listedTOTP := a.listedUsers(t)
	users, totp = t.UsersCount+listed, t.UsersWithTOTPCount+listedTOTP
	for _, child := range a.St.children[t.ID] {
		if child.inherits() {
			u, tt := a.userCounts(child)
			users += u
			totp += tt
		}
	}
	return users, totp
}

// setMFA: a change bumps version and updated_at (inferred, A.3); turning MFA
// off starts disable_in_progress_reads reads of disable_in_progress.
func (a *API) setMFA(t *tenant, enabled bool) {
	if t.mfaEnabled == enabled {
		return
	}
	t.mfaEnabled = enabled
	t.DisableInProgressLeft = 0
	if !enabled {
		t.DisableInProgressLeft = t.DisableInProgressReads
	}
	a.touch(t)
}

func (a *API) touch(t *tenant) {
	t.Version++
	t.UpdatedAt = a.Now().UTC().Truncate(time.Second)
}

// errInherits. Inferred: the spec only forbids the PUT (A.2.4); status, code
// 1027 ("does not satisfy business rules") and text are ours.
func errInherits(t, source *tenant) *apiError {
	return &apiError{
		status: http.StatusBadRequest, code: codeBusinessRule,
		message: fmt.Sprintf("MFA status cannot be changed for tenants of kind '%s'.", t.Kind),
		info:    fmt.Sprintf("Tenant %s inherits its MFA status from tenant %s.", t.ID, source.ID),
		tenant:  t.ID,
	}
}

// checkJSONContentType answers 415 unless the body is declared JSON (A.4).
func checkJSONContentType(r *http.Request) *apiError {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err == nil && mt == "application/json" {
		return nil
	}
	return &apiError{
		status:  http.StatusUnsupportedMediaType,
		message: "Unsupported media type.",
		info:    "Content-Type must be application/json.",
	}
}

// parseMFAPut reads mfaTenantStatusPut: only a required boolean "enabled".
func parseMFAPut(r *http.Request) (bool, *apiError) {
	body, err := emuhttp.ReadBody(r)
	if err != nil {
		return false, errBadRequest("The request body could not be read.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var obj map[string]json.RawMessage
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return false, errBadRequest(`The body must be a JSON object such as {"enabled": true}.`)
	}
	if _, err := dec.Token(); err != io.EOF {
		return false, errBadRequest("The body has data after the JSON object.")
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if k != "enabled" {
			return false, errBadRequest(fmt.Sprintf(`Property %q is not allowed; the body takes only "enabled".`, k))
		}
	}
	raw, ok := obj["enabled"]
	if !ok {
		return false, errBadRequest(`Property "enabled" is required.`)
	}
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errBadRequest(`Property "enabled" must be a boolean.`)
}
