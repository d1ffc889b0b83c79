package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRunPrintsURLsAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0"}, pw)
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
	case err := <-done:
		if err != nil {
			t.Fatalf("run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if resp, err := http.Get(base + "/_emulator/clock"); err == nil {
		resp.Body.Close()
		t.Error("server still answers after shutdown")
	}
}

func TestRunRejectsBadInput(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"identity":{"users":[{"id":"1"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-fixture", bad, "-listen", "127.0.0.1:0"},
		{"-fixture", filepath.Join(t.TempDir(), "missing.json")},
		{"-listen", "not-an-address"},
		{"-bogus"},
		{"extra"},
	} {
		if err := run(t.Context(), args, io.Discard); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}
