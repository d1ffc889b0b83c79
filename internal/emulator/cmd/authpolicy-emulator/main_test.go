package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/emutest"
)

// runMainEnv makes the test binary run main instead of the tests: the command's tests run the
// real process, its exit status and its output.
const runMainEnv = "AUTHPOLICY_EMULATOR_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

func TestRunPrintsURLsAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0"}, pw, io.Discard)
		pw.Close()
	}()

	sc := bufio.NewScanner(pr)
	var lines []string
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if sc.Text() == "ready" {
			break
		}
	}
	if len(lines) != 4 || lines[3] != "ready" {
		t.Fatalf("output = %q", lines)
	}
	bases := map[string]string{}
	for _, l := range lines[:3] {
		name, base, ok := strings.Cut(l, " ")
		if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
			t.Fatalf("base URL line = %q", l)
		}
		bases[name] = base
	}
	base := bases["identity"]
	// Acronis prints the datacenter URL, the server root without /api/2;
	// CloudSSO, an RPC API at "/", the server root too.
	if base == "" || bases["acronis"] != base || bases["cloudsso"] != base {
		t.Fatalf("output = %q, want identity, acronis and cloudsso lines with the server root", lines)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()

	body := `{"auth":{"RAX-KSKEY:apiKeyCredentials":{"username":"demo-user","apiKey":"fedcba9876543210fedcba9876543210"}}}`
	resp, err := http.Post(base+"/v2.0/tokens", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("login against the demo fixture = %d", resp.StatusCode)
	}
	req, err := http.NewRequest("POST", bases["acronis"]+"/api/2/idp/token", strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("44444444-4444-4444-8444-444444444444", "demo-secret")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("Acronis token for the demo client = %d", resp.StatusCode)
	}

	// An unsigned call gets CloudSSO's JSON error; the demo directory is
	// there.
	resp, err = http.Get(bases["cloudsso"] + "/?Action=GetMFAAuthenticationStatus")
	if err != nil {
		t.Fatal(err)
	}
	var cloudErr struct{ Code string }
	_ = json.NewDecoder(resp.Body).Decode(&cloudErr)
	resp.Body.Close()
	if resp.StatusCode != 400 || cloudErr.Code != "MissingParameter" {
		t.Fatalf("unsigned CloudSSO call = %d %q", resp.StatusCode, cloudErr.Code)
	}
	resp, err = http.Get(base + "/_emulator/cloudsso/directories/d-demo00000001")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("demo directory = %d", resp.StatusCode)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("run = %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if resp, err := http.Get(base + "/_emulator/clock"); err == nil {
		resp.Body.Close()
		t.Error("server still answers after shutdown")
	}
}

const usageText = `Usage: authpolicy-emulator [-listen host:port] [-fixture file]
       authpolicy-emulator -version
  -fixture file
    	JSON fixture file (default: the built-in demo fixture)
  -listen address
    	host:port address to listen on; port 0 picks a free port (default "127.0.0.1:8181")
  -version
    	print the version and exit
`

type cliCase struct {
	name           string
	args           []string
	code           int
	stdout, stderr string
}

// cliCases are the command lines that end before serving, with all they print; the address
// in use is held until the test ends.
func cliCases(t *testing.T) []cliCase {
	dir := t.TempDir()
	write := func(name, body string) string { return emutest.WriteFile(t, dir, name, body) }
	badJSON := write("bad-json.json", `{"identity":{"users":[{"rol":"identity:admin","id":"u-1","password":"hunter2"}]}}`)
	invalid := write("invalid.json", `{"identity":{"users":[`+
		`{"id":"1","username":"a","domain_id":"x","password":"hunter2"},{"id":"2","username":"b","domain_id":"y"}]}}`)
	missing := filepath.Join(dir, "missing.json")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	inUse := ln.Addr().String()

	const prefix = "authpolicy-emulator: "
	return []cliCase{
		{"help", []string{"-h"}, 0, usageText, ""},
		{"version", []string{"-version"}, 0, "authpolicy-emulator dev\n", ""},
		{"unknown flag", []string{"-bogus"}, 2, "", prefix + "flag provided but not defined: -bogus\n" + usageText},
		{"flag without its value", []string{"-listen"}, 2, "", prefix + "flag needs an argument: -listen\n" + usageText},
		{"listen not host:port", []string{"-listen", "not-an-address"}, 2, "",
			prefix + `invalid value "not-an-address" for flag -listen: missing port in address` + "\n" + usageText},
		{"listen followed by a flag", []string{"-listen", "-fixture", badJSON}, 2, "",
			prefix + `invalid value "-fixture" for flag -listen: missing port in address` + "\n" + usageText},
		{"argument", []string{"-listen", "127.0.0.1:0", "extra"}, 2, "",
			prefix + `unexpected argument "extra": the emulator takes only flags` + "\n" + usageText},
		{"fixture not JSON of its shape", []string{"-fixture", badJSON, "-listen", "127.0.0.1:0"}, 1, "",
			prefix + "fixture " + badJSON + `: line 1, column 24: identity.users[0] (id "u-1"): unknown field "rol" (did you mean "role"?)` + "\n"},
		{"fixture that does not validate", []string{"-fixture", invalid, "-listen", "127.0.0.1:0"}, 1, "",
			prefix + "fixture " + invalid + `: identity: user "a": unknown domain_id "x"` + "\n" +
				prefix + "fixture " + invalid + `: identity: user "b": unknown domain_id "y"` + "\n"},
		{"missing fixture", []string{"-fixture", missing, "-listen", "127.0.0.1:0"}, 1, "",
			prefix + "fixture " + missing + ": no such file or directory\n"},
		{"address in use", []string{"-listen", inUse}, 1, "",
			prefix + "cannot listen on " + inUse + ": the address is already in use (another emulator running? pick another -listen, or port 0 for a free one)\n"},
	}
}

// TestRun: what run prints and returns for each command line that ends before serving.
func TestRun(t *testing.T) {
	for _, tc := range cliCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tc.args, &stdout, &stderr)
			if code != tc.code || stdout.String() != tc.stdout || stderr.String() != tc.stderr {
				t.Errorf("run(%q) = %d\nstdout:\n%s\nstderr:\n%s\nwant %d\nstdout:\n%s\nstderr:\n%s",
					tc.args, code, &stdout, &stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}

// command is the test binary run as the command.
func command(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.CommandContext(t.Context(), os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}

// TestCommand: the real process exits with the status run returns and prints the same, for
// each command line that ends before serving.
func TestCommand(t *testing.T) {
	for _, tc := range cliCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			cmd, stdout, stderr := command(t, tc.args...)
			if code := exitCode(t, cmd.Run()); code != tc.code || stdout.String() != tc.stdout || stderr.String() != tc.stderr {
				t.Errorf("authpolicy-emulator %q: exit status %d\nstdout:\n%s\nstderr:\n%s\nwant %d\nstdout:\n%s\nstderr:\n%s",
					tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
			}
		})
	}
}

// TestCommandStopsOnSIGTERM: once ready, the process stops cleanly on SIGTERM, exit status 0.
func TestCommandStopsOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	cmd, _, stderr := command(t, "-listen", "127.0.0.1:0")
	cmd.Stdout = nil
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var lines []string
	for sc.Scan() && sc.Text() != "ready" {
		lines = append(lines, sc.Text())
	}
	if len(lines) != 3 {
		t.Fatalf("before ready: %q (stderr %q)", lines, stderr)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Wait only once the output is read to its end, as os/exec asks.
	if _, err := io.Copy(io.Discard, out); err != nil {
		t.Fatal(err)
	}
	if code := exitCode(t, cmd.Wait()); code != 0 || stderr.Len() != 0 {
		t.Errorf("after SIGTERM: exit status %d, stderr %q", code, stderr)
	}
}
