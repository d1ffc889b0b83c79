package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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

// endpointValidator applies checkEndpoint at validate and plan time.
type endpointValidator struct{}

var _ validator.String = endpointValidator{}

func (endpointValidator) Description(_ context.Context) string {
	return "must be an https URL, or an http URL on a loopback address"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := checkEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Endpoint", fmt.Sprintf("%s: %s.", req.Path, err))
	}
}
