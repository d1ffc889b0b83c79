package provider

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/rackspace"
	"github.com/authpolicy/terraform-provider-authpolicy/internal/isoduration"
)

type domainSessionTimeoutModel struct {
	ID                       types.String              `tfsdk:"id"`
	DomainID                 types.String              `tfsdk:"domain_id"`
	SessionInactivityTimeout isoduration.DurationValue `tfsdk:"session_inactivity_timeout"`
}

// NewDomainSessionTimeoutResource returns the authpolicy_domain_session_timeout resource.
func NewDomainSessionTimeoutResource() resource.Resource {
	return newSettingsResource(domainSessionTimeoutSpec())
}

var (
	minSessionTimeout     = rackspace.FormatDuration(rackspace.MinSessionInactivityTimeout)
	maxSessionTimeout     = rackspace.FormatDuration(rackspace.MaxSessionInactivityTimeout)
	defaultSessionTimeout = rackspace.FormatDuration(rackspace.DefaultSessionInactivityTimeout)
)

// domainSessionTimeoutSpec is the resource's spec, which its data source shares.
func domainSessionTimeoutSpec() settingSpec[domainSessionTimeoutModel, *rackspace.Session] {
	return settingSpec[domainSessionTimeoutModel, *rackspace.Session]{
		name: "domain_session_timeout",
		description: "The session inactivity timeout of a Rackspace Cloud Identity domain: how long a Cloud Control " +
			"Panel session of the domain's users may stay idle before it ends.",
		parent: domainIDFormat,
		attributes: map[string]schema.Attribute{
			"session_inactivity_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long a session may stay idle, as an ISO-8601 duration with days, "+
					"hours, minutes and seconds only, from `%s` to `%s` (e.g. `PT30M`, `PT1H30M`, `PT8H`). Identity's "+
					"default is `%s`. Equal durations written differently (`PT90M` and `PT1H30M`) are the same value "+
					"and cause no change.", minSessionTimeout, maxSessionTimeout, defaultSessionTimeout),
				CustomType: isoduration.DurationType{},
				Required:   true,
				Validators: []validator.String{sessionTimeoutRange{}},
			},
		},
		client: identityClient,
		read: func(ctx context.Context, identity *rackspace.Session, m *domainSessionTimeoutModel) error {
			d, err := identity.GetDomain(ctx, m.DomainID.ValueString())
			if err != nil {
				return err
			}
			// Identity sends the default for a domain that never had one set.
			m.SessionInactivityTimeout = isoduration.NewDurationValue(cmp.Or(d.SessionInactivityTimeout, defaultSessionTimeout))
			return nil
		},
		// State keeps the planned spelling; Identity stores the canonical form the client sends,
		// which semantic equality matches.
		write: func(ctx context.Context, identity *rackspace.Session, m *domainSessionTimeoutModel) error {
			d, err := sessionTimeout(m.SessionInactivityTimeout.ValueString())
			if err != nil {
				return err
			}
			_, err = identity.SetSessionInactivityTimeout(ctx, m.DomainID.ValueString(), d)
			return err
		},
		reset: func(ctx context.Context, identity *rackspace.Session, m *domainSessionTimeoutModel) error {
			m.SessionInactivityTimeout = isoduration.NewDurationValue(defaultSessionTimeout)
			_, err := identity.SetSessionInactivityTimeout(ctx, m.DomainID.ValueString(), rackspace.DefaultSessionInactivityTimeout)
			return err
		},
		subject: func(m *domainSessionTimeoutModel) string {
			return "the session inactivity timeout of domain " + m.DomainID.ValueString()
		},
		value:  func(m *domainSessionTimeoutModel) string { return m.SessionInactivityTimeout.ValueString() },
		advice: sessionTimeoutAdvice,
	}
}

// sessionTimeout reads a configuration value as a time.Duration and checks it against
// Identity's range.
func sessionTimeout(s string) (time.Duration, error) {
	parsed, err := isoduration.Parse(s)
	if err != nil {
		return 0, err
	}
	d, ok := parsed.Std()
	if !ok {
		// Longer than a time.Duration holds (292 years) is far out of range.
		d = time.Duration(math.MaxInt64)
	}
	return d, rackspace.CheckSessionInactivityTimeout(d)
}

// sessionTimeoutRange checks a known, well-formed duration against Identity's range, which the
// client owns; the duration type itself reports a malformed one.
type sessionTimeoutRange struct{}

func (sessionTimeoutRange) Description(context.Context) string {
	return fmt.Sprintf("must be from %s to %s", minSessionTimeout, maxSessionTimeout)
}

func (v sessionTimeoutRange) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sessionTimeoutRange) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if _, err := isoduration.Parse(s); err != nil {
		return
	}
	if _, err := sessionTimeout(s); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Session Inactivity Timeout Out Of Range",
			fmt.Sprintf("Attribute %s %q is out of range: %s, e.g. PT30M or PT8H (Identity's default is %s).",
				req.Path, s, err, defaultSessionTimeout))
	}
}

var sessionTimeoutAdvice = map[kind]advice{
	rackspace.KindForbidden: {text: "Changing a domain's session inactivity timeout needs the identity:user-admin or " +
		"identity:user-manage role in that domain (or a Rackspace identity:admin); identity:default users can't, and " +
		"no customer can change another account's domain. Identity gives customers the same 403 for a domain ID that " +
		"does not exist. Check domain_id, and log in as the domain's user-admin or a user-manager."},
	rackspace.KindNotFound: {summary: "Rackspace Domain Not Found", text: "Check domain_id: no domain has that ID."},
	rackspace.KindBadRequest: {text: fmt.Sprintf("Check session_inactivity_timeout: Identity takes %s to %s.",
		minSessionTimeout, maxSessionTimeout)},
}
