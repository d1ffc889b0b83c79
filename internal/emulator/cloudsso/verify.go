package cloudsso

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// knownActions are the operations the emulator answers.
var knownActions = []string{
	ActionCreateDirectory, ActionGetDirectory, ActionListDirectories, ActionDeleteDirectory,
	ActionGetMFAAuthenticationStatus, ActionSetMFAAuthenticationStatus,
}

// Required parameters of each signature, in the order a missing one is
// reported.
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
//  2. MissingParameter (400): a common parameter or header is absent or
//     empty;
//  3. IncompleteSignature (400): an unsupported SignatureMethod,
//     SignatureVersion or algorithm, a malformed Authorization header, or
//     signed headers lacking host or an x-acs- header;
//  4. InvalidAccessKeyId.NotFound (404);
//  5. InvalidTimeStamp.Format / InvalidTimeStamp.Expired (400): more than
//     15 minutes from the emulator clock, either way;
//  6. SignatureDoesNotMatch (400), with the server's string to sign;
//  7. SignatureNonceUsed (400): the nonce is recorded only here, after a
//     good signature, so a bad request never burns one;
//  8. InvalidSecurityToken.* (400) for STS keys.
//
// The quota and the action's own checks follow in the handler. The caller
// holds a.Mu.
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
	c, e := a.lookupKey(req.param("AccessKeyId"))
	if e != nil {
		return nil, e
	}
	if e := checkTimestamp(req.param("Timestamp"), now); e != nil {
		return nil, e
	}
	if sts, ok := checkV1(req.method, req.params, c.secret); !ok {
		return nil, errSignature(sts)
	}
	if e := a.afterSignature(c, req.param("SignatureNonce"), req.param("SecurityToken"), now); e != nil {
		return nil, e
	}
	return c, nil
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
	c, e := a.lookupKey(auth.credential)
	if e != nil {
		return nil, e
	}
	if e := checkTimestamp(req.header.Get("x-acs-date"), now); e != nil {
		return nil, e
	}
	if sts, ok := checkV3(req, auth, c.secret); !ok {
		return nil, errSignature(sts)
	}
	if e := a.afterSignature(c, req.header.Get("x-acs-signature-nonce"), req.header.Get("x-acs-security-token"), now); e != nil {
		return nil, e
	}
	return c, nil
}

// afterSignature runs the checks that need a verified signature: the
// nonce, then the security token.
func (a *API) afterSignature(c *credential, nonce, token string, now time.Time) *apiError {
	if !a.St.nonces.use(c.id, nonce, now) {
		return errBadRequest(codeSignatureNonceUsed, "Specified signature nonce was used already.")
	}
	return checkSecurityToken(c, token, now)
}

// checkTimestamp accepts yyyy-MM-ddTHH:mm:ssZ within 15 minutes of now,
// the boundary included. Inferred: a malformed value is
// InvalidTimeStamp.Format.
func checkTimestamp(v string, now time.Time) *apiError {
	t, err := time.Parse(timeLayout, v)
	// time.Parse takes a fractional second the layout lacks; the length
	// check keeps to the documented form.
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
