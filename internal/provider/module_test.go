package provider

import (
	"cmp"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
)

// baselineModule is the example module whose own tests TestAccModule_mfaBaseline runs.
const baselineModule = "../../examples/modules/mfa-baseline"

// TestAccModule_mfaBaseline runs the mfa-baseline module's tests/*.tftest.hcl with `terraform
// test` (`tofu test` on OpenTofu) against an emulator started from the module's own fixture, as
// the guide "Testing modules offline" tells users to. Every run block must pass, none skipped;
// after the test's teardown the emulator holds each service's default, and the tenant the module
// excludes was never written.
func TestAccModule_mfaBaseline(t *testing.T) {
	tf := cliTerraform(t)
	fx, err := emulator.LoadFixture(filepath.Join(baselineModule, "tests", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEmulatorWith(t, func(demo *emulator.Fixture) { *demo = *fx })
	// The module names the provider "authpolicy/authpolicy", which OpenTofu, whose runs set
	// TF_ACC_PROVIDER_HOST, resolves on its own registry.
	reattach := serveForCLIAt(t, cmp.Or(os.Getenv("TF_ACC_PROVIDER_HOST"), "registry.terraform.io")+"/authpolicy/authpolicy")

	dir := copyModule(t, baselineModule)
	runs := 0
	tests, err := filepath.Glob(filepath.Join(dir, "tests", "*.tftest.hcl"))
	if err != nil || len(tests) == 0 {
		t.Fatalf("no tests/*.tftest.hcl in %s (%v)", baselineModule, err)
	}
	for _, f := range tests {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		runs += len(regexp.MustCompile(`(?m)^run "`).FindAll(b, -1))
	}

	// The test files leave the endpoints to the environment, as the guide does. The provider runs
	// in this process, so that is where they must be set.
	for _, name := range []string{"RS_AUTH_URL", "ACRONIS_BASE_URL", "ALIBABA_CLOUD_ENDPOINT_CLOUDSSO"} {
		t.Setenv(name, e.URL)
	}
	cli := &cliDir{t: t, tf: tf, dir: dir, reattach: reattach}
	cli.must("init", "-input=false", "-no-color")
	out := cli.must("test", "-no-color")
	t.Logf("%s test:\n%s", filepath.Base(tf), out)
	if want := regexp.MustCompile(`Success! (\d+) passed, 0 failed\.`).FindStringSubmatch(out); want == nil || want[1] != strconv.Itoa(runs) {
		t.Errorf("want every one of the %d run blocks to pass, none skipped:\n%s", runs, out)
	}

	// The teardown destroyed every object, which puts each service's default back.
	d := e.domain(t, "900001")
	if d.MFAEnforcementLevel != "OPTIONAL" || d.SessionInactivityTimeout != "PT15M" || d.PasswordPolicy != nil {
		t.Errorf("domain after the tests: level %q, timeout %q, password policy %+v; want OPTIONAL, PT15M, none",
			d.MFAEnforcementLevel, d.SessionInactivityTimeout, d.PasswordPolicy)
	}
	if u, ok := e.srv.Identity().User("build-bot"); !ok || u.MFAEnforcementLevel != "DEFAULT" {
		t.Errorf("build-bot's own level after the tests: %q, want DEFAULT", u.MFAEnforcementLevel)
	}
	for _, id := range []string{"0a000000-0000-4000-8000-000000000011", "0a000000-0000-4000-8000-000000000012",
		"0a000000-0000-4000-8000-000000000013", "0a000000-0000-4000-8000-000000000022"} {
		if s := e.tenant(t, id); s.MFAEnabled || s.Version == 1 {
			t.Errorf("customer %s after the tests: MFA %t at version %d; want off again, after changes", s.Name, s.MFAEnabled, s.Version)
		}
	}
	if s := e.tenant(t, "0a000000-0000-4000-8000-000000000014"); s.Version != 1 {
		t.Errorf("the excluded tenant was written: version %d", s.Version)
	}
	dirState := e.directory(t, "d-example00001")
	if dirState.MFAAuthenticationStatus != emucloudsso.MFAEnabled || dirState.PasswordPolicy.MinPasswordLength != 8 {
		t.Errorf("directory after the tests: MFA %s, minimum length %d; want Enabled and 8, the defaults",
			dirState.MFAAuthenticationStatus, dirState.PasswordPolicy.MinPasswordLength)
	}
}

// copyModule copies a module into a new directory, so that init and test write nothing into the
// source tree; whatever an earlier manual run left there (.terraform*) stays behind.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".terraform") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
