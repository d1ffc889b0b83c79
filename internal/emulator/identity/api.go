package identity

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const Name = "identity"

// API is the Identity emulator, safe for concurrent use.
type API struct {
	emuhttp.Core[Fixture, state]
}

type state struct {
	domains     map[string]*domain
	tenants     map[string]*tenant
	tenantOrder []string
	users       map[string]*user // by id
	byName      map[string]*user
	tokens      map[string]*token
	sessions    map[string]*session
	regions     []string
	issued      int
}

// New builds the emulator on the shared clock now (nil: time.Now).
func New(fx Fixture, now func() time.Time) (*API, error) {
	a := &API{}
	if err := a.Init(Name, "/v2.0/", fx, now, Fixture.Validate, newState); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *API) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"POST /v2.0/tokens":                     http.HandlerFunc(a.handleAuthenticate),
		"DELETE /v2.0/tokens":                   http.HandlerFunc(a.handleRevokeOwn),
		"DELETE /v2.0/tokens/{tokenId}":         http.HandlerFunc(a.handleRevokeOther),
		"GET /v2.0/RAX-AUTH/domains/{domainId}": http.HandlerFunc(a.handleGetDomain),
		"GET /v2.0/RAX-AUTH/domains":            http.HandlerFunc(a.handleListDomains),
		"GET /v2.0/users":                       http.HandlerFunc(a.handleListUsers),
		"GET /v2.0/users/{userId}":              http.HandlerFunc(a.handleGetUser),
		"PUT /v2.0/RAX-AUTH/domains/{domainId}": http.HandlerFunc(a.handlePutDomain),

		"PUT /v2.0/users/{userId}/RAX-AUTH/multi-factor": http.HandlerFunc(a.handlePutUserMFA),

		"PUT /v2.0/RAX-AUTH/domains/{domainId}/multi-factor":       http.HandlerFunc(a.handlePutDomainMFA),
		"PUT /v2.0/RAX-AUTH/domains/{domainId}/password-policy":    http.HandlerFunc(a.handlePutPasswordPolicy),
		"GET /v2.0/RAX-AUTH/domains/{domainId}/password-policy":    http.HandlerFunc(a.handleGetPasswordPolicy),
		"DELETE /v2.0/RAX-AUTH/domains/{domainId}/password-policy": http.HandlerFunc(a.handleDeletePasswordPolicy),
	}
}

// newTokenID mimics the 32-hex-digit ids in Identity's samples.
func newTokenID() string { return hex.EncodeToString(emuhttp.RandomBytes(16)) }

// newSessionID is long and URL-safe like the opaque session ids in the docs.
func newSessionID() string { return base64.RawURLEncoding.EncodeToString(emuhttp.RandomBytes(64)) }

// newSMSPasscode: math/rand/v2's generator is seeded unpredictably.
func newSMSPasscode() string { return fmt.Sprintf("%06d", mrand.IntN(1_000_000)) }

func (a *API) issueToken(u *user, tenantID string, authBy []string, scope string) *token {
	now := a.Now()
	a.St.issued++
	t := &token{TokenState{
		ID: newTokenID(), UserID: u.ID, Tenant: tenantID,
		AuthenticatedBy: authBy, Issued: now, Expires: now.Add(tokenLifetime), Scope: scope,
	}, a.St.issued}
	a.St.tokens[t.ID] = t
	return t
}

// validToken. Inferred: tokens of a disabled user or domain stop working, as
// Identity revokes them when either is disabled.
func (a *API) validToken(id string) (*token, *user, bool) {
	if id == "" {
		return nil, nil, false
	}
	t := a.St.tokens[id]
	if t == nil || t.Revoked || !a.Now().Before(t.Expires) {
		return nil, nil, false
	}
	u := a.St.users[t.UserID]
	if u == nil || !a.enabled(u) {
		return nil, nil, false
	}
	return t, u, true
}

// authed runs fn under a.Mu for a valid X-Auth-Token; otherwise it answers
// the 401 that every route needing a token gives before any other answer.
func (a *API) authed(w http.ResponseWriter, r *http.Request, fn func(t *token, caller *user)) {
	a.Mu.Lock()
	defer a.Mu.Unlock()
	if t, u, ok := a.validToken(r.Header.Get("X-Auth-Token")); ok {
		fn(t, u)
		return
	}
	writeFault(w, http.StatusUnauthorized, keyUnauthorized, msgNoValidToken)
}

// revokeUnprotected: Identity revokes password tokens without a second
// factor when MFA becomes required or is enabled (§1.6).
func (a *API) revokeUnprotected(u *user) {
	for _, t := range a.St.tokens {
		if t.UserID == u.ID && !t.mfaProtected() && slices.Contains(t.AuthenticatedBy, authByPassword) {
			t.Revoked = true
		}
	}
}
