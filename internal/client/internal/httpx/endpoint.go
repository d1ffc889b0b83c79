package httpx

import (
	"fmt"
	"net/url"
	"strings"
)

// BaseURL checks an http(s) endpoint and returns it without a trailing
// slash or apiSuffix (e.g. "/v2.0"): vendor documentation spells endpoints
// both ways. A path before the suffix is kept, for a proxy.
func BaseURL(pkg, raw, apiSuffix string) (string, error) {
	u, err := parseEndpoint(pkg, raw, true)
	if err != nil {
		return "", err
	}
	path := strings.TrimRight(u.Path, "/")
	path = strings.TrimSuffix(path, apiSuffix)
	u.Path = strings.TrimRight(path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// HostURL checks an http(s) endpoint of an API whose requests all go to
// the root, where a path would be silently dropped.
func HostURL(pkg, raw string) (*url.URL, error) {
	return parseEndpoint(pkg, raw, false)
}

// parseEndpoint refuses credentials in the URL, which would end up in
// net/http's error messages (and a signed host header), and quotes refused
// URLs without their password.
func parseEndpoint(pkg, raw string, pathAllowed bool) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: invalid endpoint: %v", pkg, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%s: endpoint %q must be an http or https URL", pkg, u.Redacted())
	case u.Host == "":
		return nil, fmt.Errorf("%s: endpoint %q has no host", pkg, u.Redacted())
	case u.User != nil:
		return nil, fmt.Errorf("%s: endpoint %q must not contain credentials", pkg, u.Redacted())
	case !pathAllowed && (strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != ""):
		return nil, fmt.Errorf("%s: endpoint %q must not have a path, query or fragment", pkg, u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("%s: endpoint %q must not have a query or fragment", pkg, u.Redacted())
	}
	return u, nil
}
