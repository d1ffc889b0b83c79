package acronis

import (
	"cmp"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const (
	grantClientCredentials = "client_credentials"
	formContentType        = "application/x-www-form-urlencoded"
	issuer                 = "authpolicy-emulator"
)

// knownGrants are the grant types the spec lists for /idp/token (A.1.2).
var knownGrants = []string{
	"password", "md5_password", "authorization_code", "refresh_token", grantClientCredentials,
	"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
}

// tokenJSON (A.1.2). Inferred: no refresh_token; a client can ask again.
type tokenJSON struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	ExpiresOn   int64  `json:"expires_on"`
	IDToken     string `json:"id_token"`
}

// handleToken checks content type, form, client, client status, grant type.
// Inferred: the notes give no order; OAuth servers authenticate first.
func (a *API) handleToken(w http.ResponseWriter, r *http.Request) {
	form, status, msg := readTokenForm(r)
	if msg != "" {
		writeTokenError(w, status, tokenErrInvalidRequest, msg)
		return
	}
	ids, secrets, viaHeader, msg := clientCredentials(r, form)
	if msg != "" {
		writeTokenError(w, http.StatusBadRequest, tokenErrInvalidRequest, msg)
		return
	}

	a.Mu.Lock()
	defer a.Mu.Unlock()
	c := a.findClient(ids, secrets)
	if c == nil {
		// RFC 6749 §5.2: tell a client that tried the header which scheme.
		if viaHeader {
			w.Header().Set("WWW-Authenticate", `Basic realm="acronis"`)
		}
		msg := "Client authentication failed: unknown client or wrong secret."
		if len(ids) == 0 || ids[0] == "" {
			msg = "Client authentication is required: use HTTP Basic or the client_id and client_secret fields."
		}
		writeTokenError(w, http.StatusUnauthorized, tokenErrInvalidClient, msg)
		return
	}
	if msg := a.clientBlocked(c); msg != "" {
		// Inferred: access_denied is the closest code in the published enum.
		writeTokenError(w, http.StatusUnauthorized, tokenErrAccessDenied, msg)
		return
	}

	grant, msg := grantType(r, form)
	switch {
	case msg != "":
		writeTokenError(w, http.StatusBadRequest, tokenErrInvalidRequest, msg)
		return
	case grant == grantClientCredentials:
	case slices.Contains(knownGrants, grant):
		// Inferred: well-formed, but the emulator has no users to serve them.
		writeTokenError(w, http.StatusBadRequest, tokenErrInvalidRequest,
			fmt.Sprintf("Grant type %q is not available to API clients; use client_credentials.", grant))
		return
	default:
		writeTokenError(w, http.StatusBadRequest, tokenErrUnsupportedGrant,
			fmt.Sprintf("Grant type %q is not supported.", grant))
		return
	}

	t := a.issueToken(c)
	noStore(w)
	emuhttp.WriteJSON(w, http.StatusOK, tokenJSON{
		AccessToken: t.AccessToken,
		TokenType:   "bearer",
		ExpiresIn:   int64(t.Expires.Sub(t.Issued).Seconds()),
		ExpiresOn:   t.Expires.Unix(),
		IDToken:     a.sign(map[string]any{"iss": issuer, "sub": c.ID, "aud": c.ID, "iat": t.Issued.Unix(), "exp": t.Expires.Unix()}),
	})
}

// readTokenForm returns the form or an invalid_request's status and message.
func readTokenForm(r *http.Request) (url.Values, int, string) {
	body, err := emuhttp.ReadBody(r)
	if err != nil {
		return nil, http.StatusBadRequest, "The request body could not be read."
	}
	// Inferred: no body and no content type is fine (grant_type may be in the
	// query); anything else must be a form (A.1.2), or 415 (A.4).
	if ct := r.Header.Get("Content-Type"); ct != "" || len(body) > 0 {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != formContentType {
			return nil, http.StatusUnsupportedMediaType, "Content-Type must be " + formContentType + "."
		}
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, http.StatusBadRequest, "The request body is not a valid form."
	}
	return form, 0, ""
}

// clientCredentials (A.1.2): RFC 6749 §2.3.1 form-encodes Basic's parts, not
// every client does, so the raw and decoded values are both candidates.
func clientCredentials(r *http.Request, form url.Values) (ids, secrets []string, viaHeader bool, msg string) {
	if r.Header.Get("Authorization") == "" {
		return []string{form.Get("client_id")}, []string{form.Get("client_secret")}, false, ""
	}
	user, pass, ok := r.BasicAuth()
	if !ok {
		return nil, nil, true, ""
	}
	// RFC 6749 §2.3: one method per request. Inferred: a client_id field
	// naming the same client is tolerated; some libraries send it along.
	if form.Has("client_secret") || (form.Has("client_id") && form.Get("client_id") != user) {
		return nil, nil, true, "Use either HTTP Basic or the client_id and client_secret fields, not both."
	}
	return decodedToo(user), decodedToo(pass), true, ""
}

func decodedToo(s string) []string {
	out := []string{s}
	if d, err := url.QueryUnescape(s); err == nil && d != s {
		out = append(out, d)
	}
	return out
}

func (a *API) findClient(ids, secrets []string) *client {
	for _, id := range ids {
		c := a.St.clients[id]
		if c == nil {
			continue
		}
		for _, s := range secrets {
			if s != "" && subtle.ConstantTimeCompare([]byte(c.Secret), []byte(s)) == 1 {
				return c
			}
		}
	}
	return nil
}

// clientBlocked says why a client may not get or use tokens. Inferred: a
// disabled tenant or ancestor blocks it like a disabled account (A.1.3).
func (a *API) clientBlocked(c *client) string {
	if c.Status != ClientEnabled {
		return "The API client is disabled."
	}
	for t := a.St.tenants[c.TenantID]; t != nil; t = a.St.tenants[t.ParentID] {
		if !t.Enabled {
			return "The API client's tenant is disabled."
		}
	}
	return ""
}

// grantType (A.1.2). Inferred: different form and query values are malformed.
func grantType(r *http.Request, form url.Values) (string, string) {
	inForm, inQuery := form.Get("grant_type"), r.URL.Query().Get("grant_type")
	switch grant := cmp.Or(inForm, inQuery); {
	case inForm != "" && inQuery != "" && inForm != inQuery:
		return "", "grant_type differs between the body and the query string."
	case grant == "":
		return "", "The grant_type parameter is required."
	default:
		return grant, ""
	}
}

func (a *API) issueToken(c *client) *token {
	now := a.Now()
	a.St.issued++
	t := &token{TokenState{ID: emuhttp.NewUUID(), Client: c.ID, Issued: now, Expires: now.Add(a.St.settings.tokenLifetime)}, a.St.issued}
	t.AccessToken = a.sign(map[string]any{
		"iss": issuer, "sub": c.ID, "iat": now.Unix(), "exp": t.Expires.Unix(), "jti": t.ID,
	})
	a.St.tokens[t.AccessToken] = t
	return t
}

// sign builds a JWT-shaped HS256 token; the emulator looks tokens up, so the
// claims are for people debugging.
func (a *API) sign(claims map[string]any) string {
	enc := base64.RawURLEncoding
	payload, _ := json.Marshal(claims)
	unsigned := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	mac := hmac.New(sha256.New, a.signKey)
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}
