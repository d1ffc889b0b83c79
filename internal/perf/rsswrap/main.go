//go:build unix

// Command rsswrap stands in for a provider binary so the benchmarks can learn the provider
// process's peak resident memory, which Terraform, its parent, never reports. Installed as
// <dir>/terraform-provider-<name>, it runs <dir>/real/terraform-provider-<name> with the same
// arguments, standard streams and environment (go-plugin's handshake passes straight through),
// forwards interrupts, and when the provider exits writes the provider's peak RSS in KiB to a
// new file in $AUTHPOLICY_PERF_RSS_DIR. It exits as the provider did.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	provider := filepath.Join(filepath.Dir(self), "real", filepath.Base(self))
	cmd := exec.Command(provider, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err = cmd.Wait()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		fail(err)
	}
	if dir := os.Getenv("AUTHPOLICY_PERF_RSS_DIR"); dir != "" {
		if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			// Linux reports ru_maxrss in KiB.
			name := fmt.Sprintf("%s.%d", filepath.Base(self), cmd.Process.Pid)
			_ = os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "%d\n", usage.Maxrss), 0o600)
		}
	}
	os.Exit(code)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rsswrap:", err)
	os.Exit(1)
}
