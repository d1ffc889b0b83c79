package perf

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator"
)

// TestMain clears the provider's environment variables, so a developer's own credentials can
// never reach the emulator, and removes the plugins built for the run.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "RS_") || strings.HasPrefix(name, "ACRONIS_") ||
			strings.HasPrefix(name, "ALIBABA_CLOUD_") {
			_ = os.Unsetenv(name)
		}
	}
	code := m.Run()
	if path := os.Getenv("AUTHPOLICY_PERF_REPORT"); path != "" {
		if err := report.write(path); err != nil {
			fmt.Fprintln(os.Stderr, "writing the report:", err)
			code = 1
		}
	}
	if plugins.dir != "" {
		_ = os.RemoveAll(plugins.dir)
	}
	os.Exit(code)
}

// plugins are built once per test binary: the provider as users build it (no race detector),
// the floor provider, and rsswrap in front of each.
var plugins struct {
	once sync.Once
	dir  string
	err  error
}

// pluginDir returns the directory the CLI configuration's dev_overrides point at, holding
// terraform-provider-authpolicy and terraform-provider-floor.
func pluginDir(tb testing.TB) string {
	tb.Helper()
	plugins.once.Do(func() { plugins.dir, plugins.err = buildPlugins() })
	if plugins.err != nil {
		tb.Fatalf("building the plugins: %v", plugins.err)
	}
	return plugins.dir
}

func buildPlugins() (string, error) {
	dir, err := os.MkdirTemp("", "authpolicy-perf-")
	if err != nil {
		return "", err
	}
	// Paths are relative to this package's directory, where go test runs.
	builds := []struct{ out, pkg string }{
		{"real/terraform-provider-authpolicy", "../.."},
		{"real/terraform-provider-floor", "./floorprovider"},
		{"rsswrap", "./rsswrap"},
	}
	for _, b := range builds {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, b.out), b.pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			return dir, fmt.Errorf("go build %s: %v\n%s", b.pkg, err, out)
		}
	}
	for _, name := range []string{"terraform-provider-authpolicy", "terraform-provider-floor"} {
		if err := os.Link(filepath.Join(dir, "rsswrap"), filepath.Join(dir, name)); err != nil {
			return dir, err
		}
	}
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/authpolicy/authpolicy" = %q
    "registry.terraform.io/bench/floor"           = %q
  }
  direct {}
}
`, dir, dir)
	return dir, os.WriteFile(filepath.Join(dir, "terraformrc"), []byte(rc), 0o600)
}

// terraformPath is the CLI the acceptance tests use.
func terraformPath(tb testing.TB) string {
	tb.Helper()
	if os.Getenv("TF_ACC") == "" {
		tb.Skip("set TF_ACC=1 to run the real Terraform CLI (make test and make bench do)")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		tb.Skip("no terraform on PATH and TF_ACC_TERRAFORM_PATH unset")
	}
	return p
}

// workspace is one Terraform working directory with its own emulator.
type workspace struct {
	tb     testing.TB
	tf     *tfexec.Terraform
	srv    *emulator.Server
	rec    *recorder
	rssDir string
	n      int
	// url is the emulator's, dir the working directory, env the environment Terraform runs in.
	url string
	dir string
	env map[string]string
}

// newWorkspace starts an emulator with the demo fixture plus k's n objects, and writes k's
// configuration for them.
func newWorkspace(tb testing.TB, k kind, n int) *workspace {
	tb.Helper()
	tfPath, plugins := terraformPath(tb), pluginDir(tb)
	fx := emulator.DemoFixture()
	ids := k.ids(n)
	if k.fixture != nil {
		k.fixture(fx, ids...)
	}
	srv, err := emulator.New(fx)
	if err != nil {
		tb.Fatalf("starting emulator: %v", err)
	}
	rec := &recorder{next: srv}
	ts := httptest.NewUnstartedServer(rec)
	ts.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			rec.conns.Add(1)
		}
	}
	ts.Start()
	tb.Cleanup(ts.Close)

	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(k.config(ts.URL, ids)), 0o600); err != nil {
		tb.Fatal(err)
	}
	files := k.files
	if k.httpState {
		files = maps.Clone(files)
		if files == nil {
			files = map[string]string{}
		}
		files["backend.tf"] = fmt.Sprintf("terraform {\n  backend \"http\" {\n    address = %q\n  }\n}\n", stateServer(tb))
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	tf, err := tfexec.NewTerraform(dir, tfPath)
	if err != nil {
		tb.Fatal(err)
	}
	rssDir := filepath.Join(dir, "rss")
	if err := os.Mkdir(rssDir, 0o700); err != nil {
		tb.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		env[name] = value
	}
	for _, name := range tfexec.ProhibitedEnv(env) {
		delete(env, name)
	}
	env["TF_CLI_CONFIG_FILE"] = filepath.Join(plugins, "terraformrc")
	env["CHECKPOINT_DISABLE"] = "1"
	env["AUTHPOLICY_PERF_RSS_DIR"] = rssDir
	if k.env != nil {
		maps.Copy(env, k.env(n))
	}
	if err := tf.SetEnv(env); err != nil {
		tb.Fatal(err)
	}
	// The providers need no init under dev_overrides; child modules and a backend do, before
	// anything is measured (init leaves overridden providers alone).
	if len(files) > 0 {
		if err := tf.Init(context.Background()); err != nil {
			tb.Fatalf("terraform init: %v", err)
		}
	}
	return &workspace{tb: tb, tf: tf, srv: srv, rec: rec, rssDir: rssDir, n: n, url: ts.URL, dir: dir, env: env}
}

// phase is one Terraform command of a cycle.
type phase struct {
	name string
	// run runs the command with the configuration's variant and -parallelism.
	run func(ctx context.Context, tf *tfexec.Terraform, variant string, parallelism int) error
}

// cycle is what every benchmark and call-count test runs: create, a plan that finds nothing to
// change, an update of every object, and destroy.
var cycle = []phase{
	{"create", func(ctx context.Context, tf *tfexec.Terraform, v string, p int) error {
		return tf.Apply(ctx, tfexec.Var("variant="+v), tfexec.Parallelism(p))
	}},
	{"plan", func(ctx context.Context, tf *tfexec.Terraform, v string, p int) error {
		changes, err := tf.Plan(ctx, tfexec.Var("variant="+v), tfexec.Parallelism(p))
		if err == nil && changes {
			err = fmt.Errorf("the plan after create has changes")
		}
		return err
	}},
	{"update", func(ctx context.Context, tf *tfexec.Terraform, _ string, p int) error {
		return tf.Apply(ctx, tfexec.Var("variant=1"), tfexec.Parallelism(p))
	}},
	{"destroy", func(ctx context.Context, tf *tfexec.Terraform, _ string, p int) error {
		return tf.Destroy(ctx, tfexec.Var("variant=1"), tfexec.Parallelism(p))
	}},
}

// phaseResult is what one command cost.
type phaseResult struct {
	name string
	wall time.Duration
	// calls counts the API requests by operation; failed those answered with an error status
	// or not at all.
	calls  map[string]int
	failed int
	// span is from the first request's arrival to the last's; serving the emulator's time
	// answering, summed over requests.
	span, serving time.Duration
	// rssKiB is the largest peak resident memory of the provider processes the command
	// started, procs how many it started.
	rssKiB int64
	procs  int
	// conns is how many connections the provider processes opened to the API.
	conns int
}

// total is the number of API requests.
func (r phaseResult) total() int {
	n := 0
	for _, c := range r.calls {
		n += c
	}
	return n
}

// rate is the requests per second over their span.
func (r phaseResult) rate() float64 {
	if r.span <= 0 {
		return 0
	}
	return float64(r.total()-1) / r.span.Seconds()
}

// runPhase runs one phase and measures it.
func (w *workspace) runPhase(ctx context.Context, p phase, parallelism int) (phaseResult, error) {
	w.rec.reset()
	entries, err := os.ReadDir(w.rssDir)
	if err != nil {
		return phaseResult{}, err
	}
	for _, e := range entries {
		_ = os.Remove(filepath.Join(w.rssDir, e.Name()))
	}
	start := time.Now()
	err = p.run(ctx, w.tf, "0", parallelism)
	res := phaseResult{name: p.name, wall: time.Since(start)}
	if err != nil {
		return res, fmt.Errorf("%s: %w", p.name, err)
	}
	res.calls, res.failed, res.span, res.serving = w.rec.summary()
	res.conns = int(w.rec.conns.Load())
	res.rssKiB, res.procs, err = readRSS(w.rssDir)
	return res, err
}

// runCycle runs the four phases in order.
func (w *workspace) runCycle(ctx context.Context, parallelism int) ([]phaseResult, error) {
	var out []phaseResult
	for _, p := range cycle {
		r, err := w.runPhase(ctx, p, parallelism)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	return out, nil
}

// readRSS reads what rsswrap wrote for each provider process.
func readRSS(dir string) (maxKiB int64, procs int, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return 0, 0, err
		}
		kib, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("%s: %w", e.Name(), err)
		}
		maxKiB = max(maxKiB, kib)
		procs++
	}
	return maxKiB, procs, nil
}

// recorder sits in front of the emulator and notes every API request: its operation, whether
// it failed, and when it arrived. The emulator counts by route, and CloudSSO has one route for
// every action.
type recorder struct {
	next http.Handler

	mu          sync.Mutex
	calls       map[string]int
	failed      int
	first, last time.Time
	// serving is the emulator's time answering, summed over requests.
	serving time.Duration
	// conns counts the connections opened to the emulator, admin requests included.
	conns atomic.Int64
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_emulator/") {
		rec.next.ServeHTTP(w, r)
		return
	}
	arrived := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	rec.next.ServeHTTP(sw, r)
	took := time.Since(arrived)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.serving += took
	if rec.calls == nil {
		rec.calls = map[string]int{}
	}
	rec.calls[operation(r)]++
	if sw.status >= 400 {
		rec.failed++
	}
	if rec.first.IsZero() || arrived.Before(rec.first) {
		rec.first = arrived
	}
	if arrived.After(rec.last) {
		rec.last = arrived
	}
}

func (rec *recorder) reset() {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.calls, rec.failed, rec.first, rec.last, rec.serving = nil, 0, time.Time{}, time.Time{}, 0
	rec.conns.Store(0)
}

func (rec *recorder) summary() (calls map[string]int, failed int, span, serving time.Duration) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	calls = map[string]int{}
	for op, n := range rec.calls {
		calls[op] = n
	}
	return calls, rec.failed, rec.last.Sub(rec.first), rec.serving
}

// Operations a request can be.
const (
	opLogin  = "login"
	opList   = "list"
	opRead   = "read"
	opWrite  = "write"
	opDelete = "delete"
)

// operation names what a request does: a login (an Identity token or an Acronis OAuth token),
// a page of a listing, a read, a write or a delete of a setting; anything else by method and
// path.
func operation(r *http.Request) string {
	if action := r.Header.Get("x-acs-action"); action != "" {
		switch {
		case strings.HasPrefix(action, "Get"):
			return opRead
		case strings.HasPrefix(action, "Set"):
			return opWrite
		}
		return action
	}
	switch {
	case r.Method == http.MethodPost && (r.URL.Path == "/v2.0/tokens" || r.URL.Path == "/api/2/idp/token"):
		return opLogin
	case r.Method == http.MethodGet && r.URL.Path == "/api/2/tenants":
		return opList
	case r.Method == http.MethodGet:
		return opRead
	case r.Method == http.MethodPut:
		return opWrite
	case r.Method == http.MethodDelete && !strings.HasPrefix(r.URL.Path, "/v2.0/tokens"):
		return opDelete
	}
	return r.Method + " " + r.URL.Path
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// stateServer keeps one configuration's state in memory behind Terraform's http backend and
// returns its address. Like S3 or HCP Terraform, a remote backend persists the state during an
// apply every 20 seconds; the local backend rewrites and syncs its whole file after every
// instance, which at thousands of instances costs more than everything else an apply does.
func stateServer(tb testing.TB) string {
	var (
		mu    sync.Mutex
		state []byte
	)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		switch r.Method {
		case http.MethodGet:
			if state == nil {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			_, _ = w.Write(state)
		case http.MethodPost:
			b, err := io.ReadAll(r.Body)
			if err != nil {
				w.WriteHeader(http.StatusInternalServerError)
				return
			}
			state = b
		case http.MethodDelete:
			state = nil
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	}))
	tb.Cleanup(ts.Close)
	return ts.URL + "/state"
}
