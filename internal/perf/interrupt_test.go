package perf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	emuacronis "github.com/authpolicy/terraform-provider-authpolicy/internal/emulator/acronis"
)

// interruptObjects is the size of the interrupted apply; interruptAt how many writes the
// emulator has answered when the interruption comes.
const (
	interruptObjects = 1000
	interruptAt      = interruptObjects / 2
)

// TestAccInterruptedApply interrupts the apply of 1000 authpolicy_tenant_mfa_status, halfway
// through its writes as the emulator counts them, in the two ways a run can end early: a SIGINT
// to Terraform (Ctrl-C, or a CI job cancelled), which lets the requests under way finish, and a
// SIGKILL of the provider process (out of memory, a crash), which loses their answers. The next
// apply must converge: it writes exactly the tenants the state lacks, after which state and
// emulator agree on every tenant, the state holds each of the 1000 once, and a plan is empty.
//
// The provider runs as users run it, a plugin binary Terraform starts (through dev_overrides),
// so a SIGKILL of it leaves Terraform to handle a lost plugin; a provider served from the test
// process could not be killed without the test.
//
// It takes about a minute, so it runs only with AUTHPOLICY_PERF_RELIABILITY=1 (make
// test-reliability).
func TestAccInterruptedApply(t *testing.T) {
	if os.Getenv("AUTHPOLICY_PERF_RELIABILITY") == "" {
		t.Skip("set AUTHPOLICY_PERF_RELIABILITY=1 to run it (make test-reliability)")
	}
	cases := []struct {
		name string
		// interrupt ends the apply: cancel cancels its context, which terraform-exec turns
		// into a SIGINT to Terraform.
		interrupt func(t *testing.T, w *workspace, cancel context.CancelFunc)
	}{
		{"SIGINT to terraform", func(_ *testing.T, _ *workspace, cancel context.CancelFunc) { cancel() }},
		{"SIGKILL of the provider", func(t *testing.T, w *workspace, _ context.CancelFunc) {
			pids, err := providerProcesses(w)
			if err != nil {
				t.Error(err)
				return
			}
			// Only the apply's process is running: Terraform ends the plan's before the apply.
			if len(pids) != 1 {
				t.Errorf("found %d provider processes of this apply (%v), want 1", len(pids), pids)
			}
			for _, pid := range pids {
				if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
					t.Errorf("SIGKILL %d: %v", pid, err)
				}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The local backend, as most users start with: its file on disk is what an
			// interrupted Terraform leaves behind.
			k := fleetStatic
			k.httpState = false
			w := newWorkspace(t, k, interruptObjects)
			writes := func() int { return w.srv.CountsFor(emuacronis.Name, emuacronis.RoutePutMFAStatus) }

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			interrupted, ended := make(chan time.Duration, 1), make(chan struct{})
			start := time.Now()
			go func() {
				defer close(interrupted)
				for writes() < interruptAt {
					select {
					case <-ended:
						return
					case <-time.After(time.Millisecond):
					}
				}
				c.interrupt(t, w, cancel)
				interrupted <- time.Since(start)
			}()
			err := w.tf.Apply(ctx, tfexec.Var("variant=0"))
			took := time.Since(start)
			close(ended)
			at, ok := <-interrupted
			if !ok {
				t.Fatalf("the apply ended (%v) before the emulator saw %d writes: nothing was interrupted", err, interruptAt)
			}
			if err == nil {
				t.Fatalf("the apply interrupted at %d writes succeeded", interruptAt)
			}
			written := writes()
			held := fleetState(t, w)
			t.Logf("interrupted after %.1f s at %d writes; the apply ended after %.1f s with %d writes, %d tenants in state",
				at.Seconds(), interruptAt, took.Seconds(), written, len(held))
			if len(held) == 0 || len(held) >= interruptObjects || written >= interruptObjects {
				t.Fatalf("%d writes and %d tenants in state after the interruption: want it halfway", written, len(held))
			}
			// What the state holds was written; what it lacks may have been written too (an
			// answer lost with the provider), and the next apply writes it again.
			for id := range held {
				if s, _ := w.srv.Acronis().Tenant(id); !s.MFAEnabled {
					t.Errorf("tenant %s is in state but its MFA is disabled in the emulator", id)
				}
			}

			w.srv.ResetCounts()
			start = time.Now()
			if err := w.tf.Apply(context.Background(), tfexec.Var("variant=0")); err != nil {
				t.Fatalf("the next apply: %v", err)
			}
			t.Logf("the next apply took %.1f s", time.Since(start).Seconds())
			if got, want := writes(), interruptObjects-len(held); got != want {
				t.Errorf("the next apply wrote %d tenants, want the %d the state lacked", got, want)
			}
			if got, want := w.srv.CountsFor(emuacronis.Name, emuacronis.RouteGetMFAStatus), len(held); got != want {
				t.Errorf("the next apply read %d tenants, want the %d in state", got, want)
			}
			checkConverged(t, w)
		})
	}
}

// providerProcesses finds the processes of the provider binary that w's Terraform started: the
// plugin built for this test binary, with w's own environment.
func providerProcesses(w *workspace) ([]int, error) {
	exe := filepath.Join(pluginDir(w.tb), "real", "terraform-provider-authpolicy")
	mark := []byte("AUTHPOLICY_PERF_RSS_DIR=" + w.rssDir + "\x00")
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		// A process may end while we look: skip what can no longer be read.
		if path, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err != nil || path != exe {
			continue
		}
		environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		if bytes.Contains(environ, mark) {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// fleetState reads the state's authpolicy_tenant_mfa_status by tenant ID, failing the test for
// one held twice or held under a key that is not its tenant.
func fleetState(t *testing.T, w *workspace) map[string]bool {
	t.Helper()
	st, err := w.tf.Show(context.Background())
	if err != nil {
		t.Fatalf("terraform show: %v", err)
	}
	held := map[string]bool{}
	if st.Values == nil || st.Values.RootModule == nil {
		return held
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.Type != "authpolicy_tenant_mfa_status" {
			t.Errorf("unexpected %s in state", r.Address)
			continue
		}
		id, _ := r.AttributeValues["tenant_id"].(string)
		if id != r.Index || id == "" {
			t.Errorf("%s manages tenant %q", r.Address, id)
		}
		if held[id] {
			t.Errorf("tenant %s is in state twice", id)
		}
		held[id] = true
		if r.AttributeValues["enabled"] != true || r.AttributeValues["mfa_status"] != "enabled" {
			t.Errorf("%s: enabled %v, mfa_status %v in state, want true, enabled", r.Address,
				r.AttributeValues["enabled"], r.AttributeValues["mfa_status"])
		}
	}
	return held
}

// checkConverged asserts that state, emulator and configuration agree on the whole fleet.
func checkConverged(t *testing.T, w *workspace) {
	t.Helper()
	held := fleetState(t, w)
	if len(held) != w.n {
		t.Errorf("%d tenants in state, want %d", len(held), w.n)
	}
	for _, id := range fleetIDs(w.n) {
		if !held[id] {
			t.Errorf("tenant %s is missing from the state", id)
		}
		if s, _ := w.srv.Acronis().Tenant(id); !s.MFAEnabled || s.MFAStatus != "enabled" {
			t.Errorf("tenant %s in the emulator: mfa_enabled %v, status %q, want true, enabled", id, s.MFAEnabled, s.MFAStatus)
		}
	}
	start := time.Now()
	changes, err := w.tf.Plan(context.Background(), tfexec.Var("variant=0"))
	if err != nil {
		t.Fatalf("the plan after: %v", err)
	}
	t.Logf("the plan after took %.1f s", time.Since(start).Seconds())
	if changes {
		t.Error("the plan after the next apply has changes")
	}
}
