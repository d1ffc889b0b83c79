package httpx

import (
	"fmt"
	"net/url"
	"strings"
)

// BaseURL checks an endpoint given as an http or https URL and returns it
// as the base that request paths are appended to: without a trailing slash
// and without apiSuffix (e.g. "/v2.0"), since vendor documentation spells
// endpoints both with and without it. A path before the suffix is kept, for
// a proxy that serves the API below one. Errors begin with pkg.
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

// HostURL checks an endpoint given as an http or https URL that must be no
// more than a scheme and a host[:port], for an API whose requests all go to
// the root: a path there would be silently dropped. Errors begin with pkg.
func HostURL(pkg, raw string) (*url.URL, error) {
	return parseEndpoint(pkg, raw, false)
}

// parseEndpoint refuses what a client must not send to or quote: anything
// but http(s), no host, or credentials in the URL, which would end up in
// net/http's error messages (and, behind a signing SDK, in the signed host
// header). Refused URLs are quoted without their password.
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
