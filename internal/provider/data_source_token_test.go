package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// expiresIn24h checks an RFC 3339 expiry about a day from now, as Identity issues tokens.
var expiresIn24h = knownvalue.StringFunc(func(v string) error {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return err
	}
	if d := time.Until(t); d < 23*time.Hour || d > 25*time.Hour {
		return fmt.Errorf("expires %s is %s from now, want about 24h", v, d)
	}
	return nil
})

func TestAccTokenDataSource_passwordAndTOTP(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf(`
    username    = %q
    password    = %q
    totp_secret = %q`, demoAdmin, demoAdminPassword, demoAdminTOTP)) + `
data "authpolicy_token" "test" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("user_name"), knownvalue.StringExact(demoAdmin)),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("domain_id"), knownvalue.StringExact(demoDomain)),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("tenant_id"), knownvalue.StringExact(demoDomain)),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("default_region"), knownvalue.StringExact("DFW")),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("authenticated_by"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("OTPPASSCODE"), knownvalue.StringExact("PASSWORD")})),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("roles"),
					knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("identity:user-admin"),
					})})),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("service_catalog"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S{16,}$`))),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("expires"), expiresIn24h),
				statecheck.ExpectSensitiveValue("data.authpolicy_token.test", tfjsonpath.New("id")),
			},
		}},
	})

	// Every login went through the challenge: one 401 with the session per passcode answer.
	challenges, answers := e.count("POST /v2.0/tokens", 401), e.count("POST /v2.0/tokens", 200)
	if challenges == 0 || challenges != answers {
		t.Errorf("want one MFA challenge per successful login, got %d challenges and %d successes", challenges, answers)
	}
}

func TestAccTokenDataSource_apiKey(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf(`
    username = %q
    api_key  = %q`, demoAdmin, demoAdminAPIKey)) + `
data "authpolicy_token" "test" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("user_name"), knownvalue.StringExact(demoAdmin)),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("authenticated_by"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("APIKEY")})),
			},
		}},
	})

	// An MFA user logging in with an API key is never challenged.
	if n := e.count("POST /v2.0/tokens", 401); n != 0 {
		t.Errorf("API-key logins got %d challenges, want 0", n)
	}
}

func TestAccTokenDataSource_existingToken(t *testing.T) {
	e := newTestEmulator(t)
	token := e.login(t, demoAdmin, demoAdminAPIKey)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf(`
    token = %q`, token)) + `
data "authpolicy_token" "test" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("id"), knownvalue.StringExact(token)),
				statecheck.ExpectKnownValue("data.authpolicy_token.test", tfjsonpath.New("user_name"), knownvalue.StringExact(demoAdmin)),
			},
		}},
	})
}

func TestAccTokenDataSource_otherUser(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf(`
    username = %q
    api_key  = %q`, demoAdmin, demoAdminAPIKey)) + fmt.Sprintf(`
data "authpolicy_token" "provider" {}

data "authpolicy_token" "other" {
  username  = %q
  password  = %q
  tenant_id = %q
}
`, demoUser, demoUserPassword, demoDomain),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.authpolicy_token.provider", tfjsonpath.New("user_name"), knownvalue.StringExact(demoAdmin)),
				statecheck.ExpectKnownValue("data.authpolicy_token.other", tfjsonpath.New("user_name"), knownvalue.StringExact(demoUser)),
				statecheck.ExpectKnownValue("data.authpolicy_token.other", tfjsonpath.New("tenant_id"), knownvalue.StringExact(demoDomain)),
				statecheck.ExpectKnownValue("data.authpolicy_token.other", tfjsonpath.New("authenticated_by"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("PASSWORD")})),
			},
		}},
	})
}

// Data sources without credentials of their own reuse the provider's one login, also when
// they ask for the tenant that login is already scoped to: a configuration with four of them
// logs in exactly as often as one with a single data source (once per provider process).
func TestAccTokenDataSource_sharesProviderLogin(t *testing.T) {
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	logins := func(sources string) int {
		var n int
		t.Run(fmt.Sprintf("%d data sources", strings.Count(sources, "data ")), func(t *testing.T) {
			e := newTestEmulator(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: e.rackspaceConfig(fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, demoAdminAPIKey)) + sources,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.authpolicy_token.a", tfjsonpath.New("user_name"), knownvalue.StringExact(demoAdmin)),
					},
				}},
			})
			n = e.count("POST /v2.0/tokens", 0)
		})
		return n
	}
	one := logins(`data "authpolicy_token" "a" {}`)
	four := logins(fmt.Sprintf(`
data "authpolicy_token" "a" {}
data "authpolicy_token" "b" {}
data "authpolicy_token" "c" {}
data "authpolicy_token" "d" { tenant_id = %q }
`, demoDomain))
	if one == 0 || four != one {
		t.Errorf("one data source made %d login requests, four made %d: want the same, non-zero", one, four)
	}
}

// Each documented login failure becomes its own diagnostic, with what to do about it.
func TestAccTokenDataSource_loginFailures(t *testing.T) {
	cases := []struct {
		name  string
		attrs string
		setup func(t *testing.T, e *testEmulator)
		want  *regexp.Regexp
	}{
		{
			name:  "wrong passcode",
			attrs: fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", demoAdmin, demoAdminPassword, demoManagerTOTP),
			want: diagPattern("Multi-Factor Passcode Rejected", "HTTP 401", "Can not authenticate with credentials provided",
				"Check that totp_secret belongs to the user's enabled authenticator device"),
		},
		{
			name:  "missing TOTP secret",
			attrs: fmt.Sprintf("username = %q\npassword = %q", demoAdmin, demoAdminPassword),
			want: diagPattern("Multi-Factor Passcode Required", "OTPPASSCODE",
				"neither totp_secret nor passcode is configured"),
		},
		{
			name:  "locked account",
			attrs: fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q", demoAdmin, demoAdminPassword, demoAdminTOTP),
			setup: func(t *testing.T, e *testEmulator) {
				must(t)(e.srv.Identity().UpdateUser(demoAdmin, emuidentity.UserPatch{Locked: ptr(true)}))
			},
			want: diagPattern("Rackspace Account Locked", "The account has been locked due to excessive invalid attempts",
				"An administrator of the account can unlock it"),
		},
		{
			name:  "user must set up MFA",
			attrs: fmt.Sprintf("username = %q\npassword = %q", demoNoMFA, demoNoMFAPassword),
			want: diagPattern("Multi-Factor Authentication Setup Required", "HTTP 403", "User must setup multi-factor",
				"Add an authenticator-app device"),
		},
		{
			name:  "disabled user",
			attrs: fmt.Sprintf("username = %q\npassword = %q", demoDisabled, demoDisabledPass),
			want:  diagPattern("Rackspace User Disabled", "HTTP 403", "User 'demo-disabled' is disabled.", "Ask the account's user-admin"),
		},
		{
			name:  "wrong password",
			attrs: fmt.Sprintf("username = %q\npassword = %q", demoUser, "not-the-password"),
			want: diagPattern("Rackspace Password Rejected", "HTTP 401",
				"Error code: 'AUTH-004'; Unable to authenticate user with credentials provided."),
		},
		{
			name:  "wrong API key",
			attrs: fmt.Sprintf("username = %q\napi_key = %q", demoAdmin, "ffffffffffffffffffffffffffffffff"),
			want:  diagPattern("Rackspace API Key Rejected", "HTTP 401", "Error code: 'AUTH-008'; Username or api key is invalid."),
		},
		{
			name:  "revoked token",
			attrs: `token = "no-such-token"`,
			want:  diagPattern("Rackspace Token Rejected", "HTTP 401", "Tokens can't be renewed"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEmulator(t)
			if tc.setup != nil {
				tc.setup(t, e)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.rackspaceConfig(tc.attrs) + `data "authpolicy_token" "test" {}`,
					ExpectError: tc.want,
				}},
			})
		})
	}
}

// A wrong passcode is sent once per Terraform command, however many objects need the login:
// retrying it would lock the account after three.
func TestAccTokenDataSource_wrongPasscodeSentOnce(t *testing.T) {
	e := newTestEmulator(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf("username = %q\npassword = %q\ntotp_secret = %q",
				demoAdmin, demoAdminPassword, demoManagerTOTP)) + `
data "authpolicy_token" "a" {}
data "authpolicy_token" "b" {}
data "authpolicy_token" "c" {}
`,
			ExpectError: diagPattern("Multi-Factor Passcode Rejected"),
		}},
	})
	user, _ := e.srv.Identity().User(demoAdmin)
	if user.Locked || user.FailedPasscodes != 1 {
		t.Errorf("after one plan: locked=%v failed_passcodes=%d, want unlocked with 1 failure", user.Locked, user.FailedPasscodes)
	}
}

func TestAccTokenDataSource_noRackspaceBlock(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config:      `data "authpolicy_token" "test" {}`,
			ExpectError: diagPattern("Rackspace Identity Not Configured", "Add a rackspace block"),
		}},
	})
}

// A passcode override without a password fails at plan time, with no API call. The other
// invalid combinations of the rackspace block and of this data source are cases of the
// invalid-config corpus (testdata/invalid).
func TestAccTokenDataSource_invalidConfig(t *testing.T) {
	testPlanRejections(t, []planRejection{{
		name: "override passcode without password",
		config: func(e *testEmulator) string {
			return e.rackspaceConfig(`username = "u"`+"\n"+`api_key = "k"`) +
				"data \"authpolicy_token\" \"test\" {\n  passcode = \"123456\"\n}\n"
		},
		want: diagPattern("Invalid Attribute Combination", `Attribute "password" must be specified when "passcode" is specified`),
	}})
}

// plugin-testing can't assert warnings, so ValidateConfig is called as the framework would.
// Each credential argument set on the data source warns on its own attribute; a config that
// reuses the provider's login warns of nothing.
func TestTokenDataSource_credentialWarning(t *testing.T) {
	ctx := context.Background()
	var schemaResp datasource.SchemaResponse
	d := &tokenDataSource{}
	d.Schema(ctx, datasource.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema's type is not an object")
	}
	config := func(set map[string]string) tfsdk.Config {
		values := map[string]tftypes.Value{}
		for name, typ := range objType.AttributeTypes {
			values[name] = tftypes.NewValue(typ, nil)
			if v, ok := set[name]; ok {
				values[name] = tftypes.NewValue(typ, v)
			}
		}
		return tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, values)}
	}
	const detail = " is saved in the Terraform state in plain text, with the token this data source returns. " +
		"Use the authpolicy_token ephemeral resource (Terraform 1.10 or later), which keeps both out of state, " +
		"or leave out the credential arguments to reuse the provider's own login."
	cases := []struct {
		name string
		set  map[string]string
		want []string // "attribute: summary: detail"
	}{
		{name: "provider's login", set: map[string]string{"tenant_id": "123456"}},
		{name: "password and TOTP secret", set: map[string]string{"username": "jqsmith", "password": "p", "totp_secret": "JBSWY3DPEHPK3PXP"},
			want: []string{"password: Credential Stored In State: password" + detail,
				"totp_secret: Credential Stored In State: totp_secret" + detail}},
		{name: "API key", set: map[string]string{"username": "jqsmith", "api_key": "k"},
			want: []string{"api_key: Credential Stored In State: api_key" + detail}},
		{name: "passcode", set: map[string]string{"username": "jqsmith", "password": "p", "passcode": "123456"},
			want: []string{"password: Credential Stored In State: password" + detail,
				"passcode: Credential Stored In State: passcode" + detail}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var resp datasource.ValidateConfigResponse
			d.ValidateConfig(ctx, datasource.ValidateConfigRequest{Config: config(tc.set)}, &resp)
			var got []string
			for _, dg := range resp.Diagnostics {
				if dg.Severity() != diag.SeverityWarning {
					t.Errorf("unexpected %s: %s: %s", dg.Severity(), dg.Summary(), dg.Detail())
					continue
				}
				at := ""
				if wp, ok := dg.(diag.DiagnosticWithPath); ok {
					at = wp.Path().String()
				}
				got = append(got, at+": "+dg.Summary()+": "+dg.Detail())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
