package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResolveCloudSSO(t *testing.T) {
	str := types.StringValue
	cases := []struct {
		name    string
		block   *cloudSSOBlockModel
		env     map[string]string
		wantNil bool
		want    string // region, endpoint, key ID, token presence and rate
		wantErr string
	}{
		{name: "no block and no environment: service unused", wantNil: true},
		{
			name: "environment alone, defaults",
			env:  map[string]string{envCloudSSOAccessKeyID: "ak", envCloudSSOAccessKeySecret: "sk"},
			want: "cn-shanghai  ak token=false 95",
		},
		{
			name:  "block over environment; rate set",
			block: &cloudSSOBlockModel{Region: str("us-west-1"), AccessKeyID: str("block-ak"), MaxRequestsPerSecond: types.Int64Value(20)},
			env:   map[string]string{envCloudSSORegion: "eu-central-1", envCloudSSOAccessKeyID: "env-ak", envCloudSSOAccessKeySecret: "sk"},
			want:  "us-west-1  block-ak token=false 20",
		},
		{
			name: "STS key with its token from the environment",
			env: map[string]string{envCloudSSOAccessKeyID: "STS.ak", envCloudSSOAccessKeySecret: "sk",
				envCloudSSOSecurityToken: "tok", envCloudSSOEndpoint: "http://127.0.0.1:8181"},
			want: "cn-shanghai http://127.0.0.1:8181 STS.ak token=true 95",
		},
		{
			name: "ambient token dropped for a permanent key",
			env:  map[string]string{envCloudSSOAccessKeyID: "ak", envCloudSSOAccessKeySecret: "sk", envCloudSSOSecurityToken: "tok"},
			want: "cn-shanghai  ak token=false 95",
		},
		{
			name:    "token in the block with a permanent key",
			block:   &cloudSSOBlockModel{AccessKeyID: str("ak"), AccessKeySecret: str("sk"), SecurityToken: str("tok")},
			wantErr: `security_token goes with a temporary AccessKey, whose ID starts with "STS."`,
		},
		{
			name:    "unsupported region from the environment",
			env:     map[string]string{envCloudSSOAccessKeyID: "ak", envCloudSSOAccessKeySecret: "sk", envCloudSSORegion: "cn-beijing"},
			wantErr: `CloudSSO has no endpoint in region "cn-beijing"`,
		},
		{
			name:  "any region with an endpoint override",
			block: &cloudSSOBlockModel{Region: str("cn-beijing"), Endpoint: str("https://proxy.example.com"), AccessKeyID: str("ak"), AccessKeySecret: str("sk")},
			want:  "cn-beijing https://proxy.example.com ak token=false 95",
		},
		{
			name:    "missing secret",
			env:     map[string]string{envCloudSSOAccessKeyID: "ak"},
			wantErr: "The cloudsso block needs access_key_secret",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags := resolveCloudSSO(tc.block, env(tc.env))
			if got := resolved(t, cfg, diags, tc.wantErr, tc.wantNil); got != nil {
				s := strings.Join([]string{got.Region, got.Endpoint, got.AccessKeyID,
					fmt.Sprintf("token=%t", got.SecurityToken != ""), fmt.Sprint(got.RequestsPerSecond)}, " ")
				if s != tc.want {
					t.Errorf("got %q, want %q", s, tc.want)
				}
			}
		})
	}
}
