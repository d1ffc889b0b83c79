package cloudsso

import (
	"errors"
	"maps"
	"mime"
	"net/http"
	"net/url"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emuhttp"
)

const formContentType = "application/x-www-form-urlencoded"

type request struct {
	method string
	host   string // as received, port included: V3 signs it (B.4.2)
	header http.Header
	query  url.Values // V3 signs only these
	params url.Values // query and form body: V1 signs them (B.4.1)
	body   []byte
	v3     bool // an Authorization header marks V3
}

// readRequest. Inferred: a malformed query or body is InvalidParameter.
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
	req.params = maps.Clone(req.query)
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

func (r *request) param(name string) string { return r.params.Get(name) }

// action and version are headers in V3, not parameters (B.4.2).
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
