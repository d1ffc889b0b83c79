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
)

const providerAddress = "registry.terraform.io/authpolicy/authpolicy"

// serveForCLI serves the provider in-process for Terraform commands the test runs itself, and
// returns the TF_REATTACH_PROVIDERS value that points the CLI at it.
func serveForCLI(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	served := make(chan error, 1)
	go func() {
		served <- tf6server.Serve(providerAddress, providerserver.NewProtocol6(New("test")()),
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
	b, err := json.Marshal(map[string]any{providerAddress: map[string]any{
		"Protocol": cfg.Protocol, "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": true,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAccTenantMFAStatusList_generateConfig runs `terraform query -generate-config-out` on a
// .tfquery.hcl, as the guide tells users to: the import blocks and configuration it writes
// import every customer of the subtree with a plan that changes nothing, and after the apply
// the plan is empty. plugin-testing has no step for -generate-config-out, so the test drives
// the CLI itself.
func TestAccTenantMFAStatusList_generateConfig(t *testing.T) {
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

	e := newTestEmulatorWith(t, func(fx *emulator.Fixture) { fx.AddCustomerFleet(3) })
	// One customer already has MFA on: the generated configuration must say so.
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", `terraform {
  required_providers {
    authpolicy = { source = "authpolicy/authpolicy" }
  }
}
`+e.acronisConfig(acronisClientSecret))
	// The page's own example: the partners and customers of the API client's subtree.
	example, err := os.ReadFile("../../examples/list-resources/authpolicy_tenant_mfa_status/list-resource.tfquery.hcl")
	if err != nil {
		t.Fatal(err)
	}
	write("fleet.tfquery.hcl", string(example))

	env := append(os.Environ(), "TF_REATTACH_PROVIDERS="+serveForCLI(t), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
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
	var gen []byte
	gen, err = os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	imports := regexp.MustCompile(`(?m)^import \{`).FindAllIndex(gen, -1)
	resources := regexp.MustCompile(`(?m)^resource "authpolicy_tenant_mfa_status" `).FindAllIndex(gen, -1)
	if len(imports) != 5 || len(resources) != 5 || !strings.Contains(string(gen), acronisEnrolled) {
		t.Fatalf("generated.tf has %d import blocks and %d resources, want 5 of each:\n%s", len(imports), len(resources), gen)
	}

	out := must("plan", "-input=false", "-no-color")
	if !strings.Contains(out, "Plan: 5 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("plan of the generated configuration:\n%s", out)
	}
	must("apply", "-input=false", "-no-color", "-auto-approve")
	if out, code := run("plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Fatalf("plan after the import: exit %d, want 0 (no changes)\n%s", code, out)
	}
	if !e.tenant(t, acronisEnrolled).MFAEnabled || e.tenant(t, acronisCustomer).MFAEnabled {
		t.Error("the import changed a tenant's MFA status")
	}
}
