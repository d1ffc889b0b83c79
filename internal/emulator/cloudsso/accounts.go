package cloudsso

import (
	"crypto/subtle"
	"net/http"
	"time"
)

func (a *API) lookupKey(id string) (*credential, *apiError) {
	c := a.St.credentials[id]
	if c == nil {
		return nil, &apiError{status: http.StatusNotFound, code: codeInvalidAccessKeyID, message: "Specified access key is not found."}
	}
	return c, nil
}

// checkSecurityToken: an STS key needs its own unexpired token. Inferred:
// codes and texts (B.3 names none), and refusing a token sent with a
// permanent key, which it cannot belong to.
func checkSecurityToken(c *credential, token string, now time.Time) *apiError {
	switch {
	case !c.sts && token != "":
		return errBadRequest(codeSecurityTokenMalformed, "Specified SecurityToken is malformed or expired: the access key is not an STS access key.")
	case !c.sts:
		return nil
	case token == "":
		return errBadRequest(codeSecurityTokenMalformed, "Specified SecurityToken is malformed or expired: an STS access key needs its SecurityToken.")
	case subtle.ConstantTimeCompare([]byte(token), []byte(c.token)) != 1:
		return errBadRequest(codeSecurityTokenMalformed, "Specified SecurityToken is malformed or expired.")
	case !c.expires.IsZero() && !now.Before(c.expires):
		return errBadRequest(codeSecurityTokenExpired, "Specified SecurityToken is expired.")
	}
	return nil
}
