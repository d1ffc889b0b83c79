package acronis

import (
	"net/http"
	"strings"
)

// authenticate counts a use of the Bearer or access_token token (A.1.3).
func (a *API) authenticate(r *http.Request) (*client, *apiError) {
	header := r.Header.Get("Authorization")
	query := r.URL.Query()
	var access string
	switch {
	case header != "" && query.Has("access_token"):
		// Inferred: the docs say "never both"; a 400 says so plainly.
		return nil, errBadRequest("Pass the access token either in the Authorization header or in the access_token query parameter, not both.")
	case query.Has("access_token"):
		access = query.Get("access_token")
	case header != "":
		scheme, rest, _ := strings.Cut(header, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			// Inferred: users' Basic logins are outside the emulator.
			return nil, errUnauthorized("The Authorization header must use the Bearer scheme.")
		}
		access = strings.TrimSpace(rest)
	}
	if access == "" {
		return nil, errUnauthorized("No access token was provided.")
	}

	t := a.St.tokens[access]
	switch {
	case t == nil:
		return nil, errUnauthorized("The access token is unknown.")
	case t.Revoked:
		return nil, errUnauthorized("The access token has been revoked.")
	case !a.Now().Before(t.Expires):
		return nil, errUnauthorized("The access token has expired.")
	}
	c := a.St.clients[t.Client]
	if msg := a.clientBlocked(c); msg != "" {
		return nil, errUnauthorized(msg)
	}
	// token_max_uses is read live, so a test can cut a token off in the
	// middle of a run. Once refused, the token stays revoked even if the
	// limit is raised again, as a token revoked early on a real server would.
	if limit := a.St.settings.TokenMaxUses; limit > 0 && t.Uses >= limit {
		t.Revoked = true
		return nil, errUnauthorized("The access token has been revoked: it reached token_max_uses.")
	}
	t.Uses++
	return c, nil
}
