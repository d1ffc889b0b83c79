package provider

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
	emucloudsso "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/cloudsso"
	emuidentity "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/identity"
)

// envSecretsKeepDir, when set, keeps each scenario's Terraform log and working directory in a
// directory of that name instead of a temporary one, to read after a failure.
const envSecretsKeepDir = "AUTHPOLICY_SECRETS_KEEP_DIR"

// secretsScenario is one provider configuration whose objects are planned, applied, changed and
// destroyed while everything Terraform writes is kept for the scan.
type secretsScenario struct {
	name string
	// configs are applied in turn (create, then update); the last one is then destroyed.
	configs func(e *testEmulator) []string
	// ephemeral scenarios need Terraform 1.10, the first with ephemeral resources.
	ephemeral bool
	// providerLine is a line the provider itself logs through tflog in this scenario: without
	// it in the log, the scan of the provider's output would prove nothing.
	providerLine *regexp.Regexp
	// dataSourceToken: the configuration has an authpolicy_token data source, whose token is
	// allowed at its own id attribute in state.
	dataSourceToken bool
	// dataSourceCredentials: the data source has credential arguments of its own. Terraform
	// keeps every data source argument in state and every constant one in the plan's copy of the
	// configuration, so they are allowed there and only there.
	dataSourceCredentials bool
}

// dataSourceCredentialsScenario has data sources that log in as other users, with and without
// a second factor.
var dataSourceCredentialsScenario = secretsScenario{
	name: "rackspace data source credentials",
	configs: func(e *testEmulator) []string {
		return []string{e.adminAPIKeyConfig() + fmt.Sprintf(`
data "authpolicy_token" "user" {
  username  = %q
  password  = %q
  tenant_id = %q
}

data "authpolicy_token" "manager" {
  username    = %q
  password    = %q
  totp_secret = %q
}
`, demoUser, demoUserPassword, demoDomain, demoManager, demoManagerPass, demoManagerTOTP)}
	},
	providerLine:          rackspaceChallengeLine,
	dataSourceToken:       true,
	dataSourceCredentials: true,
}

// ephemeralTokenScenario hands the ephemeral token to a second provider configuration, which
// changes the domain with it: the token is used, and must still reach neither plan nor state.
var ephemeralTokenScenario = secretsScenario{
	name:      "rackspace ephemeral token",
	ephemeral: true,
	configs: func(e *testEmulator) []string {
		var out []string
		for _, level := range []string{"REQUIRED", "OPTIONAL"} {
			out = append(out, e.adminTOTPConfig()+fmt.Sprintf(`
ephemeral "authpolicy_token" "session" {}

provider "authpolicy" {
  alias = "session"
  rackspace {
    endpoint = %q
    token    = ephemeral.authpolicy_token.session.id
  }
}

resource "authpolicy_domain_mfa_enforcement" "test" {
  provider          = authpolicy.session
  domain_id         = %q
  enforcement_level = %q
}
`, e.URL, demoDomain, level))
		}
		return out
	},
	providerLine: rackspaceChallengeLine,
}

var (
	rackspaceChallengeLine = regexp.MustCompile(`\[DEBUG\] authpolicy: rackspace identity multi-factor challenge: `)
	cloudSSORequestLine    = regexp.MustCompile(`\[DEBUG\] authpolicy: cloudsso request: `)
)

// secretsCredential is one way of logging in to an API: the scan applies every object of the
// API (objectCases) under each.
type secretsCredential struct {
	name  string
	block func(e *testEmulator) string
	// providerLine is a line the provider logs with this credential (secretsScenario).
	providerLine *regexp.Regexp
}

var secretsCredentials = map[string][]secretsCredential{
	emuidentity.Name: {
		{"password and TOTP", (*testEmulator).adminTOTPConfig, rackspaceChallengeLine},
		{"API key", (*testEmulator).adminAPIKeyConfig,
			regexp.MustCompile(`\[DEBUG\] authpolicy: rackspace identity request: [^\n]*path=/v2\.0/tokens`)},
	},
	emuacronis.Name: {
		{"client secret", func(e *testEmulator) string { return e.acronisConfig(acronisClientSecret) },
			regexp.MustCompile(`\[DEBUG\] authpolicy: acronis access token fetched: `)},
	},
	emucloudsso.Name: {
		{"permanent key", func(e *testEmulator) string { return e.cloudSSOConfig(cloudSSOSecret) }, cloudSSORequestLine},
		{"STS credential", (*testEmulator).cloudSSOSTSConfig, cloudSSORequestLine},
	},
}

// secretsScenarios are, for each API, every object with settings under each credential, then
// every scenario an object has of its own.
func secretsScenarios(t *testing.T) []secretsScenario {
	t.Helper()
	checkCovered(t, "the secret-leak scan",
		"give it settings, or a scenario of its own, in objectCases (helpers_test.go)", func(_ string, c objectCase) bool {
			return c.settings != nil && len(secretsCredentials[c.api]) > 0 || len(c.secrets) > 0
		})
	types := slices.Sorted(maps.Keys(objectCases))
	var out []secretsScenario
	for _, api := range slices.Sorted(maps.Keys(secretsCredentials)) {
		for _, cred := range secretsCredentials[api] {
			sc := secretsScenario{name: api + " " + cred.name, providerLine: cred.providerLine}
			var objects []func(*testEmulator, int) string
			for _, typ := range types {
				if c := objectCases[typ]; c.api == api && c.settings != nil {
					objects = append(objects, c.settings)
					sc.dataSourceToken = sc.dataSourceToken || typ == "data.authpolicy_token"
				}
			}
			if len(objects) == 0 {
				continue
			}
			sc.configs = func(e *testEmulator) []string {
				var configs []string
				for variant := range 2 {
					config := cred.block(e)
					for _, o := range objects {
						config += o(e, variant)
					}
					configs = append(configs, config)
				}
				return configs
			}
			out = append(out, sc)
		}
	}
	for _, typ := range types {
		out = append(out, objectCases[typ].secrets...)
	}
	return out
}

// TestAccSecrets runs every object through plan, apply, update and destroy with TRACE logging,
// then looks for every secret of the fixture, every token the emulator issued and every
// credential it received in the log, the plans, the states and the files Terraform wrote.
// Only the authpolicy_token data source may hold such values, in two places: its token at its
// id attribute in state, as its documentation warns; and, when it is given credentials of its
// own, those arguments in state and in the plan's copy of the configuration, where Terraform
// keeps every data source argument. Both are cut out exactly, so the same value anywhere else
// still fails the test.
//
// Not parallel: TF_LOG and its friends are process-wide, and the in-process provider reads them.
func TestAccSecrets(t *testing.T) {
	scenarios := secretsScenarios(t)
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance test: set %s=1", resource.EnvTfAcc)
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) { testSecretsScenario(t, sc) })
	}
}

func testSecretsScenario(t *testing.T, sc secretsScenario) {
	dir := t.TempDir()
	if keep := os.Getenv(envSecretsKeepDir); keep != "" {
		dir = filepath.Join(keep, strings.ReplaceAll(t.Name(), "/", "__"))
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
	}
	logPath := filepath.Join(dir, "terraform.log")
	workDir := filepath.Join(dir, "work")
	if err := os.MkdirAll(workDir, 0o700); err != nil {
		t.Fatal(err)
	}
	// TF_LOG and TF_LOG_PATH drive the in-process provider's tflog sink (where TF_ACC_LOG_PATH
	// overrides TF_LOG_PATH). terraform-exec keeps the test process's TF_LOG* from the CLI, and
	// plugin-testing sets the CLI's TF_LOG and TF_LOG_PATH from TF_ACC_LOG and TF_ACC_LOG_PATH.
	// So one file gets Terraform's lines and the provider's, as in a user's TF_LOG=TRACE run.
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", logPath)
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_ACC_TEMP_DIR", workDir)
	// plugin-testing's own logger writes each step's configuration, credentials included, to the
	// same file. That is the test harness, not part of a user's run, so it is silenced rather
	// than scanned.
	t.Setenv("TF_LOG_SDK_HELPER_RESOURCE", "OFF")

	e, srv, rec := newRecordingEmulator(t)
	docs := &documents{}
	configs := sc.configs(e)
	var steps []resource.TestStep
	for _, config := range configs {
		steps = append(steps, resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{docs.planCheck("plan")},
				PostApplyPreRefresh:  []plancheck.PlanCheck{docs.planCheck("plan after apply")},
				PostApplyPostRefresh: []plancheck.PlanCheck{docs.planCheck("plan after refresh")},
			},
			ConfigStateChecks: []statecheck.StateCheck{docs.stateCheck()},
			Check:             docs.workingDirCheck(workDir),
		})
	}
	// A destroy of its own, so that its plan is kept like the others.
	steps = append(steps, resource.TestStep{
		Config:  configs[len(configs)-1],
		Destroy: true,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{docs.planCheck("destroy plan")},
		},
	})
	tc := resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    steps,
		CheckDestroy:             docs.workingDirCheck(workDir),
	}
	if sc.ephemeral {
		tc.TerraformVersionChecks = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)}
	}
	resource.Test(t, tc)
	if t.Skipped() {
		return
	}

	logText, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the Terraform log: %v", err)
	}
	checkLogIsReal(t, string(logText), sc.providerLine)
	if sc.ephemeral {
		checkEphemeralTokenUsed(t, srv, rec)
	}
	needles := secretNeedles(t, srv, rec)

	// The allowed values are cut out of the JSON documents before the scan, so that the same
	// value anywhere else in the document is still found.
	var scanned []document
	allowed := map[string][]string{}
	for _, d := range docs.list() {
		if d.json {
			var cut map[string][]string
			d.data, cut = withoutDataSourceValues(t, d.name, d.data)
			for attr, values := range cut {
				allowed[attr] = append(allowed[attr], values...)
			}
		}
		scanned = append(scanned, d)
	}
	checkAllowed(t, sc, allowed, srv, needles)

	scanned = append(scanned, document{name: "Terraform log", label: "log", data: logText})
	lines := 0
	for _, d := range scanned {
		lines += bytes.Count(d.data, []byte("\n")) + 1
		for _, n := range needles {
			if i := n.find(d.data); i >= 0 {
				t.Errorf("%s (%s) found in %s: …%s…", n.kind, n.describe(), d.name, excerpt(d.data, i, n))
			}
		}
	}

	labels := map[string]int{}
	for _, d := range scanned {
		labels[d.label]++
	}
	for _, want := range []string{"plan (JSON)", "destroy plan (JSON)", "state (JSON)", "terraform.tfstate", "tfplan:tfplan", "tfplan:tfstate"} {
		if labels[want] == 0 {
			t.Errorf("no %s was captured: the scan missed a kind of document", want)
		}
	}
	kinds := map[string]int{}
	for _, n := range needles {
		kinds[n.kind]++
	}
	allowedCounts := map[string]int{}
	for attr, values := range allowed {
		allowedCounts[attr] = len(values)
	}
	t.Logf("scanned %d documents %v, %d lines (log: %d bytes), for %d distinct values %v; allowed data source values: %v",
		len(scanned), labels, lines, len(logText), len(needles), kinds, allowedCounts)
	t.Logf("credentials the emulator received (distinct values): %v", rec.counts())
}

// checkLogIsReal fails the test when the log lacks the CLI's own lines or the provider's: a
// scan of an empty or partial log would pass for the wrong reason. OpenTofu logs its version
// under its own name, where Terraform writes "Terraform version:".
func checkLogIsReal(t *testing.T, log string, providerLine *regexp.Regexp) {
	t.Helper()
	for what, re := range map[string]*regexp.Regexp{
		"Terraform core":                        regexp.MustCompile(`\[INFO\] +(Terraform|OpenTofu) version: `),
		"Terraform's side of the provider RPCs": regexp.MustCompile(`\[TRACE\] GRPCProvider\.v6: `),
		"the framework inside the provider":     regexp.MustCompile(`\[TRACE\] sdk\.framework: `),
		"the provider's own tflog output":       providerLine,
	} {
		if !re.MatchString(log) {
			t.Errorf("the Terraform log has no line of %s (%s): the scan would prove nothing", what, re)
		}
	}
}

// checkEphemeralTokenUsed proves that the ephemeral scenario scanned for tokens that were
// really issued, sent and revoked.
func checkEphemeralTokenUsed(t *testing.T, srv *emulator.Server, rec *recordingHandler) {
	t.Helper()
	tokens := srv.Identity().Tokens()
	if len(tokens) == 0 {
		t.Fatal("the ephemeral resource never logged in")
	}
	sent := rec.headerValues("X-Auth-Token")
	used := 0
	for _, tok := range tokens {
		if !tok.Revoked {
			t.Errorf("an ephemeral token of %s was not revoked", tok.User)
		}
		if slices.Contains(sent, tok.ID) {
			used++
		}
	}
	if used == 0 {
		t.Error("no ephemeral token was ever sent as X-Auth-Token: the aliased provider did not use it")
	}
}

// checkAllowed keeps the exceptions exact: only tokens the emulator issued at the data source's
// id, only fixture secrets at its credential arguments, and each only where expected, and
// present where expected, or the exception itself would go untested.
func checkAllowed(t *testing.T, sc secretsScenario, allowed map[string][]string, srv *emulator.Server, needles []needle) {
	t.Helper()
	issued := map[string]bool{}
	for _, tok := range srv.Identity().Tokens() {
		issued[tok.ID] = true
	}
	fixture := map[string]bool{}
	for _, n := range needles {
		if strings.HasPrefix(n.kind, "fixture ") {
			fixture[n.value] = true
		}
	}
	for attr, values := range allowed {
		if attr == "id" && !sc.dataSourceToken || attr != "id" && !sc.dataSourceCredentials {
			t.Errorf("%d values at the data source's %s, in a configuration that has none", len(values), attr)
		}
		for _, v := range values {
			if attr == "id" && !issued[v] || attr != "id" && !fixture[v] {
				t.Errorf("the data source's %s holds a value that is not the expected secret", attr)
			}
		}
	}
	if sc.dataSourceToken && len(allowed["id"]) == 0 {
		t.Error("no data source token was found in state: the exception was never exercised")
	}
	if sc.dataSourceCredentials && (len(allowed["password"]) == 0 || len(allowed["totp_secret"]) == 0) {
		t.Error("the data source's credential arguments were not found in state: the exception was never exercised")
	}
}

// needle is one value that must not appear.
type needle struct {
	kind  string
	value string
	// whole: only an occurrence that is not part of a longer word counts. A six-digit passcode
	// would otherwise be found inside unrelated numbers and IDs by chance.
	whole bool
}

func (n needle) find(data []byte) int {
	v := []byte(n.value)
	for off := 0; ; {
		i := bytes.Index(data[off:], v)
		if i < 0 {
			return -1
		}
		i += off
		if !n.whole || (!isWordByte(data, i-1) && !isWordByte(data, i+len(v))) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(data []byte, i int) bool {
	if i < 0 || i >= len(data) {
		return false
	}
	c := data[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// describe names the value without printing it whole.
func (n needle) describe() string {
	if len(n.value) <= 8 {
		return fmt.Sprintf("%d characters", len(n.value))
	}
	return n.value[:4] + "…"
}

// excerpt shows where a value was found, with the value itself replaced by its kind.
func excerpt(data []byte, i int, n needle) string {
	from, to := max(0, i-60), min(len(data), i+len(n.value)+60)
	s := string(data[from:i]) + "«" + n.kind + "»" + string(data[i+len(n.value):to])
	return strings.ReplaceAll(s, "\n", `\n`)
}

// secretFixtureKeys are the fixture keys that hold secrets (FIXTURE.md).
var secretFixtureKeys = map[string]string{
	"password":       "password",
	"api_key":        "API key",
	"otp_secret":     "TOTP secret",
	"secret":         "client or access-key secret",
	"security_token": "security token",
}

// secretNeedles gathers every secret of the demo fixture, every token the emulator issued and
// every credential it received.
func secretNeedles(t *testing.T, srv *emulator.Server, rec *recordingHandler) []needle {
	t.Helper()
	seen := map[string]bool{}
	var out []needle
	add := func(kind, value string, whole bool) {
		if value == "" || seen[value] {
			return
		}
		seen[value] = true
		out = append(out, needle{kind: kind, value: value, whole: whole})
	}

	// The fixture is walked as JSON, so that a secret added to it later is scanned for too.
	raw, err := json.Marshal(emulator.DemoFixture())
	if err != nil {
		t.Fatal(err)
	}
	var fixture any
	if err := json.Unmarshal(raw, &fixture); err != nil {
		t.Fatal(err)
	}
	walkJSON(fixture, "", "", func(_, key, value string) {
		if kind, ok := secretFixtureKeys[key]; ok {
			add("fixture "+kind, value, false)
		}
	})
	if len(out) < 20 {
		t.Fatalf("only %d secrets found in the demo fixture: the walk is broken", len(out))
	}

	for _, tok := range srv.Identity().Tokens() {
		add("Identity token", tok.ID, false)
	}
	for _, tok := range srv.Acronis().Tokens() {
		add("Acronis access token", tok.AccessToken, false)
	}
	for _, r := range rec.list() {
		add(r.kind, r.value, r.kind == "passcode" && len(r.value) < 12)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].kind < out[j].kind })
	return out
}

// walkJSON calls f with every string in a decoded JSON value, the key it sits under and the key
// of the object around that one.
func walkJSON(v any, parent, key string, f func(parent, key, value string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			walkJSON(child, key, k, f)
		}
	case []any:
		for _, child := range x {
			walkJSON(child, parent, key, f)
		}
	case string:
		f(parent, key, x)
	}
}

// recordingHandler sits in front of the emulator and keeps every credential the provider
// sends: the values of the credential headers and the secrets in request bodies.
type recordingHandler struct {
	next http.Handler

	mu      sync.Mutex
	headers map[string][]string
	values  []recorded
}

type recorded struct{ kind, value string }

// credentialHeaders are the request headers whose values are credentials.
var credentialHeaders = []string{"Authorization", "X-Auth-Token", "X-SessionId", "X-Acs-Security-Token"}

// bodySecretKeys are the request-body fields that carry secrets, JSON or form encoded.
var bodySecretKeys = map[string]string{
	"password":      "password",
	"apiKey":        "API key",
	"passcode":      "passcode",
	"client_secret": "client secret",
	"refresh_token": "refresh token",
}

func newRecordingEmulator(t *testing.T) (*testEmulator, *emulator.Server, *recordingHandler) {
	t.Helper()
	var rec *recordingHandler
	e := startEmulator(t, nil, func(srv *emulator.Server) http.Handler {
		rec = &recordingHandler{next: srv, headers: map[string][]string{}}
		return rec
	})
	return e, e.srv, rec
}

func (h *recordingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/_emulator/") {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		h.record(r.Header, body)
	}
	h.next.ServeHTTP(w, r)
}

func (h *recordingHandler) record(header http.Header, body []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, name := range credentialHeaders {
		for _, v := range header.Values(name) {
			h.headers[name] = append(h.headers[name], v)
			h.values = append(h.values, recorded{name + " header", v})
			if cred := authorizationCredential(v); name == "Authorization" && cred != "" {
				h.values = append(h.values, recorded{"Authorization credential", cred})
			}
		}
	}
	contentType := header.Get("Content-Type")
	switch {
	case strings.HasPrefix(contentType, "application/json"):
		var v any
		if json.Unmarshal(body, &v) == nil {
			walkJSON(v, "", "", func(parent, key, value string) {
				if kind, ok := bodySecretKeys[key]; ok {
					h.values = append(h.values, recorded{kind, value})
				} else if parent == "token" && key == "id" {
					h.values = append(h.values, recorded{"token login", value})
				}
			})
		}
	case strings.HasPrefix(contentType, "application/x-www-form-urlencoded"):
		if form, err := url.ParseQuery(string(body)); err == nil {
			for key, kind := range bodySecretKeys {
				for _, v := range form[key] {
					h.values = append(h.values, recorded{kind, v})
				}
			}
		}
	}
}

// authorizationCredential is the secret part of an Authorization value: the credential of a
// Bearer or Basic header, the signature of an Alibaba Cloud ACS3 one.
func authorizationCredential(v string) string {
	scheme, rest, _ := strings.Cut(v, " ")
	switch {
	case strings.EqualFold(scheme, "Bearer"), strings.EqualFold(scheme, "Basic"):
		return strings.TrimSpace(rest)
	case strings.HasPrefix(scheme, "ACS3-"):
		for _, part := range strings.Split(rest, ",") {
			if sig, ok := strings.CutPrefix(strings.TrimSpace(part), "Signature="); ok {
				return sig
			}
		}
	}
	return ""
}

func (h *recordingHandler) headerValues(name string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.headers[name])
}

func (h *recordingHandler) list() []recorded {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.values)
}

// counts is the number of distinct values of each kind.
func (h *recordingHandler) counts() map[string]int {
	distinct := map[recorded]bool{}
	for _, r := range h.list() {
		distinct[r] = true
	}
	out := map[string]int{}
	for r := range distinct {
		out[r.kind]++
	}
	return out
}

// document is one thing Terraform produced: a plan, a state or a file it wrote.
type document struct {
	// name says where the document came from; label is its kind, for the summary.
	name, label string
	data        []byte
	json        bool
}

// documents collects what the checks are given, for the scan at the end of the test, when
// every token is known.
type documents struct {
	mu   sync.Mutex
	docs []document
}

func (d *documents) add(doc document) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.docs = append(d.docs, doc)
}

func (d *documents) list() []document {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.docs)
}

type planCapture struct {
	docs *documents
	name string
}

// planCheck keeps the plan as `terraform show -json` gave it: the JSON form holds sensitive
// values in clear text, where the human-readable one shows "(sensitive value)".
func (d *documents) planCheck(name string) plancheck.PlanCheck { return planCapture{d, name} }

func (c planCapture) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	data, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	c.docs.add(document{name: c.name + " (JSON)", label: c.name + " (JSON)", data: data, json: true})
}

type stateCapture struct{ docs *documents }

func (d *documents) stateCheck() statecheck.StateCheck { return stateCapture{d} }

func (c stateCapture) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	data, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	c.docs.add(document{name: "state (JSON)", label: "state (JSON)", data: data, json: true})
}

// workingDirCheck keeps every file Terraform left in the working directories: the state, its
// backup and the saved plan, whose entries are read out of its zip archive. The .tf files and
// the plan's copy of them are the test's own configuration, which holds credentials by design,
// so they are left out.
func (d *documents) workingDirCheck(root string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		return filepath.WalkDir(root, func(path string, entry fs.DirEntry, err error) error {
			// Symbolic links (plugin-testing links the step's testdata) lead back to files
			// already walked or to the test's own sources.
			if err != nil || !entry.Type().IsRegular() || strings.HasSuffix(path, ".tf") || strings.HasSuffix(path, ".tf.json") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
				return d.addZip(rel, zr)
			}
			d.add(document{name: "file " + rel, label: filepath.Base(rel), data: data, json: json.Valid(data)})
			return nil
		})
	}
}

func (d *documents) addZip(name string, zr *zip.Reader) error {
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "tfconfig/") || f.FileInfo().IsDir() {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		d.add(document{name: "file " + name + ":" + f.Name, label: filepath.Base(name) + ":" + f.Name, data: data, json: json.Valid(data)})
	}
	return nil
}

// dataSourceAllowed are the authpolicy_token data source attributes cut out before the scan:
// its token, and the credential arguments Terraform keeps because they are arguments.
var dataSourceAllowed = []string{"id", "password", "api_key", "totp_secret", "passcode"}

// withoutDataSourceValues removes the allowed attributes of every authpolicy_token data source
// from a JSON plan, state or state file, and returns what it removed by attribute.
func withoutDataSourceValues(t *testing.T, name string, data []byte) ([]byte, map[string][]string) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	cut := map[string][]string{}
	var visit func(v any)
	visit = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["mode"] == "data" && x["type"] == "authpolicy_token" {
				stripDataSourceValues(x, cut)
			}
			for _, child := range x {
				visit(child)
			}
		case []any:
			for _, child := range x {
				visit(child)
			}
		}
	}
	visit(doc)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out, cut
}

// stripDataSourceValues removes the allowed attributes from one data source, wherever the
// document's format keeps them: values (state and plan), change.before and change.after (plan),
// expressions.*.constant_value (the plan's configuration) and instances[].attributes (state
// file).
func stripDataSourceValues(ds map[string]any, cut map[string][]string) {
	var holders []map[string]any
	if m, ok := ds["values"].(map[string]any); ok {
		holders = append(holders, m)
	}
	if change, ok := ds["change"].(map[string]any); ok {
		for _, k := range []string{"before", "after"} {
			if m, ok := change[k].(map[string]any); ok {
				holders = append(holders, m)
			}
		}
	}
	if instances, ok := ds["instances"].([]any); ok {
		for _, inst := range instances {
			if im, ok := inst.(map[string]any); ok {
				if m, ok := im["attributes"].(map[string]any); ok {
					holders = append(holders, m)
				}
			}
		}
	}
	expressions, _ := ds["expressions"].(map[string]any)
	for _, attr := range dataSourceAllowed {
		for _, m := range holders {
			if v, ok := m[attr].(string); ok {
				cut[attr] = append(cut[attr], v)
				delete(m, attr)
			}
		}
		if expr, ok := expressions[attr].(map[string]any); ok {
			if v, ok := expr["constant_value"].(string); ok {
				cut[attr] = append(cut[attr], v)
				delete(expressions, attr)
			}
		}
	}
}
