package cloudsso

import (
	"errors"
	"mime"
	"net/http"
	"net/url"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const formContentType = "application/x-www-form-urlencoded"

// request is what verification and the actions need from an HTTP request,
// read once.
type request struct {
	method string
	// host is the Host header exactly as received, port included: V3 signs
	// it verbatim (B.4.2).
	host   string
	header http.Header
	// query holds the decoded query parameters; V3 signs only these.
	query url.Values
	// params is the query merged with a form body: V1 signs all of them
	// and the actions read them (B.4.1).
	params url.Values
	body   []byte
	// v3 is set when the request carries an Authorization header, the
	// mark of signature V3; otherwise it is a V1 request.
	v3 bool
}

// readRequest parses the query and, for a form content type, the body.
// Inferred: a malformed query or body is InvalidParameter; the notes name
// no code for it.
func readRequest(r *http.Request) (*request, *apiError) {
	req := &request{method: r.Method, host: r.Host, header: r.Header}
	_, req.v3 = r.Header["Authorization"]
	var err error
	if req.query, err = url.ParseQuery(r.URL.RawQuery); err != nil {
		return nil, errBadRequest(codeInvalidParameter, "The query string is malformed: "+err.Error())
	}
	req.body, err = emuhttp.ReadBody(r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errBadRequest(codeInvalidParameter, "The request body is larger than 1 MiB.")
		}
		return nil, errBadRequest(codeInvalidParameter, "The request body could not be read.")
	}
	req.params = url.Values{}
	for name, vs := range req.query {
		req.params[name] = vs
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == formContentType && len(req.body) > 0 {
		form, err := url.ParseQuery(string(req.body))
		if err != nil {
			return nil, errBadRequest(codeInvalidParameter, "The form body is malformed: "+err.Error())
		}
		// Inferred: a name in both places keeps its query value; the
		// clients never send one twice.
		for name, vs := range form {
			if _, dup := req.params[name]; !dup {
				req.params[name] = vs
			}
		}
	}
	return req, nil
}

// param returns a merged parameter's first value.
func (r *request) param(name string) string { return r.params.Get(name) }

// action and version name the operation: parameters in V1, headers in V3
// (B.4.2: Action and Version are not query parameters there).
func (r *request) action() string {
	if r.v3 {
		return r.header.Get("x-acs-action")
	}
	return r.param("Action")
}

func (r *request) version() string {
	if r.v3 {
		return r.header.Get("x-acs-version")
	}
	return r.param("Version")
}
