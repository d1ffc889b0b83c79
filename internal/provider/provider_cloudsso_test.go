package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	acctest "github.com/hashicorp/terraform-plugin-testing/helper/resource"
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
			name:  "any region with an endpoint override",
			block: &cloudSSOBlockModel{Region: str("cn-beijing"), Endpoint: str("https://proxy.example.com"), AccessKeyID: str("ak"), AccessKeySecret: str("sk")},
			want:  "cn-beijing https://proxy.example.com ak token=false 95",
		},
		{
			name:    "DEBUG=tea without CloudSSO: service unused",
			env:     map[string]string{"DEBUG": "tea"},
			wantNil: true,
		},
		{
			name:    "DEBUG=tea with CloudSSO",
			env:     map[string]string{envCloudSSOAccessKeyID: "ak", envCloudSSOAccessKeySecret: "sk", "DEBUG": "express,tea"},
			wantErr: "DEBUG Would Leak CloudSSO Secrets: The cloudsso block can't be used: DEBUG=express,tea makes",
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

// With DEBUG=tea, the SDK under the CloudSSO client would print signed headers: a configuration
// that uses CloudSSO fails on its cloudsso block, and one that does not is unaffected. The rule
// itself is cloudsso TestCheckDebugEnv's; TestResolveCloudSSO covers the environment.
func TestAccCloudSSO_leakyDebugEnv(t *testing.T) {
	// Not parallel: the provider serves from this process and reads its environment.
	t.Setenv("DEBUG", "tea")
	e := newTestEmulator(t)
	acctest.Test(t, acctest.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []acctest.TestStep{
			{
				Config: e.cloudSSOConfig(cloudSSOSecret) + directoryMFAConfig(cloudSSODirectory, false),
				ExpectError: diagPattern("DEBUG Would Leak CloudSSO Secrets", "The cloudsso block can't be used: "+
					"DEBUG=tea makes Alibaba Cloud's SDK print every request header", "Unset DEBUG (or remove tea from it)"),
			},
			{Config: e.acronisConfig(acronisClientSecret) + tenantMFAConfig(acronisCustomer, true)},
		},
	})
}
