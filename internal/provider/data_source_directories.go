package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/client/cloudsso"
)

var _ datasource.DataSourceWithConfigure = &directoriesDataSource{}

// NewDirectoriesDataSource returns the authpolicy_directories data source.
func NewDirectoriesDataSource() datasource.DataSource {
	return &directoriesDataSource{}
}

type directoriesDataSource struct {
	data *providerData
}

type directoriesModel struct {
	Directories []directoryModel `tfsdk:"directories"`
}

type directoryModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	Region     types.String `tfsdk:"region"`
	MFAStatus  types.String `tfsdk:"mfa_status"`
	CreateTime types.String `tfsdk:"create_time"`
	UpdateTime types.String `tfsdk:"update_time"`
}

func (d *directoriesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_directories"
}

func (d *directoriesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every Alibaba Cloud CloudSSO directory of the account the provider's AccessKey " +
			"belongs to, each with its MFA status: one `ListDirectories` request, then one " +
			"`GetMFAAuthenticationStatus` request per directory.",
		Attributes: map[string]schema.Attribute{
			"directories": schema.ListNestedAttribute{
				MarkdownDescription: "The directories, sorted by ID.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id": schema.StringAttribute{
						MarkdownDescription: "Directory ID, such as `d-00fc2p61abcd`: the `directory_id` of " +
							"`authpolicy_directory_mfa_status`.",
						Computed: true,
					},
					"name": schema.StringAttribute{MarkdownDescription: "Directory name.", Computed: true},
					"region": schema.StringAttribute{
						MarkdownDescription: "Region the directory lives in, such as `" + cloudsso.DefaultRegion + "`.",
						Computed:            true,
					},
					"mfa_status": schema.StringAttribute{
						MarkdownDescription: "`" + cloudsso.MFAEnabled + "` when the directory's users must use MFA, else `" +
							cloudsso.MFADisabled + "` (`GetMFAAuthenticationStatus`).",
						Computed: true,
					},
					"create_time": schema.StringAttribute{
						MarkdownDescription: "When the directory was created, in UTC (RFC 3339), as CloudSSO gives it.",
						Computed:            true,
					},
					"update_time": schema.StringAttribute{
						MarkdownDescription: "When the directory was last changed, in UTC (RFC 3339), as CloudSSO gives it.",
						Computed:            true,
					},
				}},
			},
		},
	}
}

func (d *directoriesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *directoriesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client, ok := cloudSSOClient(d.data, &resp.Diagnostics)
	if !ok {
		return
	}
	dirs, diags := readDirectories(ctx, client)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &directoriesModel{Directories: dirs})...)
}

// directoryReader is what readDirectories needs of *cloudsso.Client.
type directoryReader interface {
	ListDirectories(ctx context.Context) ([]cloudsso.Directory, error)
	GetMFAAuthenticationStatus(ctx context.Context, directoryID string) (bool, error)
}

// readDirectories lists the directories and reads each one's MFA status, one request after the
// other: an account has few directories (CloudSSO allows one per account). It returns every
// directory or, on the first failure that the client's retries could not overcome, none.
func readDirectories(ctx context.Context, c directoryReader) ([]directoryModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	listed, err := c.ListDirectories(ctx)
	if err != nil {
		diags.Append(apiErrorDiag("Listing the CloudSSO directories", err, listDirectoriesAdvice))
		return nil, diags
	}
	dirs := make([]directoryModel, 0, len(listed))
	for i, dir := range listed {
		enabled, err := c.GetMFAAuthenticationStatus(ctx, dir.ID)
		if err != nil {
			op := fmt.Sprintf("Reading the MFA status of directory %s (%d of %d listed)", dir.ID, i+1, len(listed))
			diags.Append(apiErrorDiag(op, err, directoryStatusAdvice))
			return nil, diags
		}
		dirs = append(dirs, directoryModel{
			ID:         types.StringValue(dir.ID),
			Name:       types.StringValue(dir.Name),
			Region:     types.StringValue(dir.Region),
			MFAStatus:  types.StringValue(cloudsso.MFAStatus(enabled)),
			CreateTime: types.StringValue(dir.CreateTime),
			UpdateTime: types.StringValue(dir.UpdateTime),
		})
	}
	return dirs, diags
}

var (
	listDirectoriesAdvice = map[kind]advice{
		cloudsso.KindForbidden: {text: "The RAM identity of the AccessKey needs " + cloudsso.RAMActionListDirectories +
			", and " + cloudsso.RAMActionGetMFAAuthenticationStatus + " on each directory, to use authpolicy_directories."},
	}
	directoryStatusAdvice = map[kind]advice{
		cloudsso.KindForbidden: {text: "The RAM identity of the AccessKey may list the directories but lacks " +
			cloudsso.RAMActionGetMFAAuthenticationStatus + " on this one. authpolicy_directories reports the MFA " +
			"status of every directory it lists, so it needs that action on each of them."},
		cloudsso.KindNotFound: {summary: "CloudSSO Directory Gone", text: "ListDirectories listed this directory, but " +
			"it no longer exists: it was probably deleted meanwhile. Run the command again."},
	}
)
