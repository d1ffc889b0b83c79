package cloudsso

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

var knownActions = []string{
	ActionCreateDirectory, ActionGetDirectory, ActionListDirectories, ActionDeleteDirectory,
	ActionGetMFAAuthenticationStatus, ActionSetMFAAuthenticationStatus,
	ActionGetPasswordPolicy, ActionSetPasswordPolicy,
}

// Required parameters of each signature, in the order a missing one is reported.
var (
	v1Required = []string{
		"Action", "Version", "AccessKeyId", "SignatureMethod", "SignatureVersion",
		"SignatureNonce", "Timestamp", "Signature",
	}
	v3Required = []string{
		"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256",
	}
)

// verify authenticates a request and returns its access key. It runs the
// checks in the order of B.4.3, inferred there:
//
//  1. InvalidAction.NotFound (404): an Action or Version the API lacks;
//  2. MissingParameter (400): a common parameter or header is absent or empty;
//  3. IncompleteSignature (400): an unsupported method, version or algorithm,
//     a malformed Authorization, or signed headers lacking host or an x-acs- one;
//  4. InvalidAccessKeyId.NotFound (404);
//  5. InvalidTimeStamp.Format / .Expired (400): over 15 minutes either way;
//  6. SignatureDoesNotMatch (400), with the server's string to sign;
//  7. SignatureNonceUsed (400): recorded only after a good signature, so a
//     bad request never burns one;
//  8. InvalidSecurityToken.* (400) for STS keys.
func (a *API) verify(req *request, now time.Time) (*credential, *apiError) {
	if act := req.action(); act != "" && !slices.Contains(knownActions, act) {
		return nil, errInvalidAction()
	}
	if v := req.version(); v != "" && v != APIVersion {
		return nil, errInvalidAction()
	}
	if req.v3 {
		return a.verifyV3(req, now)
	}
	return a.verifyV1(req, now)
}

func (a *API) verifyV1(req *request, now time.Time) (*credential, *apiError) {
	for _, name := range v1Required {
		if req.param(name) == "" {
			return nil, errMissing(name)
		}
	}
	if m := req.param("SignatureMethod"); m != v1Method {
		return nil, errIncomplete(fmt.Sprintf("SignatureMethod %q is not supported; use %s.", m, v1Method))
	}
	if v := req.param("SignatureVersion"); v != v1Version {
		return nil, errIncomplete(fmt.Sprintf("SignatureVersion %q is not supported; use %s.", v, v1Version))
	}
	return a.checkKey(req.param("AccessKeyId"), req.param("Timestamp"), req.param("SignatureNonce"), req.param("SecurityToken"), now,
		func(secret string) (string, bool) { return checkV1(req.method, req.params, secret) })
}

func (a *API) verifyV3(req *request, now time.Time) (*credential, *apiError) {
	for _, name := range v3Required {
		if req.header.Get(name) == "" {
			return nil, errMissing(name)
		}
	}
	auth, e := parseV3Authorization(req.header.Get("Authorization"))
	if e == nil {
		e = checkSignedHeaders(req, auth.signedHeaders)
	}
	if e != nil {
		return nil, e
	}
	h := req.header
	return a.checkKey(auth.credential, h.Get("x-acs-date"), h.Get("x-acs-signature-nonce"), h.Get("x-acs-security-token"), now,
		func(secret string) (string, bool) { return checkV3(req, auth, secret) })
}

// checkKey runs steps 4 to 8 of verify for either signature; sign returns the
// server's string to sign and whether the request's signature matches it.
func (a *API) checkKey(keyID, timestamp, nonce, token string, now time.Time, sign func(secret string) (string, bool)) (*credential, *apiError) {
	c, e := a.lookupKey(keyID)
	if e == nil {
		e = checkTimestamp(timestamp, now)
	}
	if e == nil {
		if sts, ok := sign(c.secret); !ok {
			e = errSignature(sts)
		}
	}
	if e == nil && !a.St.nonces.use(c.id, nonce, now) {
		e = errBadRequest(codeSignatureNonceUsed, "Specified signature nonce was used already.")
	}
	if e == nil {
		e = checkSecurityToken(c, token, now)
	}
	if e != nil {
		return nil, e
	}
	return c, nil
}

// checkTimestamp includes the 15-minute boundary. Inferred: a malformed
// value is InvalidTimeStamp.Format.
func checkTimestamp(v string, now time.Time) *apiError {
	t, err := time.Parse(timeLayout, v)
	// The length check refuses the fractional second time.Parse takes.
	if err != nil || len(v) != len(timeLayout) {
		return errBadRequest(codeTimestampFormat, "Specified time stamp or date value is not well formatted.")
	}
	if d := now.Sub(t); d > skew || d < -skew {
		return errBadRequest(codeTimestampExpired, "Specified time stamp or date value is expired.")
	}
	return nil
}

func errSignature(stringToSign string) *apiError {
	return &apiError{
		status: http.StatusBadRequest, code: codeSignatureDoesNotMatch,
		message: "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign,
	}
}
