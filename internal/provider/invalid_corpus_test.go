package provider

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// minCorpusCases is the size the corpus promises (issue 6); a glob gone wrong must not pass
// by planning nothing.
const minCorpusCases = 40

// corpusEndpoint is replaced by the URL of the case's own emulator.
const corpusEndpoint = "{{ENDPOINT}}"

// corpusCase is one file of testdata/invalid: a configuration and the diagnostic it must fail
// with, read from the comment lines at its top (see testdata/invalid/README.md).
type corpusCase struct {
	name      string
	config    string
	summary   string
	details   []string
	attribute string
	// skipBelow skips the case on a Terraform too old for it; nil runs it on any.
	skipBelow tfversion.TerraformVersionCheck
}

// corpusVersions are the versions a case may ask for: the features the corpus uses that older
// Terraform lacks (ephemeral blocks: 1.10).
var corpusVersions = map[string]tfversion.TerraformVersionCheck{
	"1.10.0": tfversion.SkipBelow(tfversion.Version1_10_0),
}

func loadCorpusCase(path string) (*corpusCase, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &corpusCase{name: strings.TrimSuffix(filepath.Base(path), ".tf"), config: string(raw)}
	sc := bufio.NewScanner(strings.NewReader(c.config))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "#") || line == "#" {
			// The header ends at the first line that is not a comment, or at a bare "#"
			// before the comment saying what the case is about.
			break
		}
		key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch key {
		case "summary":
			c.summary = value
		case "detail":
			c.details = append(c.details, value)
		case "attribute":
			c.attribute = value
		case "terraform":
			check, ok := corpusVersions[strings.TrimSpace(strings.TrimPrefix(value, ">="))]
			if !ok {
				return nil, fmt.Errorf("%s: terraform: %q is not one of the versions the test knows", path, value)
			}
			c.skipBelow = check
		}
	}
	if c.summary == "" || len(c.details) == 0 || c.attribute == "" {
		return nil, fmt.Errorf("%s: the header needs summary, at least one detail and attribute", path)
	}
	return c, nil
}

// corpusDiag is one diagnostic as the Terraform CLI prints it without colour.
type corpusDiag struct {
	severity string
	summary  string
	// source holds the configuration lines Terraform quotes, without their line numbers.
	source []string
	detail string
}

var (
	corpusDiagStart  = regexp.MustCompile(`^(Error|Warning): (.*)$`)
	corpusSourceLine = regexp.MustCompile(`^\s*\d+:\s?(.*)$`)
	corpusSpace      = regexp.MustCompile(`\s+`)
)

// parseCorpusDiagnostics splits the CLI's output into diagnostics. Terraform prints each as its
// summary line, then a context paragraph (with, on, and the quoted source), then the detail. A
// detail line that itself starts with "Error: " (the framework quotes errors so) starts a
// diagnostic of its own here, which leaves the first part of the detail to the real one.
func parseCorpusDiagnostics(out string) []corpusDiag {
	var diags []corpusDiag
	var cur *corpusDiag
	inContext, contextDone := false, false
	var detail []string
	flush := func() {
		if cur != nil {
			cur.detail = strings.TrimSpace(corpusSpace.ReplaceAllString(strings.Join(detail, " "), " "))
			diags = append(diags, *cur)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if m := corpusDiagStart.FindStringSubmatch(line); m != nil {
			flush()
			cur, detail = &corpusDiag{severity: m[1], summary: strings.TrimSpace(m[2])}, nil
			inContext, contextDone = false, false
			continue
		}
		if cur == nil {
			continue
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case len(detail) == 0 && trimmed == "" && !inContext:
			// The blank lines around the context.
		case len(detail) == 0 && !inContext && !contextDone &&
			(strings.HasPrefix(trimmed, "with ") || strings.HasPrefix(trimmed, "on ")):
			inContext = true
		case inContext && trimmed == "":
			inContext, contextDone = false, true
		case inContext:
			if m := corpusSourceLine.FindStringSubmatch(line); m != nil {
				cur.source = append(cur.source, m[1])
			}
		default:
			detail = append(detail, line)
		}
	}
	flush()
	return diags
}

// check reports why the CLI's output lacks the expected error diagnostic, or nil.
func (c *corpusCase) check(out string) error {
	var found []string
	var mismatch error
	for _, d := range parseCorpusDiagnostics(out) {
		found = append(found, d.severity+": "+d.summary)
		if d.severity != "Error" || d.summary != c.summary {
			continue
		}
		err := c.checkDiag(d)
		if err == nil {
			return nil
		}
		if mismatch == nil {
			mismatch = err
		}
	}
	if mismatch != nil {
		return mismatch
	}
	return fmt.Errorf("no error diagnostic %q among %q", c.summary, found)
}

func (c *corpusCase) checkDiag(d corpusDiag) error {
	rest := d.detail
	for _, phrase := range c.details {
		want := corpusSpace.ReplaceAllString(strings.TrimSpace(phrase), " ")
		i := strings.Index(rest, want)
		if i < 0 {
			return fmt.Errorf("error %q: detail %q lacks %q (after the phrases before it)", d.summary, d.detail, phrase)
		}
		rest = rest[i+len(want):]
	}
	if !c.namesAttribute(d) {
		return fmt.Errorf("error %q names no %s: neither the quoted source %q nor the detail %q",
			d.summary, c.attribute, d.source, d.detail)
	}
	return nil
}

// namesAttribute reports whether the diagnostic points at the attribute (Terraform quotes the
// line that sets it, or the block it is in) or its detail names it.
func (c *corpusCase) namesAttribute(d corpusDiag) bool {
	name := c.attribute[strings.LastIndex(c.attribute, ".")+1:]
	assigns := regexp.MustCompile(`^\s*` + regexp.QuoteMeta(name) + `\s*(=|\{)`)
	for _, s := range d.source {
		if assigns.MatchString(s) {
			return true
		}
	}
	for _, n := range []string{c.attribute, name} {
		if regexp.MustCompile(`(^|[^A-Za-z0-9_])` + regexp.QuoteMeta(n) + `($|[^A-Za-z0-9_])`).MatchString(d.detail) {
			return true
		}
	}
	return false
}

// TestAccInvalidConfigCorpus plans every configuration under testdata/invalid against an
// emulator of its own. Each must fail at validate or plan with its diagnostic, naming the
// attribute at fault, before a single request reaches the emulator.
func TestAccInvalidConfigCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < minCorpusCases {
		t.Fatalf("testdata/invalid holds %d configurations, want at least %d", len(files), minCorpusCases)
	}
	checkCovered(t, "the invalid-config corpus",
		"give it a corpus prefix in objectCases (helpers_test.go) and a file of that prefix in testdata/invalid", func(_ string, c objectCase) bool {
			return c.corpus != "" && slices.ContainsFunc(files, func(f string) bool { return strings.HasPrefix(filepath.Base(f), c.corpus) })
		})
	// Every file is read before any runs, so a bad header fails the test however the cases sort.
	cases := make([]*corpusCase, 0, len(files))
	for _, file := range files {
		c, err := loadCorpusCase(file)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newTestEmulator(t)
			var checks []tfversion.TerraformVersionCheck
			if c.skipBelow != nil {
				checks = append(checks, c.skipBelow)
			}
			// ErrorCheck rather than ExpectError: it hands over the whole output, so the
			// check can find the one diagnostic and look at its parts, and say what differs.
			failed := false
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks: checks,
				// The echo provider is how the ephemeral cases make Terraform open the token.
				ProtoV6ProviderFactories: testAccProvidersWithEcho,
				ErrorCheck: func(err error) error {
					failed = true
					if mismatch := c.check(err.Error()); mismatch != nil {
						return errors.Join(mismatch, err)
					}
					return nil
				},
				Steps: []resource.TestStep{{
					Config:   strings.ReplaceAll(c.config, corpusEndpoint, e.URL),
					PlanOnly: true,
				}},
			})
			if t.Skipped() {
				return
			}
			if !failed {
				t.Errorf("the plan succeeded; want error %q", c.summary)
			}
			e.checkNoRequests(t)
		})
	}
}

// The checker must itself be able to fail: it finds the diagnostic among others, reads its
// parts as Terraform lays them out, and refuses a wrong detail or attribute.
func TestInvalidConfigCorpusChecker(t *testing.T) {
	out := `Error running non-refresh plan: exit status 1
╷
│ Warning: Unable to open CLI configuration file
╵

Error: Missing Acronis Setting

  with provider["registry.terraform.io/hashicorp/authpolicy"],
  on terraform_plugin_test.tf line 18, in provider "authpolicy":
  18:   acronis {

The acronis block needs client_secret (or the ACRONIS_CLIENT_SECRET
environment variable).

Error: Invalid Attribute Value Match

  with authpolicy_tenant_mfa_status.test,
  on terraform_plugin_test.tf line 24, in resource "authpolicy_tenant_mfa_status" "test":
  24:   tenant_id = "Demo Customer"

Attribute tenant_id must be the tenant's UUID in lowercase, such as
22222222-2222-4222-8222-222222222222, got: Demo Customer
`
	cases := []struct {
		name string
		c    corpusCase
		ok   bool
	}{
		{"second diagnostic, by its source line", corpusCase{summary: "Invalid Attribute Value Match",
			details: []string{"Attribute tenant_id must be", "got: Demo Customer"}, attribute: "tenant_id"}, true},
		{"first diagnostic, by its detail", corpusCase{summary: "Missing Acronis Setting",
			details: []string{"needs client_secret (or the ACRONIS_CLIENT_SECRET environment variable)."}, attribute: "acronis.client_secret"}, true},
		{"phrases out of order", corpusCase{summary: "Invalid Attribute Value Match",
			details: []string{"got: Demo Customer", "Attribute tenant_id must be"}, attribute: "tenant_id"}, false},
		{"detail of another diagnostic", corpusCase{summary: "Missing Acronis Setting",
			details: []string{"got: Demo Customer"}, attribute: "acronis.client_secret"}, false},
		{"attribute not named", corpusCase{summary: "Missing Acronis Setting",
			details: []string{"The acronis block needs client_secret"}, attribute: "acronis.endpoint"}, false},
		{"summary of a warning", corpusCase{summary: "Unable to open CLI configuration file",
			details: []string{"CLI"}, attribute: "x"}, false},
		{"summary not there", corpusCase{summary: "Invalid Endpoint", details: []string{"x"}, attribute: "x"}, false},
	}
	for _, tc := range cases {
		if err := tc.c.check(out); (err == nil) != tc.ok {
			t.Errorf("%s: check = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
