package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

const providerAddress = "registry.terraform.io/authpolicy/authpolicy"

// serveForCLI serves the provider in-process for Terraform commands the test runs itself, and
// returns the TF_REATTACH_PROVIDERS value that points the CLI at it.
func serveForCLI(t *testing.T) string {
	t.Helper()
	return serveForCLIAt(t, providerAddress)
}

// serveForCLIAt is serveForCLI for configurations that name the provider by another address,
// such as a module's "authpolicy/authpolicy", which OpenTofu reads as its own registry's.
func serveForCLIAt(t *testing.T, address string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(address, providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithLoggingSink(t),
			// go-plugin logs the listener's close at shutdown as an error; it is not one.
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case err := <-served:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		<-closed
		if err := <-served; err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	})
	b, err := json.Marshal(map[string]any{address: map[string]any{
		"Protocol": cfg.Protocol, "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAccList_generateConfig runs `terraform query -generate-config-out` on each list resource's
// page example, as the guide tells users to: the import blocks and configuration it writes import
// every object listed with a plan that changes nothing, and after the apply the plan is empty.
// plugin-testing has no step for -generate-config-out, so the test drives the CLI itself.
func TestAccList_generateConfig(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run Terraform")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		t.Skip("set TF_ACC_TERRAFORM_PATH to a Terraform 1.14 or later")
	}
	ver, err := exec.Command(tf, "version", "-json").Output()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err != nil || json.Unmarshal(ver, &v) != nil {
		t.Fatalf("terraform version: %v", err)
	}
	var major, minor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &major, &minor); err != nil || major == 1 && minor < 14 {
		t.Skipf("terraform query needs Terraform 1.14 or later, not %s", v.Version)
	}

	history := 4
	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) {
		fx.AddCustomerFleet(3)
		for i, d := range fx.Identity.Domains {
			if d.ID == emuidentity.DemoOtherDomainID {
				fx.Identity.Domains[i].PasswordPolicy = &emuidentity.PasswordPolicyFixture{
					PasswordDuration: "P90D", PasswordHistoryRestriction: &history,
				}
			}
		}
	})
	staff := e.apiKeyConfig(emuidentity.DemoRackspaceAdminUser, emuidentity.DemoRackspaceAdminAPIKey)
	cases := []struct {
		resourceType, provider string
		want                   int
		unchanged              func(t *testing.T)
	}{
		// The partners and customers of the API client's subtree; one customer already has MFA on,
		// which the generated configuration must say.
		{"authpolicy_tenant_mfa_status", e.acronisConfig(acronisClientSecret), 5, func(t *testing.T) {
			if !e.tenant(t, acronisEnrolled).MFAEnabled || e.tenant(t, acronisCustomer).MFAEnabled {
				t.Error("the import changed a tenant's MFA status")
			}
		}},
		// Every domain but the one at RACKSPACE_MANDATED.
		{"authpolicy_domain_mfa_enforcement", staff, 3, func(t *testing.T) {
			if got := e.domain(t, demoDomain).MFAEnforcementLevel; got != "" {
				t.Errorf("the import set domain %s's level to %q", demoDomain, got)
			}
		}},
		// The one domain with a password policy.
		{"authpolicy_domain_password_policy", staff, 1, func(t *testing.T) {
			if p := e.domain(t, emuidentity.DemoOtherDomainID).PasswordPolicy; p == nil || p.PasswordDuration != "P90D" {
				t.Errorf("the import changed the password policy: %+v", p)
			}
		}},
		{"authpolicy_directory_mfa_status", e.cloudSSOConfig(cloudSSOSecret), 1, func(t *testing.T) {
			if e.directory(t, cloudSSODirectory).MFAAuthenticationStatus != emucloudsso.MFAEnabled {
				t.Error("the import changed the directory's MFA status")
			}
		}},
	}
	reattach := serveForCLI(t)
	for _, c := range cases {
		t.Run(c.resourceType, func(t *testing.T) {
			example, err := os.ReadFile("../../examples/list-resources/" + c.resourceType + "/list-resource.tfquery.hcl")
			if err != nil {
				t.Fatal(err)
			}
			generateAndImport(t, tf, reattach, c.provider, string(example), c.resourceType, c.want)
			c.unchanged(t)
		})
	}
}

// generateAndImport writes the provider configuration and the query into a new directory, and
// checks that query -generate-config-out writes want imports of resourceType that plan with no
// change, and that the plan after their apply is empty.
func generateAndImport(t *testing.T, tf, reattach, providerConfig, query, resourceType string, want int) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `terraform {
  required_providers {
    authpolicy = { source = "`+providerAddress+`" }
  }
}
`+providerConfig)
	write("fleet.tfquery.hcl", query)

	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+reattach, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	run := func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(tf, args...)
		cmd.Dir, cmd.Env = dir, env
		b, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(b), exit.ExitCode()
		}
		if err != nil {
			t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
		}
		return string(b), 0
	}
	must := func(args ...string) string {
		t.Helper()
		out, code := run(args...)
		if code != 0 {
			t.Fatalf("terraform %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
		return out
	}

	must("init", "-input=false", "-no-color")
	must("query", "-generate-config-out=generated.tf", "-no-color")
	gen, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	imports := regexp.MustCompile(`(?m)^import \{`).FindAllIndex(gen, -1)
	resources := regexp.MustCompile(`(?m)^resource "`+resourceType+`" `).FindAllIndex(gen, -1)
	if len(imports) != want || len(resources) != want {
		t.Fatalf("generated.tf has %d import blocks and %d resources, want %d of each:\n%s", len(imports), len(resources), want, gen)
	}
	out := must("plan", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", want)) {
		t.Fatalf("plan of the generated configuration:\n%s", out)
	}
	must("apply", "-input=false", "-no-color", "-auto-approve")
	if out, code := run("plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan after the import: exit %d, want 0 (no changes)\n%s", code, out)
	}
}
