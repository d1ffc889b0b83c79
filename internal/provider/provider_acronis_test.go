package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResolveAcronis(t *testing.T) {
	const id = "44444444-4444-4444-8444-444444444444"
	cases := []struct {
		name    string
		block   *acronisBlockModel
		env     map[string]string
		wantNil bool
		want    string // endpoint, client id and secret joined by spaces
		wantErr string
	}{
		{name: "no block and no environment: service unused", wantNil: true},
		{
			name: "environment alone",
			env:  map[string]string{envAcronisEndpoint: "https://eu2-cloud.acronis.com/api/2/", envAcronisClientID: id, envAcronisClientSecret: "s"},
			// The client accepts the URL with /api/2 (acronis TestEndpointSpellings).
			want: "https://eu2-cloud.acronis.com/api/2/ " + id + " s",
		},
		{
			name:  "block wins over environment",
			block: &acronisBlockModel{Endpoint: types.StringValue("http://127.0.0.1:1"), ClientSecret: types.StringValue("block")},
			env:   map[string]string{envAcronisEndpoint: "https://other", envAcronisClientID: id, envAcronisClientSecret: "env"},
			want:  "http://127.0.0.1:1 " + id + " block",
		},
		{
			name:    "client id from the environment not a UUID",
			env:     map[string]string{envAcronisEndpoint: "https://eu2-cloud.acronis.com", envAcronisClientID: "demo", envAcronisClientSecret: "s"},
			wantErr: "ACRONIS_CLIENT_ID must be the API client's UUID in lowercase.",
		},
		{
			name:    "plain http endpoint from the environment",
			env:     map[string]string{envAcronisEndpoint: "http://eu2-cloud.acronis.com", envAcronisClientID: id, envAcronisClientSecret: "s"},
			wantErr: "plain http is accepted only for loopback addresses",
		},
		{
			// resolveBlock's unknown-value check, shared by every block.
			name:    "unknown secret",
			block:   &acronisBlockModel{Endpoint: types.StringValue("https://x"), ClientID: types.StringValue(id), ClientSecret: types.StringUnknown()},
			wantErr: "acronis.client_secret depends on a value that is not known until apply",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags := resolveAcronis(tc.block, env(tc.env))
			if got := resolved(t, cfg, diags, tc.wantErr, tc.wantNil); got != nil {
				if s := got.Endpoint + " " + got.ClientID + " " + got.ClientSecret; s != tc.want {
					t.Errorf("got %q, want %q", s, tc.want)
				}
			}
		})
	}
}
