package provider

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// checkEndpoint accepts an https URL anywhere, and plain http only on a loopback address:
// credentials must never cross a network unencrypted, but the emulator and local proxies
// listen on loopback without TLS.
func checkEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%q is not an absolute http(s) URL such as https://identity.api.rackspacecloud.com", raw)
	}
	if u.User != nil {
		return fmt.Errorf("the URL must not carry credentials; use the provider's credential attributes")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q must not have a query or a fragment", raw)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Errorf("plain http is accepted only for loopback addresses (localhost, 127.0.0.0/8, ::1); use https for %s", u.Host)
	}
	return nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
