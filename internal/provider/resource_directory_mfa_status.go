package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

// directoryIDFormat is the form CloudSSO gives directory IDs: d- and 12 lowercase letters or digits.
var directoryIDFormat = parentIDFormat{attr: "directory_id", pattern: regexp.MustCompile(`^d-[a-z0-9]{12}$`),
	description: "ID of the CloudSSO directory, such as `d-00fc2p61abcd`.",
	want:        "a CloudSSO directory ID: d- followed by 12 lowercase letters or digits, such as d-00fc2p61abcd"}

type directoryMFAStatusModel struct {
	ID          types.String `tfsdk:"id"`
	DirectoryID types.String `tfsdk:"directory_id"`
	Enabled     types.Bool   `tfsdk:"enabled"`
}

// NewDirectoryMFAStatusResource returns the authpolicy_directory_mfa_status resource.
func NewDirectoryMFAStatusResource() resource.Resource {
	return newSettingsResource(directoryMFAStatusSpec())
}

// directoryMFAStatusSpec is the resource's spec, which its list resource shares.
func directoryMFAStatusSpec() settingSpec[directoryMFAStatusModel, *cloudsso.Client] {
	return settingSpec[directoryMFAStatusModel, *cloudsso.Client]{
		name: "directory_mfa_status",
		description: "Whether the users of an Alibaba Cloud CloudSSO directory must use multi-factor " +
			"authentication (MFA) when they log in with a user name and password.",
		parent: directoryIDFormat,
		attributes: map[string]schema.Attribute{
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "`true` for MFA `" + cloudsso.MFAEnabled + "`, `false` for `" + cloudsso.MFADisabled + "`.",
				Required:            true,
			},
		},
		client: cloudSSOClient,
		read: func(ctx context.Context, client *cloudsso.Client, m *directoryMFAStatusModel) error {
			enabled, err := client.GetMFAAuthenticationStatus(ctx, m.DirectoryID.ValueString())
			m.Enabled = types.BoolValue(enabled)
			return err
		},
		write: func(ctx context.Context, client *cloudsso.Client, m *directoryMFAStatusModel) error {
			return client.SetMFAAuthenticationStatus(ctx, m.DirectoryID.ValueString(), m.Enabled.ValueBool())
		},
		// Enabled is the status of a new CloudSSO directory.
		reset: func(ctx context.Context, client *cloudsso.Client, m *directoryMFAStatusModel) error {
			m.Enabled = types.BoolValue(true)
			return client.SetMFAAuthenticationStatus(ctx, m.DirectoryID.ValueString(), true)
		},
		subject: func(m *directoryMFAStatusModel) string {
			return "the MFA status of directory " + m.DirectoryID.ValueString()
		},
		value:  func(m *directoryMFAStatusModel) string { return cloudsso.MFAStatus(m.Enabled.ValueBool()) },
		advice: directoryMFAAdvice,
	}
}

// directoryMFAAdvice adds what is specific to a directory's MFA status to CloudSSO's advice.
var directoryMFAAdvice = map[kind]advice{
	cloudsso.KindForbidden: {text: "The RAM identity of the AccessKey needs " + cloudsso.RAMActionGetMFAAuthenticationStatus +
		" and " + cloudsso.RAMActionSetMFAAuthenticationStatus + " on the directory."},
}
