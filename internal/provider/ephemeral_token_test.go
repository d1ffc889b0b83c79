package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// The ephemeral token is seen through the echo provider, and must be revoked on the emulator
// once Terraform closes it.
func TestAccTokenEphemeralResource(t *testing.T) {
	e := newTestEmulator(t)
	var seen []string
	captureToken := knownvalue.StringFunc(func(v string) error {
		seen = append(seen, v)
		return nil
	})

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{
			tfversion.SkipBelow(tfversion.Version1_10_0),
		},
		ProtoV6ProviderFactories: testAccProvidersWithEcho,
		Steps: []resource.TestStep{{
			Config: e.rackspaceConfig(fmt.Sprintf(`
    username    = %q
    password    = %q
    totp_secret = %q`, demoAdmin, demoAdminPassword, demoAdminTOTP)) + `
ephemeral "authpolicy_token" "test" {}

provider "echo" {
  data = ephemeral.authpolicy_token.test
}

resource "echo" "test" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("user_name"), knownvalue.StringExact(demoAdmin)),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("authenticated_by"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("OTPPASSCODE"), knownvalue.StringExact("PASSWORD")})),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("expires"), expiresIn24h),
				statecheck.ExpectKnownValue("echo.test", tfjsonpath.New("data").AtMapKey("id"), captureToken),
			},
		}},
	})
	if t.Skipped() {
		return
	}

	if len(seen) == 0 {
		t.Fatal("the echo provider never saw the ephemeral token")
	}
	tokens := e.srv.Identity().Tokens()
	revoked := map[string]bool{}
	for _, tok := range tokens {
		revoked[tok.ID] = tok.Revoked
		// Nothing but the ephemeral resource logs in here, so every token must have been closed.
		if !tok.Revoked {
			t.Errorf("token of %s issued at some step was never revoked", tok.User)
		}
	}
	for _, id := range seen {
		if known, ok := revoked[id]; !ok || !known {
			t.Errorf("the token the echo provider saw is not revoked on the emulator (known=%v)", ok)
		}
	}
	if n := e.count("DELETE /v2.0/tokens", 204); n != len(tokens) {
		t.Errorf("DELETE /v2.0/tokens answered 204 %d times for %d tokens", n, len(tokens))
	}
}
